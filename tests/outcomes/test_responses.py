"""Responses to instruments, the session's pain as the same pain rating, and what is due."""

from __future__ import annotations

import pytest

from repattern.audit.models import AuditAction, AuditEvent
from repattern.outcomes import schedule, services
from repattern.outcomes.change import minimal_detectable_change
from repattern.outcomes.models import Response
from repattern.treatment.services import session_finish, session_start
from tests.outcomes.conftest import hold

PSFS = {
    "activity_1": "Climbing stairs",
    "score_1": "3",
    "activity_2": "Running",
    "score_2": "2",
    "activity_3": "Lifting my child",
    "score_3": "4",
}


def test_pain_before_and_after_a_session_become_pain_ratings_of_the_worst_area(maria, alice):
    session = session_start(
        client=maria,
        practitioner=alice,
        pain_before=[("lower_back", "right", 6), ("neck_back", "left", 2)],
    )
    session_finish(
        session=session,
        user=alice,
        pain_after=[("lower_back", "right", 3)],
        after_effects=[],
        after_effects_note="",
    )
    before, after = Response.objects.filter(client=maria, instrument="nprs")
    assert (before.phase, before.score, before.session) == ("before", 6, session)
    assert before.answer("where") == "right lower back 6/10; left back of neck 2/10"
    assert (after.phase, after.score) == ("after", 3)
    assert after.entered_by == Response.EnteredBy.SESSION
    assert after.recorded_by == alice


def test_a_response_keeps_who_entered_it_and_is_audited(maria, plan):
    response = services.response_record(
        client=maria,
        instrument_id="psfs",
        raw=PSFS,
        entered_by=Response.EnteredBy.CLIENT,
        actor="Maria Lopez (portal)",
        care_plan=plan,
    )
    assert response.score == 3
    assert response.actor == "Maria Lopez (portal)"
    fhir = response.to_fhir()
    assert fhir["resourceType"] == "QuestionnaireResponse"
    assert fhir["item"][1] == {
        "linkId": "score_1",
        "text": fhir["item"][1]["text"],
        "answer": [{"valueInteger": 3}],
    }
    row = AuditEvent.objects.get(action=AuditAction.RESPONSE_RECORD, record_id=str(response.pk))
    assert row.actor == "Maria Lopez (portal)"
    assert row.client_id == maria.pk


def test_answers_that_do_not_fit_are_refused_with_each_problem(maria):
    with pytest.raises(services.AnswerProblems) as refused:
        services.response_record(
            client=maria,
            instrument_id="psfs",
            raw={**PSFS, "score_2": "12", "activity_3": ""},
            entered_by=Response.EnteredBy.CLIENT,
        )
    assert refused.value.problems == {
        "score_2": "Give a number from 0 to 10.",
        "activity_3": "Answer this question.",
    }
    assert not Response.objects.exists()


def test_a_licensed_questionnaire_without_its_text_cannot_be_filled_in(maria, alice):
    with pytest.raises(services.ValidationError):
        services.response_record(
            client=maria, instrument_id="odi", raw={}, entered_by="room", user=alice
        )


def test_the_first_session_wants_pain_activities_and_stress(plan, alice):
    assert [i.id for i in schedule.due(plan)] == ["nprs", "psfs", "stress"]
    first = hold(plan, alice, pain=6, end=False)
    # The pain rated before the session is the pain rating the schedule wants.
    assert [i.id for i in schedule.due(plan, first)] == ["psfs", "stress"]
    services.response_record(
        client=plan.client,
        instrument_id="psfs",
        raw=PSFS,
        entered_by=Response.EnteredBy.ROOM,
        user=alice,
        session=first,
    )
    assert [i.id for i in schedule.due(plan, first)] == ["stress"]


def test_activities_come_back_every_second_session_and_the_change_rating_at_the_last(plan, alice):
    plan.planned_sessions = 4
    plan.save()
    hold(plan, alice, pain=6)
    assert [i.id for i in schedule.due(plan)] == ["nprs"]  # session 2: pain
    hold(plan, alice, pain=5)
    assert [i.id for i in schedule.due(plan)] == ["nprs", "psfs"]  # session 3
    hold(plan, alice, pain=5)
    assert [i.id for i in schedule.due(plan)] == ["nprs", "psfs", "groc"]  # 4, the last


def test_what_the_client_filled_in_at_home_counts_for_the_next_session(plan, alice):
    hold(plan, alice, pain=6)
    hold(plan, alice, pain=5)
    for instrument_id, raw in (("psfs", PSFS), ("nprs", {"pain": "4"})):
        services.response_record(
            client=plan.client,
            instrument_id=instrument_id,
            raw=raw,
            entered_by=Response.EnteredBy.CLIENT,
            care_plan=plan,
        )
    assert [i.id for i in schedule.due(plan)] == []
    third = hold(plan, alice, pain=4, end=False)
    assert [i.id for i in schedule.due(plan, third)] == []


def test_the_minimal_detectable_change_comes_from_ten_same_day_pairs(maria, alice):
    def measure(value: float) -> None:
        services.response_record(
            client=maria,
            instrument_id="force",
            raw={"muscle": "Psoas major", "side": "left", "force": str(value)},
            entered_by="room",
            user=alice,
        )

    for _ in range(9):
        measure(100)
        measure(102)
    # Nine pairs: the measuring error is not claimed.
    assert minimal_detectable_change(maria.clinic_id, "force", "psoas major · left") is None
    measure(100)
    measure(102)
    # Ten differences of 2: SEM = sqrt(10 * 4 / 20) = sqrt(2); MDC = 1.96 * sqrt(2) * sqrt(2).
    mdc = minimal_detectable_change(maria.clinic_id, "force", "psoas major · left")
    assert mdc == pytest.approx(3.92)
    assert minimal_detectable_change(maria.clinic_id, "force", "psoas major · right") is None
