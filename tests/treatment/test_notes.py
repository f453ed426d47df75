"""The note is drafted from the events; a signed note is locked and amended, never edited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from repattern.programs.services import program_draft
from repattern.treatment import services
from repattern.treatment.models import SessionNote
from tests.treatment.conftest import confirm, correct


@pytest.fixture
def corrected(session, alice):
    return correct(
        session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left")
    )


def test_the_note_is_drafted_from_the_events(session, alice, corrected):
    program_draft(session=session, user=alice)
    note = services.note_draft(session=session, user=alice)
    assert "right lower back: 6/10" in note.subjective
    assert "Psoas major, left" in note.objective
    assert (
        "Quadratus lumborum, left facilitated" in note.assessment and "corrected" in note.assessment
    )
    assert "noisy" in note.assessment
    assert "Release Quadratus lumborum" in note.plan


def test_a_signed_note_is_locked_and_takes_dated_amendments(session, alice, corrected):
    note = services.note_draft(session=session, user=alice)
    services.note_sign(note=note, user=alice, text=services.NoteText(note.subjective))
    with pytest.raises(ValidationError, match="is locked, so your text was not saved"):
        services.note_save(note=note, user=alice, text=services.NoteText("changed"))
    note.refresh_from_db()
    assert "changed" not in note.subjective
    services.note_amend(note=note, user=alice, text="Client phoned: soreness gone next day.")
    assert note.amendments.get().written_by == alice
    redraft = services.note_draft(session=session, user=alice)
    assert redraft.subjective == SessionNote.objects.get(pk=note.pk).subjective


def test_an_unsigned_note_cannot_be_amended(session, alice):
    note = services.note_draft(session=session, user=alice)
    with pytest.raises(ValidationError, match="not signed"):
        services.note_amend(note=note, user=alice, text="x")
