"""De-identification, checked rather than hoped for.

`scrub` takes the client's own names, initials, phone, e-mail and birth date out of a text, with
any other e-mail address, phone number or exact date; `problems` searches a text for the same
things and says what it found. A case study is saved and exported only when `problems` finds
nothing in any of its sections.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Seven or more digits, allowing the spaces, dots, dashes and brackets of a written number.
PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DATES = (
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    re.compile(rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS})\.?,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(rf"\b({MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE),
)
NAME_SHOWN = "the client"
REMOVED = "[removed]"
DATE_SHOWN = "[date removed]"


@dataclass(frozen=True)
class Identity:
    """What identifies one client, gathered from their record."""

    names: tuple[str, ...]
    initials: tuple[str, ...]
    phone_digits: str
    email: str
    born: date | None

    @classmethod
    def of(
        cls, first: str, last: str, preferred: str, phone: str, email: str, born: date | None
    ) -> Identity:
        written = {first, last, preferred, f"{first} {last}"}
        # "López" is also typed "Lopez": search for both.
        names = tuple(n for n in written | {unaccented(n) for n in written} if len(n.strip()) > 1)
        letters = [n[:1].upper() for n in (preferred or first, last) if n]
        initials: tuple[str, ...] = ()
        if len(letters) == 2:
            a, b = letters
            initials = (f"{a}.{b}.", f"{a}. {b}.", f"{a}{b}", f"{a}.{b}")
        return cls(
            names=tuple(sorted(names, key=len, reverse=True)),
            initials=initials,
            phone_digits=re.sub(r"\D", "", phone),
            email=email.strip().lower(),
            born=born,
        )

    def birth_patterns(self) -> list[re.Pattern[str]]:
        if self.born is None:
            return []
        d, m, y = self.born.day, self.born.month, self.born.year
        month = self.born.strftime("%B")
        forms = [
            rf"{y}-0?{m}-0?{d}",
            rf"0?{d}[/.-]0?{m}[/.-]({y}|{y % 100:02d})",
            rf"0?{m}[/.-]0?{d}[/.-]({y}|{y % 100:02d})",
            rf"0?{d}(st|nd|rd|th)?\s+{month[:3]}[a-z]*\.?,?\s+{y}",
            rf"{month[:3]}[a-z]*\.?\s+0?{d}(st|nd|rd|th)?,?\s+{y}",
        ]
        return [re.compile(rf"\b{form}\b", re.IGNORECASE) for form in forms]


def unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def _initials(mark: str) -> re.Pattern[str]:
    # Case matters: "ML" is someone's initials, "ml" a measure.
    return re.compile(rf"(?<!\w){re.escape(mark)}(?!\w)")


def _phones(text: str, digits: str) -> list[str]:
    """Every written phone number; the client's own whatever its spacing or its prefix."""
    found = []
    for match in PHONE.finditer(text):
        written = re.sub(r"\D", "", match.group())
        if len(written) >= 9 or (digits and written and written[-7:] == digits[-7:]):
            found.append(match.group())
    return found


def problems(text: str, who: Identity) -> list[str]:
    """What in `text` could identify the client, in words; empty when nothing does."""
    found: list[str] = []
    for name in who.names:
        if _name(name).search(text):
            found.append("the client's name")
            break
    if any(_initials(mark).search(text) for mark in who.initials):
        found.append("the client's initials")
    if who.email and who.email in text.lower():
        found.append("the client's e-mail")
    elif EMAIL.search(text):
        found.append("an e-mail address")
    if _phones(text, who.phone_digits):
        found.append("a phone number")
    if any(p.search(text) for p in who.birth_patterns()):
        found.append("the date of birth")
    elif any(p.search(text) for p in DATES):
        found.append("an exact date")
    return found


def scrub(text: str, who: Identity) -> str:
    """`text` with everything `problems` looks for taken out or replaced."""
    for pattern in who.birth_patterns():
        text = pattern.sub(DATE_SHOWN, text)
    for pattern in DATES:
        text = pattern.sub(DATE_SHOWN, text)
    text = EMAIL.sub(REMOVED, text)
    for number in _phones(text, who.phone_digits):
        text = text.replace(number, REMOVED)
    for name in who.names:
        text = _name(name).sub(NAME_SHOWN, text)
    for mark in who.initials:
        text = _initials(mark).sub(NAME_SHOWN, text)
    return text


def age_band(age: int) -> str:
    """An age as a ten-year band: 43 is "40-49"; under 18 is "under 18"."""
    if age < 18:
        return "under 18"
    low = age // 10 * 10
    return f"{max(low, 18)}-{low + 9}"


def relative_day(day: date, first: date) -> str:
    """A date as the day of the episode: "day 1" is the first session."""
    offset = (day - first).days
    if offset >= 0:
        return f"day {offset + 1}"
    weeks = -offset // 7
    if weeks >= 104:
        return f"about {weeks // 52} years before the first session"
    if weeks >= 1:
        return f"about {weeks} weeks before the first session"
    return f"{-offset} days before the first session"
