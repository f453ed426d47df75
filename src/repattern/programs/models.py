"""A client's home program: release, then activate, for each corrected pattern, versioned; and
the days the client did each exercise."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from repattern.clients.models import PAIN_SCALE, TEXT_MAX, Client
from repattern.treatment.models import CarePlan, Pattern, TreatmentSession

SIDES = [("left", "Left"), ("right", "Right"), ("both", "Both sides"), ("midline", "Middle")]


class HomeProgram(models.Model):
    """What a client does at home between sessions. It is never edited in place: each change
    is a new version, the client sees the newest, and the record keeps them all."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="home_programs")
    care_plan = models.ForeignKey(
        CarePlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="home_programs"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Home program of {self.client}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def current(self) -> ProgramVersion | None:
        return self.versions.order_by("-number").first()


class ProgramVersion(models.Model):
    program = models.ForeignKey(HomeProgram, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note_for_client = models.TextField(
        "Note for the client", max_length=TEXT_MAX, blank=True, help_text="Shown with the program"
    )
    made_from = models.ForeignKey(
        TreatmentSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program_versions",
        help_text="The session whose corrected patterns it was drafted from",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"version {self.number} of {self.program}"


class Exercise(models.Model):
    """Release the facilitated structure, then activate the inhibited muscle, with its dose."""

    version = models.ForeignKey(ProgramVersion, on_delete=models.CASCADE, related_name="exercises")
    order = models.PositiveSmallIntegerField(default=0)
    # The same pattern keeps its key from version to version, so the days done stay with it.
    key = models.CharField(max_length=210)
    pattern = models.ForeignKey(Pattern, null=True, blank=True, on_delete=models.SET_NULL)
    inhibited = models.CharField(max_length=100)
    facilitated = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    release = models.TextField(max_length=TEXT_MAX)
    activation = models.TextField(max_length=TEXT_MAX)
    side = models.CharField(max_length=10, choices=SIDES, default="both")
    hold_seconds = models.PositiveSmallIntegerField(
        "Hold (seconds)",
        default=30,
        validators=[
            MinValueValidator(5, "Hold for 5 seconds or more."),
            MaxValueValidator(300, "Hold for 5 minutes at most."),
        ],
    )
    sets = models.PositiveSmallIntegerField(
        default=1,
        validators=[
            MinValueValidator(1, "Do at least one set."),
            MaxValueValidator(10, "Ten sets at most."),
        ],
    )
    repetitions = models.PositiveSmallIntegerField(
        default=5,
        validators=[
            MinValueValidator(1, "Do at least one repetition."),
            MaxValueValidator(50, "Fifty repetitions at most."),
        ],
    )
    times_per_day = models.PositiveSmallIntegerField(
        "Times a day",
        default=1,
        validators=[
            MinValueValidator(1, "At least once a day."),
            MaxValueValidator(6, "Six times a day at most."),
        ],
    )
    note = models.TextField("Practitioner's note", max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def dose(self) -> str:
        """The dose in words: "Hold 30 s, 2 sets of 5, twice a day"."""
        times = {1: "once a day", 2: "twice a day"}.get(
            self.times_per_day, f"{self.times_per_day} times a day"
        )
        sets = "1 set" if self.sets == 1 else f"{self.sets} sets"
        return f"Hold {self.hold_seconds} s, {sets} of {self.repetitions}, {times}"


class AdherenceEntry(models.Model):
    """One exercise done on one day, as the client said, with how much it hurt if they said."""

    class EnteredBy(models.TextChoices):
        CLIENT = "client", "The client, on the portal"
        STAFF = "staff", "Staff, for the client"

    program = models.ForeignKey(HomeProgram, on_delete=models.CASCADE, related_name="adherence")
    key = models.CharField(max_length=210)
    day = models.DateField()
    pain = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0, PAIN_SCALE), MaxValueValidator(10, PAIN_SCALE)],
    )
    entered_by = models.CharField(max_length=10, choices=EnteredBy.choices)
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "key", "day"], name="one_entry_a_day")
        ]
        indexes = [models.Index(fields=["program", "day"])]
