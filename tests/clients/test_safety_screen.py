"""Any "yes" on the safety screen blocks sessions until a doctor clears it or the owner overrides.

Without consent to the current text no session starts either.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.utils import timezone

from repattern.clients import services
from repattern.clients.models import Clearance, Client, Consent, EnteredBy, ScreenStatus
from repattern.clients.screening import CONSENT_VERSION, QUESTION_IDS
from repattern.clients.services import ClientDetails
from tests.characters import NO_FLAGS, signed_in

SEE_A_DOCTOR = (
    "The safety screen says see a doctor first: record the doctor's clearance, "
    "or the clinic owner can override with a written reason."
)
NO_CONSENT = "The client has not signed the current consent."
REASON = "Her GP is on leave; the night pain is a known, stable old injury."


def page(response) -> str:
    return html.unescape(response.content.decode())


def screen_answers(*yes: str) -> dict[str, str]:
    return {q: "yes" if q in yes else "no" for q in QUESTION_IDS}


@pytest.fixture
def nora(northside, alice) -> Client:
    """A client just registered: not screened, no consent."""
    return services.client_create(
        clinic=northside,
        user=alice,
        details=ClientDetails(first_name="Nora", last_name="Quinn", date_of_birth=date(1980, 5, 5)),
    )


@pytest.fixture
def flagged_maria(maria, alice) -> Client:
    services.screen_record(client=maria, user=alice, answers={**NO_FLAGS, "night_pain": True})
    return maria


def test_a_clear_screen_and_consent_let_a_session_start(as_alice, nora):
    response = as_alice.post(f"/clients/{nora.pk}/screen/", screen_answers(), follow=True)
    assert "Safety screen recorded: no flags." in page(response)
    assert nora.screen_status() == ScreenStatus.CLEAR
    assert nora.session_blockers() == [NO_CONSENT]
    as_alice.post(f"/clients/{nora.pk}/consent/", {"signed_name": "Nora Quinn", "agree": "on"})
    assert nora.session_blockers() == []


def test_any_yes_means_see_a_doctor_first_and_blocks_sessions(as_alice, maria):
    response = as_alice.post(
        f"/clients/{maria.pk}/screen/", screen_answers("fever", "night_pain"), follow=True
    )
    assert "See a doctor first: Fever, Night pain." in page(response)
    assert maria.screen_status() == ScreenStatus.SEE_DOCTOR
    assert maria.session_blockers() == [SEE_A_DOCTOR]
    detail = page(as_alice.get(f"/clients/{maria.pk}/"))
    assert 'Safety screen: <span class="status-label">See a doctor first' in detail
    assert SEE_A_DOCTOR in detail


def test_a_doctors_clearance_unblocks(as_alice, flagged_maria, alice):
    cleared_on = timezone.localdate() - timedelta(days=2)
    response = as_alice.post(
        f"/clients/{flagged_maria.pk}/clearance/",
        {
            "cleared_by": "Dr Jane Webb, GP",
            "cleared_on": cleared_on.isoformat(),
            "note": "Night pain investigated; fit for manual therapy.",
        },
        follow=True,
    )
    assert "Clearance recorded. Sessions can start." in page(response)
    clearance = Clearance.objects.get()
    assert (clearance.kind, clearance.cleared_by, clearance.cleared_on) == (
        Clearance.Kind.CLEARANCE,
        "Dr Jane Webb, GP",
        cleared_on,
    )
    assert clearance.recorded_by == alice
    assert clearance.screen == flagged_maria.latest_screen()
    assert flagged_maria.screen_status() == ScreenStatus.CLEARED
    assert flagged_maria.session_blockers() == []


def test_a_clearance_needs_the_doctor_and_a_date_not_in_the_future(as_alice, flagged_maria):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = as_alice.post(
        f"/clients/{flagged_maria.pk}/clearance/",
        {"cleared_by": "", "cleared_on": tomorrow.isoformat(), "note": "Fine."},
    )
    text = page(response)
    assert "This field is required." in text
    assert "The clearance date cannot be in the future." in text
    assert not Clearance.objects.exists()


def test_there_is_nothing_to_clear_on_a_clear_screen(as_alice, maria):
    response = as_alice.post(
        f"/clients/{maria.pk}/clearance/",
        {"cleared_by": "Dr Webb", "cleared_on": timezone.localdate().isoformat(), "note": "Ok."},
    )
    assert "There is no flagged safety screen to clear." in page(response)
    assert not Clearance.objects.exists()


def test_the_owners_override_with_a_reason_unblocks(as_olivia, flagged_maria, olivia):
    response = as_olivia.post(
        f"/clients/{flagged_maria.pk}/override/", {"reason": REASON}, follow=True
    )
    assert "Override recorded with your reason. Sessions can start." in page(response)
    override = Clearance.objects.get()
    assert (override.kind, override.note, override.recorded_by) == (
        Clearance.Kind.OVERRIDE,
        REASON,
        olivia,
    )
    assert flagged_maria.screen_status() == ScreenStatus.OVERRIDDEN
    assert flagged_maria.session_blockers() == []


def test_a_practitioner_cannot_override(as_alice, flagged_maria):
    response = as_alice.post(f"/clients/{flagged_maria.pk}/override/", {"reason": REASON})
    assert response.status_code == 403
    assert not Clearance.objects.exists()
    detail = page(as_alice.get(f"/clients/{flagged_maria.pk}/"))
    assert "Record doctor's clearance" in detail and ">Override</a>" not in detail


def test_an_override_needs_a_reason_in_a_full_sentence(as_olivia, flagged_maria):
    response = as_olivia.post(f"/clients/{flagged_maria.pk}/override/", {"reason": "GP away"})
    assert response.status_code == 200
    assert "Write the reason in a full sentence (at least 20 characters)." in page(response)
    assert flagged_maria.screen_status() == ScreenStatus.SEE_DOCTOR


def test_an_assistant_cannot_record_a_clearance(sam, flagged_maria):
    response = signed_in(sam).post(
        f"/clients/{flagged_maria.pk}/clearance/",
        {"cleared_by": "Dr Webb", "cleared_on": timezone.localdate().isoformat(), "note": "Ok."},
    )
    assert response.status_code == 403
    assert not Clearance.objects.exists()


def test_a_new_flagged_screen_after_a_clearance_blocks_again(as_alice, flagged_maria, alice):
    services.clearance_record(
        client=flagged_maria,
        user=alice,
        cleared_by="Dr Webb",
        cleared_on=timezone.localdate(),
        note="Fit for therapy.",
    )
    assert flagged_maria.session_blockers() == []
    as_alice.post(f"/clients/{flagged_maria.pk}/screen/", screen_answers("infection"))
    assert flagged_maria.screen_status() == ScreenStatus.SEE_DOCTOR
    assert flagged_maria.session_blockers() == [SEE_A_DOCTOR]


def test_an_unscreened_client_without_consent_is_blocked_for_both_reasons(nora):
    assert nora.session_blockers() == ["The safety screen has not been done.", NO_CONSENT]


def test_no_consent_blocks_a_clear_client(nora, alice):
    services.screen_record(client=nora, user=alice, answers=NO_FLAGS)
    assert nora.session_blockers() == [NO_CONSENT]


def test_consent_to_an_older_version_does_not_count(maria):
    Consent.objects.filter(client=maria).update(version="2020-01-01")
    assert maria.session_blockers() == [NO_CONSENT]


def test_the_consent_text_shows_its_version_and_is_honest_about_the_evidence(as_alice, nora):
    text = " ".join(page(as_alice.get(f"/clients/{nora.pk}/consent/")).split())
    assert f"Version {CONSENT_VERSION}" in text
    assert "The evidence for it is limited." in text
    assert "It is not medical advice and not a diagnosis." in text
    assert "It does not replace care from a doctor" in text
    assert "no substitute for mental-health care" in text


def test_consent_stores_the_version_and_the_time(as_alice, nora, alice):
    before = timezone.now()
    response = as_alice.post(
        f"/clients/{nora.pk}/consent/", {"signed_name": "Nora Quinn", "agree": "on"}, follow=True
    )
    assert "Consent recorded." in page(response)
    consent = Consent.objects.get(client=nora)
    assert (consent.version, consent.signed_name, consent.entered_by, consent.recorded_by) == (
        CONSENT_VERSION,
        "Nora Quinn",
        EnteredBy.STAFF,
        alice,
    )
    assert before <= consent.accepted_at <= timezone.now()
    assert nora.current_consent() == consent


def test_consent_needs_the_box_ticked(as_alice, nora):
    response = as_alice.post(f"/clients/{nora.pk}/consent/", {"signed_name": "Nora Quinn"})
    assert "Tick the box to confirm you have read and agree." in page(response)
    assert not Consent.objects.filter(client=nora).exists()
