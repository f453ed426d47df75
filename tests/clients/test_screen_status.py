"""Screening Maria again does not clear her red flags: only a doctor's clearance or the owner's
override resolves a flagged screen, and until then the flags stay on her page."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from repattern.clients import services
from repattern.clients.models import Client, SafetyScreen, ScreenStatus
from repattern.clients.screening import QUESTION_IDS
from tests.characters import NO_FLAGS

SEE_A_DOCTOR = (
    "The safety screen says see a doctor first: record the doctor's clearance, "
    "or the clinic owner can override with a written reason."
)


def page(response) -> str:
    return html.unescape(response.content.decode())


def screen_answers(*yes: str) -> dict[str, str]:
    return {q: "yes" if q in yes else "no" for q in QUESTION_IDS}


def clear(client: Client, user) -> None:
    services.clearance_record(
        client=client,
        user=user,
        cleared_by="Dr Jane Webb, GP",
        cleared_on=timezone.localdate(),
        note="Fit for manual therapy.",
    )


@pytest.fixture
def flagged_then_clear(maria, alice) -> Client:
    """Maria answered yes to night pain last week; today someone screened her again, all no."""
    flagged = services.screen_record(client=maria, user=alice, answers={**NO_FLAGS, "fever": True})
    SafetyScreen.objects.filter(pk=flagged.pk).update(
        recorded_at=timezone.now() - timedelta(days=7)
    )
    services.screen_record(client=maria, user=alice, answers=NO_FLAGS)
    return maria


def test_a_clear_screen_after_a_flagged_one_still_blocks_sessions(flagged_then_clear):
    assert flagged_then_clear.screen_status() == ScreenStatus.SEE_DOCTOR
    assert flagged_then_clear.session_blockers() == [SEE_A_DOCTOR]


def test_answering_no_to_everything_says_the_earlier_flag_still_stands(as_alice, maria):
    as_alice.post(f"/clients/{maria.pk}/screen/", screen_answers("fever"))
    response = as_alice.post(f"/clients/{maria.pk}/screen/", screen_answers(), follow=True)
    assert "still says see a doctor first (Fever)" in page(response)
    assert maria.session_blockers() == [SEE_A_DOCTOR]


def test_the_client_page_keeps_showing_the_unresolved_flags_and_their_date(
    as_alice, flagged_then_clear
):
    flagged = flagged_then_clear.unresolved_screen()
    text = " ".join(page(as_alice.get(f"/clients/{flagged_then_clear.pk}/")).split())
    assert 'Safety screen: <span class="status-label">See a doctor first' in text
    when = timezone.localtime(flagged.recorded_at)
    assert f"the screen of {when:%Y-%m-%d %H:%M} flagged Fever" in text
    assert "Record doctor's clearance" in text


def test_a_clearance_resolves_the_flagged_screen_and_unblocks(flagged_then_clear, alice):
    flagged = flagged_then_clear.unresolved_screen()
    clear(flagged_then_clear, alice)
    assert flagged.clearances.count() == 1
    assert flagged_then_clear.unresolved_screen() is None
    assert flagged_then_clear.screen_status() == ScreenStatus.CLEAR
    assert flagged_then_clear.session_blockers() == []


def test_the_clearance_form_names_the_flagged_screen_not_the_newest(as_alice, flagged_then_clear):
    flagged = flagged_then_clear.unresolved_screen()
    text = page(as_alice.get(f"/clients/{flagged_then_clear.pk}/clearance/"))
    when = timezone.localtime(flagged.recorded_at)
    assert f"Screen of {when:%Y-%m-%d} flagged: <strong>Fever</strong>" in text


def test_a_new_flagged_screen_after_a_clearance_blocks_again(flagged_then_clear, alice):
    clear(flagged_then_clear, alice)
    services.screen_record(
        client=flagged_then_clear, user=alice, answers={**NO_FLAGS, "infection": True}
    )
    services.screen_record(client=flagged_then_clear, user=alice, answers=NO_FLAGS)
    assert flagged_then_clear.screen_status() == ScreenStatus.SEE_DOCTOR
    assert flagged_then_clear.unresolved_screen().flags() == ["Infection"]


def test_each_unresolved_flagged_screen_needs_its_own_resolution(maria, alice, olivia):
    services.screen_record(client=maria, user=alice, answers={**NO_FLAGS, "fever": True})
    services.screen_record(client=maria, user=alice, answers={**NO_FLAGS, "night_pain": True})
    clear(maria, alice)
    assert maria.unresolved_screen().flags() == ["Fever"]
    assert maria.screen_status() == ScreenStatus.SEE_DOCTOR
    services.override_record(
        client=maria, user=olivia, reason="The fever was a cold, gone a week ago; she is well."
    )
    assert maria.unresolved_screen() is None
    assert maria.session_blockers() == []
