"""The outcome pages: filled in the room and on the portal, read on the client page, the
review of a plan without important change, and a clinic's licensed questionnaire."""

from __future__ import annotations

import json

from repattern.audit.models import AuditAction, AuditEvent
from repattern.outcomes.models import ClinicInstrument, Response, Review
from repattern.treatment.services import session_finish
from tests.outcomes.conftest import hold
from tests.outcomes.licensed import stand_in, stand_in_bytes
from tests.outcomes.test_responses import PSFS
from tests.portal.conftest import portal_browser


def test_pain_now_is_the_latest_pain_rating_not_the_intake(as_alice, maria, session, alice):
    session_finish(
        session=session,
        user=alice,
        pain_after=[("lower_back", "right", 3)],
        after_effects=[],
        after_effects_note="",
    )
    page = as_alice.get(f"/clients/{maria.pk}/").content.decode()
    assert "<dt>Pain now</dt><dd>3/10 after the session of" in page
    assert "(right lower back 3/10)" in page


def test_a_due_questionnaire_is_filled_in_the_room(as_alice, plan, alice):
    first = hold(plan, alice, pain=6, end=False)
    screen = as_alice.get(f"/sessions/{first.pk}/").content.decode()
    assert f'href="/sessions/{first.pk}/measures/psfs/"' in screen
    refused = as_alice.post(f"/sessions/{first.pk}/measures/psfs/", {**PSFS, "score_2": "11"})
    assert refused.status_code == 422
    assert "Give a number from 0 to 10." in refused.content.decode()
    saved = as_alice.post(f"/sessions/{first.pk}/measures/psfs/", PSFS)
    assert saved.status_code == 302
    response = Response.objects.get(instrument="psfs")
    assert (response.entered_by, response.recorded_by, response.session) == ("room", alice, first)
    screen = as_alice.get(f"/sessions/{first.pk}/").content.decode()
    assert f'href="/sessions/{first.pk}/measures/psfs/"' not in screen.split("Record another")[0]


def test_the_client_fills_the_activities_on_the_portal_and_sees_the_chart(plan, alice, as_alice):
    phone, _ = portal_browser(plan.client, alice)
    home = phone.get("/portal/").content.decode()
    assert 'href="/portal/measures/psfs/"' in home
    assert phone.post("/portal/measures/psfs/", PSFS).status_code == 302
    response = Response.objects.get(instrument="psfs")
    assert response.entered_by == "client" and response.care_plan == plan
    progress = phone.get("/portal/progress/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in progress
    assert "Activities" in progress
    staff = as_alice.get(f"/clients/{plan.client.pk}/").content.decode()
    assert "Activities" in staff and "baseline 3" in staff


def test_the_portal_refuses_a_questionnaire_that_is_not_due(plan, alice):
    phone, _ = portal_browser(plan.client, alice)
    assert phone.get("/portal/measures/groc/").status_code == 302
    assert phone.post("/portal/measures/groc/", {"change": "5"}).status_code == 302
    assert not Response.objects.filter(instrument="groc").exists()


def test_no_change_by_session_4_asks_for_a_review_and_keeps_the_decision(plan, alice, as_alice):
    for pain in (6, 6, 5, 6):
        hold(plan, alice, pain=pain)
    today = as_alice.get(f"/clinics/{plan.client.clinic_id}/today/").content.decode()
    assert f'href="/care-plans/{plan.pk}/review/"' in today
    assert "exercise therapy first" in today
    refused = as_alice.post(f"/care-plans/{plan.pk}/review/", {"decision": "continue"})
    assert refused.status_code == 422
    assert "Say why the plan goes on as it is." in refused.content.decode()
    as_alice.post(f"/care-plans/{plan.pk}/review/", {"decision": "refer_exercise"})
    review = Review.objects.get(care_plan=plan)
    assert (review.decision, review.sessions_held, review.decided_by) == (
        "refer_exercise",
        4,
        alice,
    )
    today = as_alice.get(f"/clinics/{plan.client.clinic_id}/today/").content.decode()
    assert f'href="/care-plans/{plan.pk}/review/"' not in today


def test_an_important_change_makes_a_responder_and_asks_for_nothing(plan, alice, as_alice):
    for pain in (6, 5, 4, 3):
        hold(plan, alice, pain=pain)
    page = as_alice.get(f"/clients/{plan.client.pk}/").content.decode()
    assert "Responder" in page
    today = as_alice.get(f"/clinics/{plan.client.clinic_id}/today/").content.decode()
    assert "/review/" not in today


def test_an_upload_with_errors_is_refused_whole_with_every_error(as_olivia, northside):
    broken = stand_in()
    broken["item"][2]["type"] = "integr"
    broken["item"].pop(9)
    upload = _file("odi.json", json.dumps(broken).encode())
    page = as_olivia.post(f"/clinics/{northside.pk}/instruments/", {"questionnaire": upload})
    assert page.status_code == 422
    text = page.content.decode()
    assert "odi.json: item 3: type: Input should be" in text
    assert "odi.json: item 10: linkId: the rules score it; add it" in text
    assert not ClinicInstrument.objects.exists()


def test_an_uploaded_licensed_text_works_for_that_clinic_only(as_olivia, northside, bob, plan):
    upload = _file("odi.json", stand_in_bytes())
    assert as_olivia.post(f"/clinics/{northside.pk}/instruments/", {"questionnaire": upload})
    assert AuditEvent.objects.filter(action=AuditAction.INSTRUMENT_UPLOAD).count() == 1
    session = hold(plan, plan.client.clinic.memberships.get(role="owner").user, 5, end=False)
    answers = {str(n): "2" for n in range(1, 11)}
    assert as_olivia.post(f"/sessions/{session.pk}/measures/odi/", answers).status_code == 302
    assert Response.objects.get(instrument="odi").score == 40
    from repattern.outcomes.registry import instrument_for

    assert instrument_for(bob.memberships.get().clinic_id, "odi") is None


def test_a_practitioner_cannot_upload_and_another_clinic_sees_nothing(as_alice, as_bob, plan):
    clinic = plan.client.clinic_id
    upload = _file("odi.json", stand_in_bytes())
    refused = as_alice.post(f"/clinics/{clinic}/instruments/", {"questionnaire": upload})
    assert refused.status_code == 403
    assert not ClinicInstrument.objects.exists()
    assert as_bob.get(f"/clients/{plan.client.pk}/outcomes/").status_code == 404
    assert as_bob.get(f"/care-plans/{plan.pk}/review/").status_code == 404


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/json")


def test_a_plan_has_its_own_schedule_once_saved(as_alice, plan):
    page = as_alice.get(f"/care-plans/{plan.pk}/").content.decode()
    assert 'name="psfs-every" min="0" max="20" value="2"' in page
    as_alice.post(f"/care-plans/{plan.pk}/measures/", {"stress-first": "on", "stress-every": "1"})
    from repattern.outcomes.schedule import due

    assert [i.id for i in due(plan)] == ["stress"]
    refused = as_alice.post(f"/care-plans/{plan.pk}/measures/", {"nprs-every": "x"})
    assert refused.status_code == 302
    assert [i.id for i in due(plan)] == ["stress"]


def test_outcomes_download_as_fhir_with_the_nprs_loinc_code(as_alice, plan, alice):
    hold(plan, alice, pain=6)
    download = as_alice.get(f"/clients/{plan.client.pk}/outcomes.fhir.json")
    assert download["Content-Type"] == "application/fhir+json"
    bundle = json.loads(download.content)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["QuestionnaireResponse", "Observation"]
    observation = bundle["entry"][1]["resource"]
    assert observation["code"]["coding"][0]["code"] == "72514-3"
    assert observation["valueQuantity"]["value"] == 6
    assert AuditEvent.objects.filter(summary="outcomes as FHIR").count() == 1


def test_hrv_is_observed_in_words_not_with_the_sdnn_code(as_alice, maria, alice):
    from repattern.outcomes.services import response_record

    response_record(
        client=maria, instrument_id="hrv_rmssd", raw={"rmssd": "42"}, entered_by="room", user=alice
    )
    bundle = json.loads(as_alice.get(f"/clients/{maria.pk}/outcomes.fhir.json").content)
    observation = bundle["entry"][-1]["resource"]
    assert observation["code"] == {"text": "Heart-rate variability (RMSSD)"}
    assert observation["valueQuantity"]["code"] == "ms"


def test_the_owner_sets_when_a_plan_without_change_is_reviewed(as_olivia, plan, alice, as_alice):
    clinic = plan.client.clinic_id
    for pain in (6, 6, 6):
        hold(plan, alice, pain=pain)
    assert "/review/" not in as_alice.get(f"/clinics/{clinic}/today/").content.decode()
    refused = as_olivia.post(f"/clinics/{clinic}/instruments/", {"review_after": "1"})
    assert refused.status_code == 422
    as_olivia.post(f"/clinics/{clinic}/instruments/", {"review_after": "3"})
    today = as_alice.get(f"/clinics/{clinic}/today/").content.decode()
    assert f'href="/care-plans/{plan.pk}/review/"' in today
