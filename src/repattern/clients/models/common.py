"""What the client records share: text limits, body places, dates that must be real."""

from __future__ import annotations

import unicodedata
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from repattern.engine.vocabulary import REGIONS, SIDES, choices, label

TEXT_MAX = settings.FORM_FIELD_MAX_TEXT
REGION_CHOICES = choices(REGIONS)
SIDE_CHOICES = choices(SIDES)
SIGNER_NEEDED = (
    "The name signed is not the client's: say who signed for them, e.g. parent, guardian or carer."
)


EARLIEST_DATE = date(1900, 1, 1)
PAIN_SCALE = "Rate pain from 0 (none) to 10 (worst imaginable)."
phone_validator = RegexValidator(
    r"^[0-9+()\-. ]{5,40}$",
    "Write the phone number with digits, spaces, +, ( ) and - only.",
)


@deconstructible
class NotInFuture:
    """A date in a record or a history: not after today, and not before 1900."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, value: date) -> None:
        if value > timezone.localdate():
            raise ValidationError(f"{self.what} cannot be in the future.")
        if value < EARLIEST_DATE:
            raise ValidationError(f"{self.what} must be after 1900 (check the year).")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotInFuture) and other.what == self.what


def year_not_in_future(value: int) -> None:
    if value > timezone.localdate().year:
        raise ValidationError("The year cannot be in the future.")
    if value < EARLIEST_DATE.year:
        raise ValidationError("The year must be after 1900.")


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def body_place(side: str, region: str) -> str:
    """Where on the body, in words that fit inside a sentence: "left jaw and TMJ"."""
    region_words = label(REGIONS, region)
    region_words = region_words[:1].lower() + region_words[1:]
    if side == "both":
        return f"both sides, {region_words}"
    return f"{label(SIDES, side).lower()} {region_words}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def signature(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())
