"""The client: who they are, and where they stand for treatment."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.clients.models.common import (
    TEXT_MAX,
    NotInFuture,
    age_on,
    phone_validator,
    signature,
)
from repattern.clients.screening import CONSENT_VERSION

if TYPE_CHECKING:
    from repattern.clients.models.history import Injury, Scar
    from repattern.clients.models.screening import Consent, SafetyScreen


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Prefer not to say"


class ScreenStatus(models.TextChoices):
    NOT_SCREENED = "not_screened", "Not screened yet"
    CLEAR = "clear", "Clear"
    SEE_DOCTOR = "see_doctor", "See a doctor first"
    CLEARED = "cleared", "Cleared by a doctor"
    OVERRIDDEN = "overridden", "Overridden by the owner"


class Client(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="clients")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(validators=[NotInFuture("The date of birth")])
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    phone = models.CharField(max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField(blank=True)
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["clinic", "last_name", "first_name"]),
            models.Index(fields=["clinic", "date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self) -> None:
        # A corrected birth date must still fit the history already recorded.
        if self.pk is None or not isinstance(self.date_of_birth, date):
            return
        conflicts = self.history_conflicts(self.date_of_birth)
        if conflicts:
            advice = "Correct the entry in the history first, or check the date of birth."
            raise ValidationError({"date_of_birth": [*conflicts, advice]})

    def age(self, on: date | None = None) -> int:
        return age_on(self.date_of_birth, on or timezone.localdate())

    def history_conflicts(self, born: date) -> list[str]:
        """The injuries and scars that could not be true of someone born on `born`."""
        rows: list[Injury | Scar] = [*self.injuries.all(), *self.scars.all()]
        return [f"{row}: {why}." for row in rows if (why := row.birth_conflict(born))]

    def full_name_matches(self, typed: str) -> bool:
        """Whether `typed` is the client's full name, whatever its case and spacing."""
        return signature(typed) == signature(self.full_name)

    def signature_matches(self, signed_name: str) -> bool:
        """Whether a typed signature is the client's own name, whatever its case and spacing."""
        names = [self.full_name]
        if self.preferred_name:
            names.append(f"{self.preferred_name} {self.last_name}")
        return signature(signed_name) in {signature(name) for name in names}

    def _prefetched(self, name: str) -> bool:
        """Whether a list page fetched this relation for all its clients at once (the day's
        visits do, with `client__screens__clearances` and `client__consents`)."""
        return name in getattr(self, "_prefetched_objects_cache", {})

    def latest_screen(self) -> SafetyScreen | None:
        if self._prefetched("screens"):
            return next(iter(self.screens.all()), None)  # newest first, the model's order
        return self.screens.order_by("-recorded_at", "-id").first()

    def unresolved_screen(self) -> SafetyScreen | None:
        """The newest flagged screen with no clearance or override recorded against it."""
        if self._prefetched("screens"):
            open_screens = [s for s in self.screens.all() if not s.clearances.all()]
        else:
            open_screens = list(
                self.screens.filter(clearances__isnull=True).order_by("-recorded_at", "-id")
            )
        return next((screen for screen in open_screens if screen.flagged), None)

    def screen_status(self) -> ScreenStatus:
        """Where the client stands: a later clear screen does not resolve an earlier flag."""
        screen = self.latest_screen()
        if screen is None:
            return ScreenStatus.NOT_SCREENED
        if self.unresolved_screen() is not None:
            return ScreenStatus.SEE_DOCTOR
        if not screen.flagged:
            return ScreenStatus.CLEAR
        if self._prefetched("screens"):
            resolution = next(iter(screen.clearances.all()), None)  # newest first
        else:
            resolution = screen.clearances.order_by("-recorded_at", "-id").first()
        if resolution is not None and resolution.is_override:
            return ScreenStatus.OVERRIDDEN
        return ScreenStatus.CLEARED

    def current_consent(self) -> Consent | None:
        if self._prefetched("consents"):
            return next((c for c in self.consents.all() if c.version == CONSENT_VERSION), None)
        return self.consents.filter(version=CONSENT_VERSION).order_by("-accepted_at").first()

    def session_blockers(self) -> list[str]:
        """Why a session cannot start now, in words; empty when it can."""
        if self.is_archived:
            return ["This client is archived. Restore the record before starting a session."]
        reasons = []
        status = self.screen_status()
        if status == ScreenStatus.NOT_SCREENED:
            reasons.append("The safety screen has not been done.")
        elif status == ScreenStatus.SEE_DOCTOR:
            reasons.append(
                "The safety screen says see a doctor first: record the doctor's clearance, "
                "or the clinic owner can override with a written reason."
            )
        if self.current_consent() is None:
            reasons.append("The client has not signed the current consent.")
        return reasons
