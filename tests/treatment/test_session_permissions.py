"""Treatment records are for those who treat; a note is its practitioner's to sign."""

from __future__ import annotations

import pytest

from repattern.audit.models import AuditEvent
from repattern.programs.services import program_draft
from repattern.treatment import services
from repattern.treatment.models import SessionNote
from tests.characters import make_user, signed_in
from tests.treatment.conftest import confirm, correct


@pytest.fixture
def ben(django_user_model, northside):
    return make_user(django_user_model, "ben", northside, "practitioner")


@pytest.fixture
def drafted(session, alice):
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    services.session_end(session=session, user=alice)
    program_draft(session=session, user=alice)
    return services.note_draft(session=session, user=alice)


def test_an_assistant_cannot_open_a_session_or_its_note(sam, session, drafted):
    browser = signed_in(sam)
    assert browser.get(f"/sessions/{session.pk}/summary/").status_code == 403
    assert browser.get(f"/sessions/{session.pk}/state/").status_code == 403


def test_only_the_treating_practitioner_signs_the_note(ben, session, drafted):
    response = signed_in(ben).post(
        f"/sessions/{session.pk}/note/", {"subjective": "x", "sign": "1"}
    )
    assert response.status_code == 403
    assert not SessionNote.objects.get(pk=drafted.pk).is_signed


def test_another_practitioner_reads_the_note_but_gets_no_form(ben, session, drafted):
    text = signed_in(ben).get(f"/sessions/{session.pk}/summary/").content.decode()
    assert "Draft by alice" in text and 'name="sign"' not in text


def test_the_owner_may_amend_a_signed_note_but_another_practitioner_may_not(
    as_alice, olivia, ben, session, drafted
):
    as_alice.post(
        f"/sessions/{session.pk}/note/",
        {
            "subjective": "s",
            "objective": "o",
            "assessment": "a",
            "plan": "p",
            "sign": "1",
            "locks": "1",
        },
    )
    assert SessionNote.objects.get(pk=drafted.pk).is_signed
    assert (
        signed_in(ben).post(f"/sessions/{session.pk}/note/amend/", {"text": "x"}).status_code == 403
    )
    signed_in(olivia).post(f"/sessions/{session.pk}/note/amend/", {"text": "Phoned: fine."})
    assert drafted.amendments.get().written_by == olivia


def test_opening_a_session_summary_is_in_the_audit_log_under_the_client(
    as_alice, session, drafted, maria
):
    as_alice.get(f"/sessions/{session.pk}/summary/")
    row = AuditEvent.objects.filter(action="session_view", record_type="treatmentsession").latest(
        "id"
    )
    assert row.client_id == maria.pk and row.actor == "alice"


def test_signing_the_note_is_in_the_audit_log_under_the_client(as_alice, session, drafted, maria):
    as_alice.post(
        f"/sessions/{session.pk}/note/",
        {
            "subjective": "s",
            "objective": "o",
            "assessment": "a",
            "plan": "p",
            "sign": "1",
            "locks": "1",
        },
    )
    assert AuditEvent.objects.filter(action="note_sign", client=maria).exists()
