"""The certification rules, as tables: a course date, a day, and what the rules say."""

from __future__ import annotations

from datetime import date

import pytest

from repattern.profession.rules import (
    Deadlines,
    Phase,
    UnknownLevel,
    add_months,
    listing_shown,
    listing_until,
    may_start_level,
)

COURSE = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 5, 10), 24, date(2028, 5, 10)),
    ],
)
def test_months_are_added_on_the_calendar(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("today", "phase", "fee", "next_deadline"),
    [
        (date(2026, 1, 15), Phase.PRACTISING, 0, date(2026, 7, 15)),
        (date(2026, 2, 14), Phase.PRACTISING, 0, date(2026, 7, 15)),
        (date(2026, 2, 15), Phase.ON_TIME, 0, date(2026, 7, 15)),
        (date(2026, 7, 15), Phase.ON_TIME, 0, date(2026, 7, 15)),
        (date(2026, 7, 16), Phase.LATE, 1, date(2026, 10, 15)),
        (date(2026, 10, 15), Phase.LATE, 1, date(2026, 10, 15)),
        (date(2026, 10, 16), Phase.LATER, 2, date(2027, 1, 15)),
        (date(2027, 1, 15), Phase.LATER, 2, date(2027, 1, 15)),
        (date(2027, 1, 16), Phase.EXPIRED, 0, None),
    ],
)
def test_the_phase_fee_and_deadline_follow_from_the_course_date(
    today: date, phase: Phase, fee: int, next_deadline: date | None
) -> None:
    deadlines = Deadlines.after(COURSE)
    assert deadlines.phase(today) is phase
    assert deadlines.late_fee_band(today) == fee
    assert deadlines.next_deadline(today) == next_deadline


@pytest.mark.parametrize(
    ("practice_from", "today", "may"),
    [
        (None, date(2026, 2, 14), False),
        (None, date(2026, 2, 15), True),
        (date(2026, 3, 1), date(2026, 3, 31), False),
        (date(2026, 3, 1), date(2026, 4, 1), True),
        (date(2025, 12, 1), date(2026, 2, 15), True),
        (None, date(2026, 12, 1), True),
        (None, date(2027, 1, 16), False),
    ],
)
def test_a_month_of_practice_comes_before_submitting(
    practice_from: date | None, today: date, may: bool
) -> None:
    assert Deadlines.after(COURSE).may_submit(practice_from, today) is may


@pytest.mark.parametrize(
    ("today", "key"),
    [
        (date(2026, 6, 15), "on_time-30"),
        (date(2026, 7, 8), "on_time-7"),
        (date(2026, 7, 9), None),
        (date(2026, 9, 15), "late-30"),
        (date(2027, 1, 8), "last-7"),
        (date(2027, 1, 16), "expired"),
        (date(2027, 1, 17), None),
    ],
)
def test_reminders_fall_30_and_7_days_before_each_deadline(today: date, key: str | None) -> None:
    assert Deadlines.after(COURSE).reminder(today) == key


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (date(2026, 1, 20), "Practise until 15 February 2026, then submit."),
        (date(2026, 7, 5), "Certify by 15 July 2026: 10 days left."),
        (date(2026, 8, 15), "Certify by 15 October 2026 with the late fee: 61 days left."),
        (date(2027, 1, 14), "Certify by 15 January 2027 with the higher late fee: 1 day left."),
        (date(2027, 2, 1), "The course of 15 January 2026 expired on 15 January 2027."),
    ],
)
def test_the_standing_is_explained_with_its_dates(today: date, words: str) -> None:
    assert Deadlines.after(COURSE).explain(today) == words


@pytest.mark.parametrize(
    ("level", "held", "certified_on", "today", "may"),
    [
        (1, 0, None, date(2026, 1, 1), True),
        (2, 0, None, date(2026, 1, 1), False),
        (2, 1, date(2026, 1, 10), date(2026, 2, 9), False),
        (2, 1, date(2026, 1, 10), date(2026, 2, 10), True),
        (3, 1, date(2026, 1, 10), date(2026, 6, 1), False),
        (1, 1, date(2026, 1, 10), date(2026, 6, 1), False),
    ],
)
def test_levels_are_taken_in_order_a_month_apart(
    level: int, held: int, certified_on: date | None, today: date, may: bool
) -> None:
    assert may_start_level(level, held, certified_on, today) is may


def test_there_is_no_fourth_level() -> None:
    with pytest.raises(UnknownLevel, match="three levels"):
        may_start_level(4, 3, None, date(2026, 1, 1))


@pytest.mark.parametrize(
    ("certified_on", "renewed_on", "today", "until", "shown"),
    [
        (date(2026, 3, 1), None, date(2026, 3, 1), date(2028, 3, 1), True),
        (date(2026, 3, 1), None, date(2028, 2, 29), date(2028, 3, 1), True),
        (date(2026, 3, 1), None, date(2028, 3, 1), date(2028, 3, 1), False),
        (date(2026, 3, 1), date(2027, 6, 1), date(2028, 3, 1), date(2029, 6, 1), True),
        (date(2026, 3, 1), date(2025, 1, 1), date(2027, 3, 1), date(2028, 3, 1), True),
    ],
)
def test_a_listing_lasts_two_years_from_certification_or_renewal(
    certified_on: date, renewed_on: date | None, today: date, until: date, shown: bool
) -> None:
    assert listing_until(certified_on, renewed_on) == until
    assert listing_shown(until, today) is shown


def test_no_listing_is_shown_without_a_date() -> None:
    assert listing_shown(None, date(2026, 1, 1)) is False
