from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX
from repattern.engine import session as rules
from repattern.engine.session import EventKind, PatternStatus, Result
from repattern.treatment.models.sessions import TreatmentSession


def _choices(
    members: type[EventKind] | type[Result] | type[PatternStatus],
) -> list[tuple[str, str]]:
    """Django choices from one of the engine's enums, which hold the values and their words."""
    return [(m.value, m.label) for m in members]


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

    session = models.ForeignKey(TreatmentSession, on_delete=models.CASCADE, related_name="patterns")
    inhibited = models.CharField(max_length=100)
    facilitated = models.CharField(max_length=100)
    layer = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=20, choices=_choices(PatternStatus), default=PatternStatus.OPEN
    )
    probability = models.FloatField(help_text="The engine's probability when it was confirmed")
    window_seconds = models.PositiveSmallIntegerField(default=45)
    confirmed_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    retested_late = models.BooleanField(
        default=False, help_text="The retest came after the learning window had closed"
    )
    compensator_added = models.BooleanField(
        default=False,
        help_text="The engine had not listed the compensator: the practitioner added it",
    )

    class Meta:
        ordering = ["confirmed_at", "id"]
        indexes = [models.Index(fields=["inhibited", "status"])]

    def __str__(self) -> str:
        return f"{self.inhibited} inhibited, {self.facilitated} facilitated"

    @property
    def is_open(self) -> bool:
        return self.status == PatternStatus.OPEN

    def as_rule(self) -> rules.Pattern:
        """This pattern as the session rules see it."""
        return rules.Pattern(
            id=self.pk,
            inhibited=self.inhibited,
            facilitated=self.facilitated,
            layer=self.layer,
            status=PatternStatus(self.status),
            confirmed_at=self.confirmed_at.timestamp(),
            window_seconds=self.window_seconds,
        )


class SessionEvent(models.Model):
    """One thing that happened in a session, stored the moment it happens.

    `event_id` is made by the page, so a double tap, a reload or a retry after a dropped
    connection stores the event once.
    """

    event_id = models.UUIDField(unique=True)
    session = models.ForeignKey(TreatmentSession, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=_choices(EventKind))
    site = models.CharField(max_length=100, help_text="The muscle tested, or the inhibited site")
    candidate = models.CharField(max_length=100, blank=True, help_text="The structure challenged")
    region = models.CharField(
        max_length=100, blank=True, help_text="A region challenge: the contact, in words"
    )
    members = models.JSONField(
        default=list, blank=True, help_text="A region challenge: the structures under the contact"
    )
    challenge = models.CharField(max_length=12, choices=ChallengeKind.choices, blank=True)
    challenge_other = models.CharField(max_length=100, blank=True)
    result = models.CharField(max_length=5, choices=_choices(Result), blank=True)
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
    outcome = models.CharField(max_length=20, choices=_choices(PatternStatus), blank=True)
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

    def clean(self) -> None:
        if self.challenge == ChallengeKind.CUSTOM and not self.challenge_other.strip():
            raise ValidationError({"challenge_other": "Describe the custom challenge."})

    def as_rule(self) -> rules.Event:
        """This event as the session rules see it."""
        return rules.Event(
            id=self.pk,
            kind=EventKind(self.kind),
            site=self.site,
            candidate=self.candidate,
            result=Result(self.result) if self.result else None,
            outcome=PatternStatus(self.outcome) if self.outcome else None,
            pattern=self.pattern_id,
            blinded=self.blinded,
            region=self.region,
            members=tuple(self.members or ()),
        )
