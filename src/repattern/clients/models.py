from __future__ import annotations

import unicodedata
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.clients.screening import CONSENT_VERSION, SAFETY_QUESTIONS
from repattern.engine.vocabulary import CONDITIONS, REGIONS, SIDES, choices, label

TEXT_MAX = settings.FORM_FIELD_MAX_TEXT
REGION_CHOICES = choices(REGIONS)
SIDE_CHOICES = choices(SIDES)
SIGNER_NEEDED = (
    "The name signed is not the client's: say who signed for them, e.g. parent, guardian or carer."
)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def body_place(side: str, region: str) -> str:
    """Where on the body, in words that fit inside a sentence: "left jaw and TMJ"."""
    region_words = label(REGIONS, region)
    region_words = region_words[:1].lower() + region_words[1:]
    if side == "both":
        return f"both sides, {region_words}"
    return f"{label(SIDES, side).lower()} {region_words}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _signature(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


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
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    phone = models.CharField(max_length=40, blank=True)
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

    def signature_matches(self, signed_name: str) -> bool:
        """Whether a typed signature is the client's own name, whatever its case and spacing."""
        names = [self.full_name]
        if self.preferred_name:
            names.append(f"{self.preferred_name} {self.last_name}")
        return _signature(signed_name) in {_signature(name) for name in names}

    def latest_screen(self) -> SafetyScreen | None:
        return self.screens.order_by("-recorded_at", "-id").first()

    def unresolved_screen(self) -> SafetyScreen | None:
        """The newest flagged screen with no clearance or override recorded against it."""
        open_screens = self.screens.filter(clearances__isnull=True).order_by("-recorded_at", "-id")
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
        resolution = screen.clearances.order_by("-recorded_at", "-id").first()
        if resolution is not None and resolution.kind == Clearance.Kind.OVERRIDE:
            return ScreenStatus.OVERRIDDEN
        return ScreenStatus.CLEARED

    def current_consent(self) -> Consent | None:
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
    occurred_on = models.DateField("Date", null=True, blank=True)
    age_at_injury = models.PositiveSmallIntegerField("Age at the time", null=True, blank=True)
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "age_at_injury", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.place()}"

    def clean(self) -> None:
        actual = self.age_disagrees(self.client.date_of_birth) if self.client_id else None
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
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    length_cm = models.DecimalField(
        "Length (cm)", max_digits=4, decimal_places=1, null=True, blank=True
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

    def birth_conflict(self, born: date) -> str:
        """Why this scar cannot be true of someone born on `born`; empty when it can."""
        if self.year is not None and self.year < born.year:
            return f"the year, {self.year}, is before this date of birth"
        return ""


class PainArea(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="pain_areas")
    region = models.CharField(max_length=30, choices=REGION_CHOICES)
    side = models.CharField(max_length=10, choices=SIDE_CHOICES)
    intensity = models.PositiveSmallIntegerField(help_text="0 is no pain, 10 the worst imaginable")
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
        return f"{_capitalised(self.place())}: {self.intensity}/10"

    def place(self) -> str:
        return body_place(self.side, self.region)


class Source(models.TextChoices):
    PRACTITIONER = "practitioner", "Entered by staff"
    CLIENT_LINK = "client_link", "Entered by the client through a link"


class SafetyScreen(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="screens")
    answers = models.JSONField(help_text="question id -> yes (true) or no (false)")
    notes = models.TextField(max_length=TEXT_MAX, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

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
    cleared_on = models.DateField("Date of clearance")
    note = models.TextField(max_length=TEXT_MAX)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]


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
    source = models.CharField(max_length=20, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at", "-id"]

    def clean(self) -> None:
        if (
            self.client_id
            and not self.client.signature_matches(self.signed_name)
            and not self.signer_relationship.strip()
        ):
            raise ValidationError({"signer_relationship": SIGNER_NEEDED})


class IntakeLink(models.Model):
    """A one-time link for the client to fill in the intake on their own phone.

    Only a hash of the token is stored, so a copy of the database cannot be used to open it.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="intake_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def is_usable(self) -> bool:
        return (
            self.completed_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
