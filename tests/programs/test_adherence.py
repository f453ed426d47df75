"""Adherence is the days an exercise was marked done out of the days it was prescribed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from repattern.programs.adherence import adherence_for
from repattern.programs.services import adherence_clear, adherence_log


def mark(program, day, pain=None):
    key = program.current().exercises.get().key
    return adherence_log(
        program=program, key=key, day=day, pain=pain, entered_by="client", actor="client"
    )


def test_days_done_are_counted_against_days_prescribed(program):
    start = timezone.localdate()
    with time_machine.travel(timezone.now() + timedelta(days=6), tick=False):
        for offset in (0, 2, 3, 6):
            mark(program, start + timedelta(days=offset))
        found = adherence_for([program])[program.pk]
    row = found.exercises[0]
    assert (row.done, row.prescribed, row.words()) == (4, 7, "4 of 7 days")
    assert found.percent_done == 57 and found.days_quiet == 0


def test_a_second_mark_the_same_day_updates_the_pain_and_counts_once(program):
    today = timezone.localdate()
    mark(program, today, pain=6)
    entry = mark(program, today, pain=2)
    assert entry.pain == 2 and program.adherence.count() == 1


def test_undo_takes_the_mark_back(program):
    today = timezone.localdate()
    mark(program, today)
    key = program.current().exercises.get().key
    adherence_clear(program=program, key=key, day=today, actor="client")
    assert adherence_for([program])[program.pk].done == 0


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "still to come"), (-30, "had not started")],
)
def test_a_day_outside_the_program_is_refused(program, days, message):
    with pytest.raises(ValidationError, match=message):
        mark(program, timezone.localdate() + timedelta(days=days))


def test_a_pain_outside_0_to_10_is_refused(program):
    with pytest.raises(ValidationError):
        mark(program, timezone.localdate(), pain=11)
    assert program.adherence.count() == 0


def test_an_exercise_not_in_the_program_cannot_be_marked(program):
    with pytest.raises(ValidationError, match="not in the current program"):
        adherence_log(
            program=program,
            key="biceps:left>triceps:left",
            day=timezone.localdate(),
            pain=None,
            entered_by="client",
            actor="client",
        )


def test_three_quiet_days_are_counted_from_the_last_mark(program):
    mark(program, timezone.localdate())
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        assert adherence_for([program])[program.pk].days_quiet == 3
