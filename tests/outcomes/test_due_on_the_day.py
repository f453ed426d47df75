"""The day names the outcome measures each visit is due, read for every visit at once, and
agrees with what the session screen will ask for."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from repattern.outcomes import services as outcomes
from repattern.outcomes.schedule import due, due_next
from repattern.treatment import services
from tests.outcomes.conftest import hold


def _today_at(hour: int) -> datetime:
    day = timezone.localdate()
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def test_a_first_visit_is_due_pain_activities_and_stress(as_alice, plan, maria, alice):
    services.appointment_book(
        client=maria, practitioner=alice, starts_at=_today_at(9), by=alice, care_plan=plan
    )
    text = as_alice.get(f"/clinics/{maria.clinic_id}/today/").content.decode()
    titles = [i.title for i in due(plan)]
    assert titles and f"Measures due</strong>: {', '.join(titles)}." in text


def test_a_measure_filled_since_the_last_session_is_no_longer_due(plan, maria, alice):
    hold(plan, alice, pain=6)
    before = [i.id for i in due(plan)]
    assert "nprs" in before
    outcomes.response_record(
        client=maria,
        instrument_id="nprs",
        raw={"pain": "4"},
        entered_by="client",
        care_plan=plan,
    )
    plan.refresh_from_db()
    assert "nprs" not in [i.id for i in due(plan)]


def test_due_for_every_plan_at_once_agrees_with_one_plan_at_a_time(plan, maria, alice):
    hold(plan, alice, pain=6)
    hold(plan, alice, pain=5)
    other = services.careplan_create(client=maria, user=alice, complaint="Neck", planned_sessions=2)
    together = due_next([plan, other], maria.clinic_id)
    assert {k: [i.id for i in v] for k, v in together.items()} == {
        plan.pk: [i.id for i in due(plan)],
        other.pk: [i.id for i in due(other)],
    }


def test_a_closed_plan_is_due_nothing(plan, alice):
    hold(plan, alice, pain=6)
    plan.closed_at = timezone.now() - timedelta(days=1)
    assert due_next([plan], plan.client.clinic_id) == {}
