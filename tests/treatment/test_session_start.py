"""Alice starts a session with Maria's pain before, 0 to 10 for each area, and ends it.

A client who should see a doctor first, or has not consented, cannot have a session started.
"""

from __future__ import annotations

import html

import pytest

from repattern.audit.models import AuditEvent
from repattern.clients import services as client_services
from repattern.clients.models import PainArea
from repattern.treatment import services
from repattern.treatment.models import PainRating, TreatmentSession
from tests.characters import NO_FLAGS, signed_in

PAIN_SCALE = "Rate pain from 0 (none) to 10 (worst imaginable)."
SEE_A_DOCTOR = "The safety screen says see a doctor first"


def page(response) -> str:
    return html.unescape(response.content.decode())


def start(browser, client, **pain: int):
    data = {f"pain_{area_id}": value for area_id, value in pain.items()}
    return browser.post(f"/clients/{client.pk}/sessions/new/", {**data, "window_seconds": "45"})


@pytest.fixture
def knee(maria, alice) -> PainArea:
    return client_services.pain_area_add(
        client=maria, user=alice, region="knee", side="left", intensity=3
    )


@pytest.fixture
def flagged_maria(maria, alice):
    client_services.screen_record(client=maria, user=alice, answers={**NO_FLAGS, "fever": True})
    return maria


def test_starting_a_session_records_the_pain_before_for_each_area(as_alice, alice, maria, knee):
    back = maria.pain_areas.get(region="lower_back")
    form = page(as_alice.get(f"/clients/{maria.pk}/sessions/new/"))
    assert f'name="pain_{back.pk}"' in form and f'name="pain_{knee.pk}"' in form
    response = start(as_alice, maria, **{str(back.pk): 5, str(knee.pk): 0})
    session = TreatmentSession.objects.get()
    assert response.status_code == 302
    assert (session.client, session.practitioner, session.is_open) == (maria, alice, True)
    ratings = {(r.region, r.side, r.phase): r.intensity for r in session.pain_ratings.all()}
    assert ratings == {
        ("lower_back", "right", PainRating.Phase.BEFORE): 5,
        ("knee", "left", PainRating.Phase.BEFORE): 0,
    }
    assert AuditEvent.objects.filter(action="session_start", client=maria).exists()


def test_a_pain_of_eleven_is_refused_with_the_scale(as_alice, maria):
    back = maria.pain_areas.get()
    response = start(as_alice, maria, **{str(back.pk): 11})
    assert response.status_code == 200
    assert PAIN_SCALE in page(response)
    assert not TreatmentSession.objects.exists()


def test_every_pain_area_needs_a_rating(as_alice, maria, knee):
    back = maria.pain_areas.get(region="lower_back")
    response = start(as_alice, maria, **{str(back.pk): 4})
    assert "Rate this area's pain now, from 0 to 10." in page(response)
    assert not TreatmentSession.objects.exists()


def test_a_spot_listed_twice_in_the_history_is_rated_once(as_alice, alice, maria):
    client_services.pain_area_add(
        client=maria, user=alice, region="lower_back", side="right", intensity=2
    )
    first, second = maria.pain_areas.order_by("-intensity")
    response = start(as_alice, maria, **{str(first.pk): 4, str(second.pk): 4})
    assert response.status_code == 302
    assert TreatmentSession.objects.get().pain_ratings.count() == 1


def test_a_blocked_client_gets_the_reasons_and_no_session(as_alice, flagged_maria):
    back = flagged_maria.pain_areas.get()
    response = start(as_alice, flagged_maria, **{str(back.pk): 5})
    assert response.status_code == 409
    assert "A session cannot start yet." in page(response)
    assert SEE_A_DOCTOR in page(response)
    assert not TreatmentSession.objects.exists()


def test_the_blocked_form_is_not_offered(as_alice, flagged_maria):
    response = as_alice.get(f"/clients/{flagged_maria.pk}/sessions/new/")
    text = page(response)
    assert response.status_code == 200
    assert SEE_A_DOCTOR in text and "Start session</button>" not in text


def test_the_service_refuses_a_blocked_client_too(flagged_maria, alice):
    with pytest.raises(services.SessionBlocked) as blocked:
        services.session_start(client=flagged_maria, practitioner=alice, pain_before=[])
    assert any(SEE_A_DOCTOR in reason for reason in blocked.value.messages)
    assert not TreatmentSession.objects.exists()


def test_an_archived_client_cannot_have_a_session(maria, alice):
    client_services.client_archive(client=maria, user=alice)
    with pytest.raises(services.SessionBlocked, match="archived"):
        services.session_start(client=maria, practitioner=alice, pain_before=[])


def test_an_assistant_cannot_start_a_session(sam, maria):
    as_sam = signed_in(sam)
    back = maria.pain_areas.get()
    assert as_sam.get(f"/clients/{maria.pk}/sessions/new/").status_code == 403
    assert start(as_sam, maria, **{str(back.pk): 5}).status_code == 403
    assert not TreatmentSession.objects.exists()


def test_ending_a_session_closes_it_once_and_keeps_the_edited_note(as_alice, alice, maria):
    session = services.session_start(client=maria, practitioner=alice, pain_before=[])
    pain = {f"pain_{maria.pain_areas.get().pk}": "3"}
    response = as_alice.post(f"/sessions/{session.pk}/finish/", pain)
    assert (
        response.status_code == 302 and response["Location"] == f"/sessions/{session.pk}/summary/"
    )
    session.refresh_from_db()
    assert not session.is_open
    note = session.note
    note.subjective = "Edited by Alice"
    note.save()
    again = as_alice.post(f"/sessions/{session.pk}/finish/", pain)
    assert again.status_code == 302
    note.refresh_from_db()
    assert note.subjective == "Edited by Alice"
    assert AuditEvent.objects.filter(action="session_end", client=maria).count() == 1


def test_an_assistant_cannot_end_a_session(sam, alice, maria):
    session = services.session_start(client=maria, practitioner=alice, pain_before=[])
    assert signed_in(sam).post(f"/sessions/{session.pk}/finish/", {}).status_code == 403
    session.refresh_from_db()
    assert session.is_open


def test_another_practitioner_cannot_end_a_colleagues_session(
    django_user_model, northside, alice, maria
):
    from tests.characters import make_user

    ben = make_user(django_user_model, "ben", northside, "practitioner")
    session = services.session_start(client=maria, practitioner=alice, pain_before=[])
    assert signed_in(ben).post(f"/sessions/{session.pk}/finish/", {}).status_code == 403
    session.refresh_from_db()
    assert session.is_open
