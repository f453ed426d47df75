"""A home program is drafted from corrected patterns, release then activate; each change is a
new version, and the record keeps them all."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from repattern.programs import services
from repattern.programs.services.programs import program_draft
from repattern.treatment import services as treatment
from tests.treatment.conftest import confirm, correct


def test_each_corrected_pattern_becomes_an_exercise_releasing_then_activating(program):
    exercise = program.current().exercises.get()
    assert exercise.title == "Release Quadratus lumborum, left, then activate Psoas major, left"
    assert exercise.release and exercise.activation
    assert (exercise.side, exercise.dose()) == ("left", "Hold 30 s, 1 set of 5, once a day")


def test_a_session_with_nothing_new_corrected_drafts_no_new_version(program, session, alice):
    assert program_draft(session=session, user=alice) is None
    assert program.versions.count() == 1


def test_a_later_session_adds_its_pattern_and_keeps_the_earlier_exercise(program, maria, alice):
    later = treatment.session_start(client=maria, practitioner=alice, pain_before=[])
    correct(
        later, alice, confirm(later, alice, "gluteus_medius:right", "tensor_fasciae_latae:right")
    )
    version = program_draft(session=later, user=alice)
    assert version.number == 2 and version.made_from == later
    assert version.exercises.count() == 2
    assert program.versions.get(number=1).exercises.count() == 1, "version 1 is kept as it was"


def revise(program, alice, **dose):
    current = program.current().exercises.get()
    fields = {
        "key": current.key,
        "title": current.title,
        "release": current.release,
        "activation": current.activation,
        "inhibited": current.inhibited,
        "facilitated": current.facilitated,
        **dose,
    }
    return services.program_revise(
        program=program,
        user=alice,
        doses=[services.ExerciseDose(**fields)],
        note_for_client="Twice a day this week.",
    )


def test_a_change_of_dose_is_a_new_version_the_client_sees(program, alice):
    version = revise(program, alice, sets=2, times_per_day=2)
    assert program.current() == version and version.number == 2
    assert version.exercises.get().dose() == "Hold 30 s, 2 sets of 5, twice a day"
    assert program.versions.get(number=1).exercises.get().sets == 1


@pytest.mark.parametrize(
    ("dose", "message"),
    [
        ({"hold_seconds": 1}, "Hold for 5 seconds or more."),
        ({"sets": 0}, "Do at least one set."),
        ({"repetitions": 500}, "Fifty repetitions at most."),
        ({"times_per_day": 9}, "Six times a day at most."),
    ],
)
def test_an_impossible_dose_is_refused_and_nothing_is_saved(program, alice, dose, message):
    with pytest.raises(ValidationError, match=message):
        revise(program, alice, **dose)
    assert program.versions.count() == 1


def test_an_ended_program_cannot_be_changed_or_sent(program, alice):
    services.program_end(program=program, user=alice)
    with pytest.raises(ValidationError, match="has ended"):
        revise(program, alice)
    with pytest.raises(ValidationError, match="has ended"):
        services.program_send(program=program, user=alice)


def test_a_program_with_no_exercise_is_refused(program, alice):
    with pytest.raises(ValidationError, match="at least one exercise"):
        services.program_revise(program=program, user=alice, doses=[], note_for_client="")
