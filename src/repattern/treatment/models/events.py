from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX
from repattern.treatment.models.sessions import TreatmentSession


class ChallengeKind(models.TextChoices):
    TOUCH = "touch", "Touch"
    RUB = "rub", "Rub"
    SCAR = "scar", "Scar contact"
    JAW_CLENCH = "jaw_clench", "Jaw clench"
    BREATH = "breath", "Breath hold"
    GAZE = "gaze", "Gaze"
    CUSTOM = "custom", "Other"


class Pattern(models.Model):
    """A confirmed (inhibited, facilitated) pair and what became of it in this session."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed, in the learning window"
        CORRECTED = "corrected", "Corrected"
        NOT_CORRECTED = "not_corrected", "Not corrected"
        DEFERRED = "deferred", "Deferred"

    session = models.ForeignKey(TreatmentSession, on_delete=models.CASCADE, related_name="patterns")
    inhibited = models.CharField(max_length=100)
    facilitated = models.CharField(max_length=100)
    layer = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    probability = models.FloatField(help_text="The engine's probability when it was confirmed")
    window_seconds = models.PositiveSmallIntegerField(default=45)
    confirmed_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    retested_late = models.BooleanField(
        default=False, help_text="The retest came after the learning window had closed"
    )

    class Meta:
        ordering = ["confirmed_at", "id"]
        indexes = [models.Index(fields=["inhibited", "status"])]

    def __str__(self) -> str:
        return f"{self.inhibited} inhibited, {self.facilitated} facilitated"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.CONFIRMED


class SessionEvent(models.Model):
    """One thing that happened in a session, stored the moment it happens.

    `event_id` is made by the page, so a double tap, a reload or a retry after a dropped
    connection stores the event once.
    """

    class Kind(models.TextChoices):
        TEST = "test", "Muscle test"
        CHALLENGE = "challenge", "Challenge"
        CONFIRM = "confirm", "Pattern confirmed"
        RELEASE = "release", "Release"
        ACTIVATION = "activation", "Activation"
        RETEST = "retest", "Retest"
        OUTCOME = "outcome", "Pattern outcome"

    class Result(models.TextChoices):
        HOLDS = "holds", "Holds"
        WEAK = "weak", "Weak"
        NONE = "", "—"

    event_id = models.UUIDField(unique=True)
    session = models.ForeignKey(TreatmentSession, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    site = models.CharField(max_length=100, help_text="The muscle tested, or the inhibited site")
    candidate = models.CharField(max_length=100, blank=True, help_text="The structure challenged")
    challenge = models.CharField(max_length=12, choices=ChallengeKind.choices, blank=True)
    challenge_other = models.CharField(max_length=100, blank=True)
    result = models.CharField(max_length=5, choices=Result.choices, blank=True)
    blinded = models.BooleanField(
        default=False, help_text="The practitioner did not know which structure was touched"
    )
    prior = models.FloatField(
        null=True,
        blank=True,
        help_text="The engine's probability of the candidate just before a blinded challenge",
    )
    force_newtons = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.TextField(max_length=TEXT_MAX, blank=True)
    outcome = models.CharField(max_length=20, choices=Pattern.Status.choices, blank=True)
    pattern = models.ForeignKey(
        Pattern, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["session", "site"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.site} {self.result}".strip()
