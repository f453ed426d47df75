"""A region challenge covers several candidates under one contact: it is recorded in one event
with its members, weighed with the practitioner's region reliability, counted against the
window like a challenge, and refused in words when it is malformed, storing nothing."""

from __future__ import annotations

import uuid

import pytest

from repattern.engine import Posterior, TestModel, estimate_reliability
from repattern.engine.session import WINDOW_TESTS, EventKind
from repattern.treatment import reliability, screen, summary
from repattern.treatment.inputs import practitioner_model, session_record
from repattern.treatment.models import SessionEvent
from repattern.treatment.regions import region_view
from repattern.treatment.templatetags.treatment_tags import event_words
from tests.treatment.conftest import confirm, correct, record

PSOAS = "psoas_major:left"
FLANK = "left flank"
FLANK_MEMBERS = ("quadratus_lumborum:left", "external_oblique:left", "internal_oblique:left")


def region(session, user, result="holds", members=FLANK_MEMBERS, name=FLANK):
    return record(
        session,
        user,
        kind="region",
        site=PSOAS,
        region=name,
        members=members,
        challenge="touch",
        result=result,
    )


def finding(session):
    [found] = screen.session_state(session).findings
    return found


def together(found, members=FLANK_MEMBERS) -> float:
    return sum(c.probability for c in found.candidates if c.site in members)


def test_a_region_challenge_is_stored_once_with_its_members_and_logged_in_words(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    event, created = region(session, alice)
    assert created and event.kind == EventKind.REGION
    assert (event.region, event.members) == (FLANK, list(FLANK_MEMBERS))
    assert event_words(event) == (
        "Region challenge of the left flank (quadratus lumborum, external oblique, internal "
        "oblique) for Psoas major, left: the muscle held"
    )


def test_a_region_that_held_raises_its_members_together_and_uses_one_of_the_windows_tests(
    session, alice
):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    before = finding(session)
    region(session, alice)
    after = finding(session)
    assert together(after) > together(before)
    assert after.tests_left == WINDOW_TESTS - 1
    assert not any(c.may_confirm for c in after.candidates), "a region names no one structure"


def test_a_region_that_stayed_weak_lowers_its_members_together(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    before = finding(session)
    region(session, alice, result="weak")
    assert together(finding(session)) < together(before)


def test_the_summary_counts_a_region_challenge_as_a_challenge(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    region(session, alice)
    assert summary.session_summary(session).challenges == 1


def test_the_screen_offers_regions_and_may_suggest_one_with_its_members_in_words(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    found = finding(session)
    assert found.regions, "the atlas's contacts over this search are offered"
    shown = found.regions[0]
    assert shown.words.startswith(f"the {shown.name} (") and "_" not in shown.words
    assert found.region is not None and found.suggestion is not None
    assert found.region.members == found.suggestion.candidates
    assert found.region.name not in [r.name for r in found.regions], "offered once"
    assert "_" not in found.reason and "bits" not in found.reason


def test_a_region_over_the_clients_scar_reads_as_the_practitioner_says_it(session, alice):
    record(session, alice, kind="test", site="psoas_major:right", result="weak")
    members = ("scar:lower_abdomen:right", "rectus_abdominis:right", "external_oblique:right")
    event, _ = record(
        session,
        alice,
        kind="region",
        site="psoas_major:right",
        region="right lower abdomen",
        members=members,
        challenge="touch",
        result="weak",
    )
    belief = Posterior.from_prior(dict.fromkeys(members, 1.0))
    shown = region_view(session_record(session).atlas, belief, event.region, members)
    assert f"Challenge {shown.words}" == (
        "Challenge the right lower abdomen (scar, rectus abdominis, external oblique)"
    )
    assert event_words(event).startswith(
        "Region challenge of the right lower abdomen (scar, rectus abdominis, external oblique)"
    )


def post(browser, session, **fields):
    return browser.post(
        f"/sessions/{session.pk}/events/", {"event_id": str(uuid.uuid4()), **fields}
    )


def test_a_region_challenge_posted_by_the_page_answers_with_the_screen(as_alice, session):
    post(as_alice, session, kind="test", site=PSOAS, result="weak")
    response = post(
        as_alice,
        session,
        kind="region",
        site=PSOAS,
        region=FLANK,
        members=",".join(FLANK_MEMBERS),
        challenge="touch",
        result="holds",
    )
    assert response.status_code == 200
    assert "Region challenge of the left flank" in response.content.decode()
    assert SessionEvent.objects.filter(kind="region").count() == 1


MALFORMED = {
    "no region named": ({"members": ",".join(FLANK_MEMBERS)}, "Say which region was challenged."),
    "a region the atlas does not have": (
        {"region": "left elbow pit", "members": ",".join(FLANK_MEMBERS)},
        "'left elbow pit' is not a region of the atlas",
    ),
    "a structure the contact does not cover": (
        {"region": FLANK, "members": "quadratus_lumborum:left,rectus_femoris:left"},
        "The left flank does not cover rectus_femoris:left",
    ),
    "the other side's structure": (
        {"region": FLANK, "members": "quadratus_lumborum:left,quadratus_lumborum:right"},
        "does not cover quadratus_lumborum:right",
    ),
    "a structure not in the atlas": (
        {"region": FLANK, "members": "quadratus_lumborum:left,wing:left"},
        "A structure of the region is not in the atlas",
    ),
    "a single member": (
        {"region": FLANK, "members": "quadratus_lumborum:left"},
        "A region challenge covers 2 or more different structures",
    ),
    "no members": ({"region": FLANK, "members": ""}, "A region challenge covers 2 or more"),
    "a candidate besides the region": (
        {
            "region": FLANK,
            "members": ",".join(FLANK_MEMBERS),
            "candidate": "quadratus_lumborum:left",
        },
        "A region challenge names its region and members, not one candidate",
    ),
    "a pattern besides the region": (
        {"region": FLANK, "members": ",".join(FLANK_MEMBERS), "pattern_id": "1"},
        "A region challenge belongs to the search, not to a confirmed pattern",
    ),
    "no result": (
        {"region": FLANK, "members": ",".join(FLANK_MEMBERS), "result": ""},
        "Say whether the muscle held or was weak.",
    ),
    "members too long to be a region": (
        {"region": FLANK, "members": "x" * 1001},
        "A region challenge lists at most a few structures.",
    ),
}


@pytest.mark.parametrize(("fields", "sentence"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_region_challenge_is_refused_in_words_and_nothing_is_stored(
    as_alice, session, fields, sentence
):
    post(as_alice, session, kind="test", site=PSOAS, result="weak")
    sent = {"kind": "region", "site": PSOAS, "challenge": "touch", "result": "holds", **fields}
    response = post(as_alice, session, **sent)
    assert response.status_code in (400, 409)
    assert sentence in response.json()["error"]
    assert SessionEvent.objects.filter(kind="region").count() == 0


def test_a_region_challenge_before_the_muscle_tested_weak_is_refused(as_alice, session):
    response = post(
        as_alice,
        session,
        kind="region",
        site=PSOAS,
        region=FLANK,
        members=",".join(FLANK_MEMBERS),
        result="holds",
    )
    assert response.status_code == 409
    assert "Test Psoas major, left first" in response.json()["error"]
    assert not SessionEvent.objects.exists()


def test_a_practitioner_with_no_region_record_starts_from_cautious_defaults(session, alice):
    models = practitioner_model(session, session_record(session).log)
    assert models.region == TestModel.from_record()
    assert models.model == estimate_reliability().model, "single challenges: the same defaults"
    assert models.region.levels and models.model.levels, "both models carry their uncertainty"
    assert "Region challenges start from the same cautious typical figures" in models.words


def test_region_challenges_before_a_corrected_pattern_teach_the_region_reliability(session, alice):
    record(session, alice, kind="test", site=PSOAS, result="weak")
    region(session, alice)  # the confirmed compensator is under the flank: held when it is
    region(
        session,
        alice,
        result="weak",
        name="left lower abdomen",
        members=("external_oblique:left", "internal_oblique:left"),
    )
    # Neither of those is the compensator: a weak result when it is not.
    correct(session, alice, confirm(session, alice, PSOAS, "quadratus_lumborum:left"))
    model, basis = reliability.region_model_of(alice)
    assert basis == 2
    assert model == TestModel.from_record(1, 0, 0, 1)
    assert model.sensitivity > TestModel.from_record().sensitivity
