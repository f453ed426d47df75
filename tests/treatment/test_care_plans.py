"""A care plan is a course of sessions; its planned dates export as iCalendar."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from repattern.treatment import services


def test_a_plan_suggests_the_next_date_one_interval_after_the_last_session(maria, alice):
    plan = services.careplan_create(
        client=maria,
        user=alice,
        complaint="Low back pain",
        planned_sessions=6,
        interval_days=7,
        start_date=timezone.localdate(),
    )
    assert plan.next_date() == timezone.localdate()
    services.session_start(client=maria, practitioner=alice, pain_before=[], care_plan=plan)
    assert plan.next_date() == timezone.localdate() + timedelta(days=7)
    assert len(plan.schedule()) == 6


def test_a_plan_with_all_sessions_held_suggests_no_date(maria, alice):
    plan = services.careplan_create(
        client=maria,
        user=alice,
        complaint="Neck",
        planned_sessions=1,
        interval_days=14,
        start_date=timezone.localdate(),
    )
    services.session_start(client=maria, practitioner=alice, pain_before=[], care_plan=plan)
    assert plan.next_date() is None


def test_the_ics_download_is_for_members_only(as_alice, as_bob, maria, alice):
    plan = services.careplan_create(
        client=maria,
        user=alice,
        complaint="Back",
        planned_sessions=4,
        interval_days=7,
        start_date=date(2026, 12, 1),
    )
    response = as_alice.get(f"/care-plans/{plan.pk}/sessions.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert as_bob.get(f"/care-plans/{plan.pk}/sessions.ics").status_code == 404


def test_a_bad_care_plan_form_says_what_to_fix(as_alice, maria):
    response = as_alice.post(
        f"/clients/{maria.pk}/care-plans/new/",
        {
            "complaint": "",
            "planned_sessions": "50",
            "interval_days": "7",
            "start_date": "2026-02-30",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in text and "less than or equal to 20" in text
    assert "Enter a real date" in text


def test_a_made_up_calendar_address_gives_nothing(client, db):
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


def test_an_assistant_has_no_calendar_feed(sam, maria):
    from tests.characters import signed_in

    assert signed_in(sam).get(f"/clinics/{maria.clinic_id}/calendar/").status_code == 403


def test_a_start_date_far_from_today_is_refused_with_a_message(as_alice, maria):
    response = as_alice.post(
        f"/clients/{maria.pk}/care-plans/new/",
        {
            "complaint": "Back",
            "planned_sessions": "6",
            "interval_days": "7",
            "start_date": "9999-12-31",
        },
    )
    assert response.status_code == 200
    assert "within two years of today" in response.content.decode()
    assert not maria.care_plans.exists()


def test_a_care_plan_can_be_edited_and_the_next_dates_follow(as_alice, maria, alice):
    plan = services.careplan_create(
        client=maria,
        user=alice,
        complaint="Back",
        planned_sessions=4,
        interval_days=7,
        start_date=timezone.localdate(),
    )
    response = as_alice.post(
        f"/care-plans/{plan.pk}/edit/",
        {
            "complaint": "Back and hip",
            "planned_sessions": "6",
            "interval_days": "14",
            "start_date": str(timezone.localdate()),
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.complaint == "Back and hip" and len(plan.schedule()) == 6
    days = [day for _, day, _ in plan.schedule()]
    assert days[1] - days[0] == timedelta(days=14)
