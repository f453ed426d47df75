"""Psoas tests weak: the screen lists the three leaders first and folds the less likely ones
under "N more candidates", never folding the one (or the region's members) suggested, one
already tried or the client's own scar."""

from __future__ import annotations

import re

from repattern.treatment import screen
from repattern.treatment.screen import LEADERS_SHOWN
from tests.treatment.conftest import held, record

PSOAS = "psoas_major:left"


def finding(session):
    [found] = screen.session_state(session).findings
    return found


def test_the_leaders_come_first_and_the_rest_fold(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    found = finding(session)
    assert found.candidates[:LEADERS_SHOWN] == found.leaders[:LEADERS_SHOWN]
    assert found.others and len(found.leaders) + len(found.others) == len(found.candidates)
    assert set(found.leaders).isdisjoint(found.others)


def test_the_suggested_tried_and_the_clients_scar_stay_unfolded(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    last = finding(session).others[-1]
    held(session, alice, PSOAS, last.site)
    found = finding(session)
    shown = [c.site for c in found.leaders]
    assert last.site in shown
    # The suggestion may be one structure or a region: whatever it names stays in view.
    assert found.suggestion is not None
    listed = {c.site for c in found.candidates}
    assert set(found.suggestion.candidates) & listed <= set(shown)
    assert any(site.startswith("scar:") for site in shown)


def test_the_page_folds_the_rest_in_an_openable_list(session, alice, as_alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    found = finding(session)
    page = as_alice.get(f"/sessions/{session.pk}/").content.decode()
    summary = re.search(r'<details class="more-candidates">\s*<summary>(.*?)</summary>', page)
    assert summary is not None
    assert summary.group(1) == f"{len(found.others)} more candidates, less likely"
    folded = page[summary.end() :]
    assert f'data-candidate="{found.others[0].site}"' in folded
    assert f'data-candidate="{found.leaders[0].site}"' not in folded
    ids = re.findall(r'id="(kind-[^"]+)"', page)
    assert len(ids) == len(set(ids)) == len(found.candidates)
