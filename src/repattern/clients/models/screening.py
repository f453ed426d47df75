"""The safety screen, its clearance or override, and the client's consent."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from repattern.clients.models.common import SIGNER_NEEDED, TEXT_MAX, NotInFuture
from repattern.clients.models.records import Client
from repattern.clients.screening import SAFETY_QUESTIONS


class EnteredBy(models.TextChoices):
    STAFF = "staff", "Entered by staff"
    CLIENT_LINK = "client_link", "Entered by the client through a link"


class SafetyScreen(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="screens")
    answers = models.JSONField(help_text="question id -> yes (true) or no (false)")
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    entered_by = models.CharField(max_length=20, choices=EnteredBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def clean(self) -> None:
        # A skipped question is not a "no".
        answers = self.answers if isinstance(self.answers, dict) else {}
        missing = [q.text for q in SAFETY_QUESTIONS if not isinstance(answers.get(q.id), bool)]
        if missing:
            raise ValidationError(
                {"answers": f"Every question needs a yes or a no; unanswered: {'; '.join(missing)}"}
            )

    @property
    def flagged(self) -> bool:
        return any(self.answers.get(q.id) for q in SAFETY_QUESTIONS)

    def flags(self) -> list[str]:
        return [q.why for q in SAFETY_QUESTIONS if self.answers.get(q.id)]


class Clearance(models.Model):
    """A doctor's clearance, or the owner's written override, for one flagged screen."""

    class Kind(models.TextChoices):
        CLEARANCE = "clearance", "Doctor's clearance"
        OVERRIDE = "override", "Owner's override"

    screen = models.ForeignKey(SafetyScreen, on_delete=models.CASCADE, related_name="clearances")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    cleared_by = models.CharField(
        "Cleared by", max_length=150, blank=True, help_text="The doctor or clinician who cleared"
    )
    cleared_on = models.DateField(
        "Date of clearance", validators=[NotInFuture("The clearance date")]
    )
    note = models.TextField(max_length=TEXT_MAX)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    @property
    def is_override(self) -> bool:
        return self.kind == self.Kind.OVERRIDE

    def clean(self) -> None:
        if self.kind == self.Kind.CLEARANCE and not self.cleared_by.strip():
            raise ValidationError({"cleared_by": "Say which doctor or clinician cleared them."})


class Consent(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    version = models.CharField(max_length=20)
    signed_name = models.CharField(max_length=200)
    signer_relationship = models.CharField(
        "Signed by (if not the client)",
        max_length=100,
        blank=True,
        help_text="E.g. parent, guardian or carer",
    )
    entered_by = models.CharField(max_length=20, choices=EnteredBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="witnessed_consents",
        help_text="The member of staff who saw the client sign; none when signed through a link",
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at", "-id"]

    def clean(self) -> None:
        if (
            self.client_id
            and self.signed_name
            and not self.client.signature_matches(self.signed_name)
            and not self.signer_relationship.strip()
        ):
            raise ValidationError({"signer_relationship": SIGNER_NEEDED})
