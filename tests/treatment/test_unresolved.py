"""Gluteus medius tested weak and Alice found no pattern for it before ending the session: the
summary, the note's assessment and the body map call it unresolved."""

from __future__ import annotations

import pytest

from repattern.treatment import services, summary
from repattern.treatment.models import SessionNote
from tests.treatment.conftest import confirm, correct, record


@pytest.fixture
def left_weak(session, alice):
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    record(session, alice, kind="test", site="gluteus_medius:right", result="weak")
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    return session


def test_the_summary_names_the_muscle_left_without_a_pattern(left_weak, as_alice):
    assert summary.session_summary(left_weak).unresolved == ["Gluteus medius, right"]
    page = as_alice.get(f"/sessions/{left_weak.pk}/summary/").content.decode()
    assert "Gluteus medius, right tested weak:" in page
    assert '<strong class="unresolved">unresolved</strong>' in page


def test_the_notes_assessment_calls_it_unresolved(left_weak):
    assessment = SessionNote.objects.get(session=left_weak).assessment
    assert "Gluteus medius, right: tested weak, unresolved" in assessment
    assert "Psoas major, left inhibited" in assessment


def test_the_body_map_marks_it_unresolved(left_weak):
    svg = summary.body_map(left_weak)
    assert "Gluteus medius, right: inhibited (unresolved, no pattern found)" in svg


def test_a_session_that_resolved_everything_shows_no_unresolved_muscle(session, alice):
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    assert summary.session_summary(session).unresolved == []
    assert "unresolved" not in summary.body_map(session)
