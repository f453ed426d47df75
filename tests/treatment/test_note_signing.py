"""A signature covers exactly the text its signer saw: save and sign are one locked step, a
second tab is told the note is signed and keeps nothing, and a student's note waits for a
practitioner's co-signature."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from repattern.accounts.models import Role
from repattern.treatment import services
from repattern.treatment.models import SessionNote
from tests.characters import make_user, signed_in


@pytest.fixture
def draft(session, alice) -> SessionNote:
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    return SessionNote.objects.get(session=session)


def text(words: str) -> services.NoteText:
    return services.NoteText(words, words, words, words)


def test_signing_keeps_exactly_the_signers_text(draft, alice):
    signed = services.note_sign(note=draft, user=alice, text=text("Alice's words"))
    assert (signed.subjective, signed.plan, signed.signed_by) == (
        "Alice's words",
        "Alice's words",
        alice,
    )


def test_the_second_tab_is_told_the_note_is_signed_and_keeps_nothing(draft, alice):
    services.note_sign(note=draft, user=alice, text=text("first tab"))
    with pytest.raises(services.NoteSigned, match=r"signed by alice .* your text was not saved"):
        services.note_sign(note=draft, user=alice, text=text("second tab"))
    draft.refresh_from_db()
    assert draft.subjective == "first tab"


def test_the_second_tab_sees_the_reason_on_the_page(draft, as_alice, session):
    fields = {
        "subjective": "S",
        "objective": "O",
        "assessment": "A",
        "plan": "P",
        "sign": "1",
        "locks": "1",
    }
    as_alice.post(f"/sessions/{session.pk}/note/", fields)
    response = as_alice.post(
        f"/sessions/{session.pk}/note/", {**fields, "subjective": "other"}, follow=True
    )
    assert "your text was not saved" in response.content.decode()
    assert SessionNote.objects.get(session=session).subjective == "S"


def sign(note, user, words: str, start: threading.Barrier, told_signed: list[str]) -> None:
    """One tab: waits for the other, then saves and signs its own words."""
    start.wait()
    try:
        services.note_sign(note=note, user=user, text=text(words))
        told_signed.append(words)
    except ValidationError:
        pass
    finally:
        connection.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two connections signing at once need a server database; SQLite serialises writers",
)
@pytest.mark.django_db(transaction=True)
def test_two_connections_signing_at_once_always_leave_the_signers_text(maria, alice):
    """Thirty times, two tabs sign one note at the same moment: whoever is told it worked is
    the one whose text is under the signature."""
    for trial in range(30):
        session = services.session_start(client=maria, practitioner=alice, pain_before=[])
        services.session_finish(
            session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
        )
        note = SessionNote.objects.get(session=session)
        start, told_signed = threading.Barrier(2), []
        tabs = [
            threading.Thread(
                target=sign, args=(note, alice, f"tab {n} of {trial}", start, told_signed)
            )
            for n in (1, 2)
        ]
        for tab in tabs:
            tab.start()
        for tab in tabs:
            tab.join()
        note.refresh_from_db()
        assert len(told_signed) == 1
        assert note.subjective == note.plan == told_signed[0]


@pytest.fixture
def pat(django_user_model, northside):
    return make_user(django_user_model, "pat", northside, Role.STUDENT)


@pytest.fixture
def students_note(maria, pat) -> SessionNote:
    session = services.session_start(client=maria, practitioner=pat, pain_before=[])
    services.session_finish(
        session=session, user=pat, pain_after=[], after_effects=[], after_effects_note=""
    )
    note = SessionNote.objects.get(session=session)
    return services.note_sign(note=note, user=pat, text=text("Pat's note"))


def test_a_students_signed_note_waits_for_a_cosignature(students_note):
    assert students_note.is_signed and students_note.awaits_cosign


def test_a_practitioner_cosigns_a_students_note(students_note, alice):
    services.note_cosign(note=students_note, user=alice)
    students_note.refresh_from_db()
    assert students_note.cosigned_by == alice and not students_note.awaits_cosign


def test_a_student_cannot_cosign_their_own_note(students_note, pat):
    with pytest.raises(ValidationError, match="someone other than the one who signed"):
        services.note_cosign(note=students_note, user=pat)


def test_an_assistant_is_not_offered_and_cannot_use_the_cosignature(students_note, sam):
    response = signed_in(sam).post(f"/sessions/{students_note.session_id}/note/cosign/")
    assert response.status_code == 403
    students_note.refresh_from_db()
    assert students_note.awaits_cosign


def test_the_summary_offers_the_practitioner_a_cosignature(students_note, as_alice):
    text = as_alice.get(f"/sessions/{students_note.session_id}/summary/").content.decode()
    assert "waits for a practitioner" in text and "Co-sign the note" in text


def test_a_practitioners_own_signature_needs_no_cosignature(draft, alice):
    assert not services.note_sign(note=draft, user=alice, text=text("x")).needs_cosign


def test_signing_without_the_tick_keeps_the_text_as_a_draft_and_says_why(draft, as_alice, session):
    fields = {"subjective": "S", "objective": "O", "assessment": "A", "plan": "P", "sign": "1"}
    response = as_alice.post(f"/sessions/{session.pk}/note/", fields, follow=True)
    assert "Not signed: tick" in response.content.decode()
    note = SessionNote.objects.get(session=session)
    assert not note.is_signed and note.subjective == "S"


def test_the_note_form_asks_for_the_tick_before_signing(draft, as_alice, session):
    page = as_alice.get(f"/sessions/{session.pk}/summary/").content.decode()
    assert 'name="locks"' in page and "I understand that signing locks the note" in page
