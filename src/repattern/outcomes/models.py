"""What the outcomes app keeps: responses to instruments (shaped like FHIR
`QuestionnaireResponse`), a clinic's uploaded licensed questionnaires, each care plan's
measurement schedule, the clinic's settings and the decisions taken on a plan without
important change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX, Client


class Response(models.Model):
    """One filling-in of an instrument, with who entered it and when. The answers are kept as
    FHIR `QuestionnaireResponse.item` entries; the score as the rules computed it then."""

    class EnteredBy(models.TextChoices):
        CLIENT = "client", "The client, on their portal"
        ROOM = "room", "In the room, with the practitioner"
        SESSION = "session", "Pain rated in a session"
        MIGRATED = "migrated", "From a session's pain ratings, before outcomes were kept"

    class Phase(models.TextChoices):
        NONE = "", "—"
        BEFORE = "before", "Before the session"
        AFTER = "after", "After the session"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="responses")
    instrument = models.CharField(max_length=40)
    questionnaire = models.CharField(
        max_length=200, help_text="The questionnaire's address and version, or the clinic's copy"
    )
    care_plan = models.ForeignKey(
        "treatment.CarePlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    session = models.ForeignKey(
        "treatment.TreatmentSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    phase = models.CharField(max_length=10, choices=Phase.choices, blank=True, default="")
    authored = models.DateTimeField(default=timezone.now, db_index=True)
    entered_by = models.CharField(max_length=20, choices=EnteredBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor = models.CharField(max_length=150, help_text="Who entered it, by name")
    answers = models.JSONField(default=list)
    score = models.FloatField(null=True, blank=True)
    qualifier = models.CharField(
        max_length=200, blank=True, help_text="What a measure was taken of, e.g. a muscle and side"
    )

    class Meta:
        ordering = ["authored", "id"]
        indexes = [models.Index(fields=["client", "instrument", "authored"])]

    def __str__(self) -> str:
        score = "unscored" if self.score is None else f"{self.score:g}"
        return f"{self.instrument} {score} on {self.authored:%Y-%m-%d}"

    def answer(self, link_id: str) -> Any:
        for item in self.answers:
            if item.get("linkId") == link_id and item.get("answer"):
                value = item["answer"][0]
                return next(iter(value.values()), None)
        return None

    def to_fhir(self) -> dict[str, Any]:
        """The response as a FHIR R4 `QuestionnaireResponse`."""
        author = {"display": self.actor}
        patient = {"reference": f"Patient/{self.client_id}"}
        return {
            "resourceType": "QuestionnaireResponse",
            "id": str(self.pk),
            "questionnaire": self.questionnaire,
            "status": "completed",
            "subject": patient,
            "authored": self.authored.isoformat(),
            "author": author,
            "source": patient if self.entered_by == self.EnteredBy.CLIENT else author,
            "item": self.answers,
        }


class ClinicInstrument(models.Model):
    """A licensed questionnaire's text, uploaded by a clinic that holds the licence; it works
    like a shipped one, for that clinic only."""

    clinic = models.ForeignKey(
        "accounts.Clinic", on_delete=models.CASCADE, related_name="instruments"
    )
    instrument = models.CharField(max_length=40)
    questionnaire = models.JSONField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["instrument"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "instrument"], name="one_upload_per_instrument"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} ({self.clinic})"


class OutcomeSettings(models.Model):
    clinic = models.OneToOneField(
        "accounts.Clinic", on_delete=models.CASCADE, related_name="outcome_settings"
    )
    review_after_sessions = models.PositiveSmallIntegerField(
        "Review a plan without important change after session",
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
    )

    def __str__(self) -> str:
        return f"Outcome settings of {self.clinic}"


class ScheduleEntry(models.Model):
    """When one instrument is due in a care plan. A plan without entries follows the default
    schedule (outcomes/schedule.py)."""

    care_plan = models.ForeignKey(
        "treatment.CarePlan", on_delete=models.CASCADE, related_name="measure_schedule"
    )
    instrument = models.CharField(max_length=40)
    at_first = models.BooleanField("At the first session", default=False)
    every = models.PositiveSmallIntegerField(
        "Every how many sessions (0: not repeated)",
        default=0,
        validators=[MaxValueValidator(20)],
    )
    at_discharge = models.BooleanField("At the last session", default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["care_plan", "instrument"], name="one_entry_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} in {self.care_plan_id}"


class Review(models.Model):
    """What the practitioner decided for a plan that reached its review session without an
    important change."""

    class Decision(models.TextChoices):
        EXERCISE = "refer_exercise", "Refer to exercise therapy"
        REFER = "refer_other", "Refer to other evidence-based care"
        CHANGE = "change_plan", "Change the plan"
        CONTINUE = "continue", "Continue the plan as it is, with a reason"
        END = "end", "End the plan"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="outcome_reviews")
    care_plan = models.ForeignKey(
        "treatment.CarePlan", on_delete=models.CASCADE, related_name="outcome_reviews"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField(max_length=TEXT_MAX, blank=True)
    sessions_held = models.PositiveSmallIntegerField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.decided_at:%Y-%m-%d})"
