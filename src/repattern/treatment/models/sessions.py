from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from repattern.clients.models import REGION_CHOICES, SIDE_CHOICES, TEXT_MAX, Client, body_place


class TreatmentSession(models.Model):
    """One visit. Named so because Django already owns the word 'session'."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="treatment_sessions")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    care_plan = models.ForeignKey(
        "treatment.CarePlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    window_seconds = models.PositiveSmallIntegerField(
        "Learning window (seconds)",
        default=45,
        validators=[MinValueValidator(30), MaxValueValidator(60)],
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="sessions_joined",
        help_text="Colleagues the practitioner added, who may record in this session",
    )
    after_effects = models.JSONField(default=list, blank=True)
    after_effects_note = models.TextField(max_length=TEXT_MAX, blank=True)
    note_for_client = models.TextField(
        "Note for the client",
        max_length=TEXT_MAX,
        blank=True,
        help_text="The client reads it on their portal; the clinical note stays with the clinic",
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Session with {self.client} on {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def may_record(self, user_id: int | None) -> bool:
        """The treating practitioner, and the colleagues they added, record its events."""
        if user_id is None:
            return False
        return user_id == self.practitioner_id or self.team.filter(pk=user_id).exists()

    def pain(self, phase: str) -> list[str]:
        """The pain ratings of one phase ("before" or "after"), in words."""
        return [str(r) for r in self.pain_ratings.all() if r.phase == phase]


class AfterEffect(models.TextChoices):
    SORENESS = "soreness", "Soreness"
    TENDERNESS = "tenderness", "Tenderness"
    BRUISING = "bruising", "Bruising"
    SWELLING = "swelling", "Swelling"
    REDNESS = "redness", "Redness"
    FATIGUE = "fatigue", "Fatigue"
    OTHER = "other", "Other"


class PainRating(models.Model):
    class Phase(models.TextChoices):
        BEFORE = "before", "Before the session"
        AFTER = "after", "After the session"

    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="pain_ratings"
    )
    phase = models.CharField(max_length=10, choices=Phase.choices)
    region = models.CharField(max_length=30, choices=REGION_CHOICES)
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    intensity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["phase", "region", "side"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intensity__lte=10), name="session_pain_at_most_10"
            ),
            models.UniqueConstraint(
                fields=["session", "phase", "region", "side"], name="one_rating_per_area_and_phase"
            ),
        ]

    def __str__(self) -> str:
        return f"{body_place(self.side, self.region)}: {self.intensity}/10"
