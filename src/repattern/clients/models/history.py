"""The intake history NKT depends on: answers, injuries, scars and pain areas."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from repattern.clients.models.common import (
    PAIN_SCALE,
    REGION_CHOICES,
    SIDE_CHOICES,
    TEXT_MAX,
    NotInFuture,
    age_on,
    body_place,
    capitalised,
    year_not_in_future,
)
from repattern.clients.models.records import Client
from repattern.engine.vocabulary import CONDITIONS, label


class Intake(models.Model):
    """The history NKT depends on, beyond the injuries, scars and pain areas listed separately."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="intake")
    intubated = models.BooleanField(
        "Intubated at some time (a breathing tube, e.g. during an operation)", default=False
    )
    intubation_notes = models.CharField("When and why (if intubated)", max_length=300, blank=True)
    jaw_clenching = models.BooleanField("Clenching the jaw, by day or at night", default=False)
    teeth_grinding = models.BooleanField("Grinding the teeth, often in sleep", default=False)
    tmj_trouble = models.BooleanField("Jaw (TMJ) pain, clicking or locking", default=False)
    dental_work = models.CharField("Major dental work or braces", max_length=300, blank=True)
    conditions = models.JSONField(default=list, blank=True)
    other_conditions = models.TextField(max_length=TEXT_MAX, blank=True)
    goals = models.TextField(max_length=TEXT_MAX, blank=True)
    activities = models.TextField("Sports and activities", max_length=TEXT_MAX, blank=True)
    medications = models.TextField(max_length=TEXT_MAX, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def condition_labels(self) -> list[str]:
        return [label(CONDITIONS, c) for c in self.conditions]


class Injury(models.Model):
    class Kind(models.TextChoices):
        IMPACT = "impact", "Impact or fall"
        ACCIDENT = "accident", "Accident"
        SPRAIN = "sprain", "Sprain"
        STRAIN = "strain", "Strain"
        FRACTURE = "fracture", "Fracture"
        TEAR = "tear", "Tear"
        WHIPLASH = "whiplash", "Whiplash"
        OTHER = "other", "Other"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="injuries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(max_length=30, choices=REGION_CHOICES)
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    occurred_on = models.DateField(
        "Date", null=True, blank=True, validators=[NotInFuture("The injury date")]
    )
    age_at_injury = models.PositiveSmallIntegerField("Age at the time", null=True, blank=True)
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "age_at_injury", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.place()}"

    def clean(self) -> None:
        if not self.client_id:
            return
        born = self.client.date_of_birth
        if isinstance(self.occurred_on, date) and self.occurred_on < born:
            raise ValidationError(
                {"occurred_on": "The injury date is before the client's date of birth."}
            )
        age_now = self.client.age()
        if isinstance(self.age_at_injury, int) and self.age_at_injury > age_now:
            raise ValidationError(
                {"age_at_injury": f"The client is {age_now}: the age must not be more."}
            )
        actual = self.age_disagrees(born)
        if actual is not None:
            raise ValidationError(
                f"On {self.occurred_on:%Y-%m-%d} the client was {actual}, not "
                f"{self.age_at_injury}: correct the date or the age at the time, "
                "or leave one of them blank."
            )

    def place(self) -> str:
        return body_place(self.side, self.region)

    def when(self) -> str:
        if self.occurred_on:
            return str(self.occurred_on.year)
        if self.age_at_injury is not None:
            return f"age {self.age_at_injury}"
        return "date unknown"

    def age_disagrees(self, born: date) -> int | None:
        """The client's real age on the injury date, if the age recorded is over a year off."""
        when, age = self.occurred_on, self.age_at_injury
        if not isinstance(when, date) or not isinstance(age, int) or when < born:
            return None
        actual = age_on(born, when)
        return actual if abs(actual - age) > 1 else None

    def birth_conflict(self, born: date) -> str:
        """Why this injury cannot be true of someone born on `born`; empty when it can."""
        if self.occurred_on and self.occurred_on < born:
            return f"its date, {self.occurred_on:%Y-%m-%d}, is before this date of birth"
        age_now = age_on(born, timezone.localdate())
        if self.age_at_injury is not None and self.age_at_injury > age_now:
            return f"age {self.age_at_injury} at the time is more than the client's age ({age_now})"
        actual = self.age_disagrees(born)
        if actual is not None:
            return (
                f"on {self.occurred_on:%Y-%m-%d} the client was {actual}, not {self.age_at_injury}"
            )
        return ""


class Scar(models.Model):
    """A scar, usually from a surgery; the engine treats it as a possible compensator."""

    class Healing(models.TextChoices):
        WELL_HEALED = "well_healed", "Well healed, flat"
        RAISED = "raised", "Raised or thickened"
        ADHERED = "adhered", "Stuck down, moves poorly"
        NUMB = "numb", "Numb around it"
        PAINFUL = "painful", "Tender or painful"
        HEALING = "healing", "Still healing"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="scars")
    procedure = models.CharField("Surgery or cause", max_length=120)
    region = models.CharField(max_length=30, choices=REGION_CHOICES)
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    year = models.PositiveSmallIntegerField(null=True, blank=True, validators=[year_not_in_future])
    length_cm = models.DecimalField(
        "Length (cm)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.1), MaxValueValidator(99.9)],
    )
    healing = models.CharField(max_length=20, choices=Healing.choices, default=Healing.WELL_HEALED)
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "id"]

    def __str__(self) -> str:
        year = f", {self.year}" if self.year else ""
        return f"{self.procedure} scar, {self.place()}{year}"

    def place(self) -> str:
        return body_place(self.side, self.region)

    def clean(self) -> None:
        born = self.client.date_of_birth if self.client_id else None
        if born and isinstance(self.year, int) and self.year < born.year:
            raise ValidationError({"year": "The year is before the client was born."})

    def birth_conflict(self, born: date) -> str:
        """Why this scar cannot be true of someone born on `born`; empty when it can."""
        if self.year is not None and self.year < born.year:
            return f"the year, {self.year}, is before this date of birth"
        return ""


class PainArea(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="pain_areas")
    region = models.CharField(max_length=30, choices=REGION_CHOICES)
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    intensity = models.PositiveSmallIntegerField(
        help_text="0 is no pain, 10 the worst imaginable",
        validators=[MinValueValidator(0, PAIN_SCALE), MaxValueValidator(10, PAIN_SCALE)],
    )
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-intensity", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intensity__lte=10), name="pain_intensity_at_most_10"
            )
        ]

    def __str__(self) -> str:
        return f"{capitalised(self.place())}: {self.intensity}/10"

    def place(self) -> str:
        return body_place(self.side, self.region)
