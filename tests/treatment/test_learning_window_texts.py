"""Psoas is confirmed with quadratus lumborum: the learning window shows a release and an
activation short enough to read while the seconds run; the full technique folds below, and the
home program carries the client's longer version."""

from __future__ import annotations

import html
import re

from repattern.engine.atlas import load_atlas
from repattern.engine.atlas.schema import WINDOW_TEXT_MAX
from repattern.programs.services import program_draft
from repattern.treatment import services
from tests.treatment.conftest import confirm, correct

PSOAS, QL = "psoas_major:left", "quadratus_lumborum:left"


def step_text(page: str, heading: str) -> str:
    found = re.search(rf"<h3>{re.escape(heading)}</h3>\s*<p>(.*?)</p>", page, flags=re.S)
    assert found is not None, heading
    return html.unescape(found.group(1))


def test_the_window_shows_the_short_texts_and_folds_the_full_ones(session, alice, as_alice):
    confirm(session, alice, PSOAS, QL)
    page = as_alice.get(f"/sessions/{session.pk}/").content.decode()
    atlas = load_atlas()
    release = step_text(page, "1. Release Quadratus lumborum, left")
    activation = step_text(page, "2. Activate Psoas major, left")
    assert release == atlas.get("quadratus_lumborum").window_release
    assert activation == atlas.get("psoas_major").window_activation
    assert len(release) <= WINDOW_TEXT_MAX and len(activation) <= WINDOW_TEXT_MAX
    assert page.count('<details class="hint window-more"><summary>The full technique') == 2
    assert html.escape(atlas.get("quadratus_lumborum").release) in page


def test_the_longer_work_goes_home_in_the_program(session, alice):
    correct(session, alice, confirm(session, alice, PSOAS, QL))
    services.session_end(session=session, user=alice)
    version = program_draft(session=session, user=alice)
    assert version is not None
    exercise = version.exercises.get()
    assert exercise.release == load_atlas().get("quadratus_lumborum").home_release
    assert len(exercise.release) > WINDOW_TEXT_MAX
