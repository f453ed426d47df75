"""The certification rules, once, as pure functions: when a level must be certified, what a
late certification costs, when the next level may start, and how long a directory listing lasts.

Three levels; each has a 15-hour course, at least a month of practice, three written case studies
and an observed, graded session. Certify within 6 months of the course; up to 9 and then 12
months with a late fee; after a year the course is taken again. A listing lasts two years from
the certification or the last renewal; a new level renews it.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date

LEVELS = (1, 2, 3)
COURSE_HOURS = 15
CASE_STUDIES_NEEDED = 3
PRACTICE_MONTHS = 1
ON_TIME_MONTHS = 6
LATE_MONTHS = 9
LAST_MONTHS = 12
LISTING_MONTHS = 24
# Days before a deadline when the practitioner is reminded by e-mail.
REMINDER_DAYS = (30, 7)


class UnknownLevel(ValueError):
    """A level other than 1, 2 or 3."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug + 6: 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Phase(enum.Enum):
    PRACTISING = "practising", "Practising: a month of practice before submitting"
    ON_TIME = "on_time", "On time"
    LATE = "late", "Late: a late fee applies"
    LATER = "later", "Late: the higher late fee applies"
    EXPIRED = "expired", "Expired: take the course again"

    def __new__(cls, value: str, label: str) -> Phase:
        member = object.__new__(cls)
        member._value_ = value
        member.label = label  # type: ignore[attr-defined]
        return member


@dataclass(frozen=True)
class Deadlines:
    """The dates that follow from one course date."""

    course: date
    practice_until: date
    on_time_until: date
    late_until: date
    last_until: date

    @classmethod
    def after(cls, course: date) -> Deadlines:
        return cls(
            course=course,
            practice_until=add_months(course, PRACTICE_MONTHS),
            on_time_until=add_months(course, ON_TIME_MONTHS),
            late_until=add_months(course, LATE_MONTHS),
            last_until=add_months(course, LAST_MONTHS),
        )

    def phase(self, today: date) -> Phase:
        if today < self.practice_until:
            return Phase.PRACTISING
        if today <= self.on_time_until:
            return Phase.ON_TIME
        if today <= self.late_until:
            return Phase.LATE
        if today <= self.last_until:
            return Phase.LATER
        return Phase.EXPIRED

    def next_deadline(self, today: date) -> date | None:
        """The next date by which something must be done; None once the course has expired."""
        for deadline in (self.on_time_until, self.late_until, self.last_until):
            if today <= deadline:
                return deadline
        return None

    def late_fee_band(self, today: date) -> int:
        """0 with no fee, 1 for the first late fee, 2 for the higher one."""
        return {Phase.LATE: 1, Phase.LATER: 2}.get(self.phase(today), 0)

    def may_submit(self, practice_from: date | None, today: date) -> bool:
        """A month of practice after the course and after practice began, and not expired."""
        if self.phase(today) in (Phase.PRACTISING, Phase.EXPIRED):
            return False
        start = max(practice_from or self.course, self.course)
        return today >= add_months(start, PRACTICE_MONTHS)

    def explain(self, today: date) -> str:
        """Where the practitioner stands, in words that quote the dates."""
        phase = self.phase(today)
        if phase is Phase.PRACTISING:
            return f"Practise until {self.practice_until:%-d %B %Y}, then submit."
        if phase is Phase.EXPIRED:
            return f"The course of {self.course:%-d %B %Y} expired on {self.last_until:%-d %B %Y}."
        due = self.next_deadline(today)
        assert due is not None
        days = (due - today).days
        fee = {0: "", 1: " with the late fee", 2: " with the higher late fee"}[
            self.late_fee_band(today)
        ]
        left = "1 day" if days == 1 else f"{days} days"
        return f"Certify by {due:%-d %B %Y}{fee}: {left} left."

    def reminder(self, today: date) -> str | None:
        """A once-only key for the reminder due today, or None: 30 and 7 days before each
        deadline, and the day after the last one."""
        named = (
            ("on_time", self.on_time_until),
            ("late", self.late_until),
            ("last", self.last_until),
        )
        for name, deadline in named:
            for days in REMINDER_DAYS:
                if (deadline - today).days == days:
                    return f"{name}-{days}"
        if (today - self.last_until).days == 1:
            return "expired"
        return None


def check_level(level: int) -> int:
    if level not in LEVELS:
        raise UnknownLevel(f"There are three levels (1, 2, 3); {level} is not one of them.")
    return level


def next_level_from(certified_on: date) -> date:
    """The first day the next level may be certified: a month of practice at this one."""
    return add_months(certified_on, PRACTICE_MONTHS)


def may_start_level(level: int, held: int, certified_on: date | None, today: date) -> bool:
    """Whether a practitioner who holds `held` (0 for none) may be certified at `level` today."""
    check_level(level)
    if level != held + 1:
        return False
    return certified_on is None or today >= next_level_from(certified_on)


def listing_until(certified_on: date, renewed_on: date | None = None) -> date:
    """Two years from the certification or the last renewal, whichever is later."""
    start = max(certified_on, renewed_on) if renewed_on else certified_on
    return add_months(start, LISTING_MONTHS)


def listing_shown(until: date | None, today: date) -> bool:
    return until is not None and today < until
