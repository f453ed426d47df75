"""A practitioner's certification, level by level, and the certifiers who grade it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from repattern.clients.models import TEXT_MAX
from repattern.profession.rules import LEVELS, Deadlines

LEVEL_CHOICES = [(level, f"Level {level}") for level in LEVELS]


class Certifier(models.Model):
    """A user who reviews the case studies and grades the observed sessions submitted to them.

    Being a certifier grants no clinic membership: a certifier may work at no clinic at all, and
    sees only what a practitioner submitted to them, never the client records behind it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certifier"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__last_name", "user__username"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Certification(models.Model):
    """One level for one practitioner: the course, the practice, the submission, the result."""

    class Result(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted for grading"
        CERTIFIED = "certified", "Certified"
        NOT_YET = "not_yet", "Not yet: see the certifier's comments"

    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certifications"
    )
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    course_date = models.DateField("Course date")
    course_place = models.CharField("Where", max_length=120)
    course_instructor = models.CharField("Instructor", max_length=120)
    practice_from = models.DateField("Practice began", null=True, blank=True)
    certifier = models.ForeignKey(
        Certifier, null=True, blank=True, on_delete=models.PROTECT, related_name="certifications"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=20, choices=Result.choices, default=Result.IN_PROGRESS)
    certified_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["level", "-course_date", "-id"]

    def __str__(self) -> str:
        return f"Level {self.level} of {self.practitioner}"

    @property
    def deadlines(self) -> Deadlines:
        return Deadlines.after(self.course_date)

    @property
    def is_open(self) -> bool:
        """Still to be certified: the deadlines and reminders apply."""
        return self.result in (self.Result.IN_PROGRESS, self.Result.NOT_YET)

    def standing(self, today: date) -> str:
        if self.result == self.Result.CERTIFIED and self.certified_on:
            return f"Certified on {self.certified_on:%-d %B %Y}."
        if self.result == self.Result.SUBMITTED:
            return "Submitted: the certifier is grading it."
        return self.deadlines.explain(today)


class ObservedSession(models.Model):
    """The session a certifier watches, and its grade against the rubric."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        REMOTE = "remote", "Remote (video)"

    certification = models.OneToOneField(
        Certification, on_delete=models.CASCADE, related_name="observed_session"
    )
    observed_on = models.DateField("Date")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    rubric = models.CharField(max_length=40, blank=True, help_text="The rubric's id and version")
    scores = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    graded_by = models.ForeignKey(
        Certifier, null=True, blank=True, on_delete=models.PROTECT, related_name="graded"
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Observed session of {self.certification}"

    @property
    def is_graded(self) -> bool:
        return self.graded_at is not None


class EducationEntry(models.Model):
    """Continuing education: optional hours, courses and renewals, kept beside the tracker."""

    class Kind(models.TextChoices):
        COURSE = "course", "Course"
        HOURS = "hours", "Study or supervision hours"
        RENEWAL = "renewal", "Renewal"

    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="education"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    on = models.DateField("Date")
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    note = models.TextField(max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "education entries"

    def __str__(self) -> str:
        return self.title
