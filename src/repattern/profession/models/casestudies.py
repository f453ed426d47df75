"""Case studies drafted from a care plan, de-identified, versioned, reviewed by a certifier."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.clients.models import TEXT_MAX, Client
from repattern.profession.models.certification import Certification
from repattern.treatment.models import CarePlan

# Each section of a case study, in order: its key and its heading.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("presenting", "Presenting complaint and history"),
    ("assessment", "Assessment"),
    ("patterns", "Patterns found"),
    ("homework", "Homework and adherence"),
    ("outcomes", "Outcomes over the episode"),
    ("reflection", "Reflection"),
)


class Review(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned for changes"


class CaseConsent(models.Model):
    """The client's consent to the use of their care, de-identified, as a case study."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="case_consents")
    care_plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="case_consents")
    signed_name = models.CharField("Signed by (typed name)", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]


class CaseStudy(models.Model):
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_studies"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="case_studies")
    # Kept so the check can search the client's own names; the case study never shows them.
    # Erasing the client erases their case studies too: it is held about them.
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.CASCADE, related_name="case_studies"
    )
    care_plan = models.ForeignKey(
        CarePlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_studies"
    )
    consent = models.ForeignKey(CaseConsent, null=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=200)
    certification = models.ForeignKey(
        Certification,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    review = models.CharField(max_length=10, choices=Review.choices, blank=True)
    review_comment = models.TextField(max_length=TEXT_MAX, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.title

    def current(self) -> CaseStudyVersion | None:
        return self.versions.order_by("-number").first()

    @property
    def is_submitted(self) -> bool:
        certification = self.certification
        return certification is not None and certification.submitted_at is not None


class CaseStudyVersion(models.Model):
    """The text of a case study at one moment. Never edited in place: a change is a new version."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case_study", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "number"], name="one_number_per_case_version"
            )
        ]

    def section_list(self) -> list[tuple[str, str]]:
        """(heading, text) of each section, in order."""
        return [(title, self.sections.get(key, "")) for key, title in SECTIONS]
