from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from repattern.clients.models import (
    SIGNER_NEEDED,
    Clearance,
    Client,
    Consent,
    Injury,
    Intake,
    PainArea,
    Scar,
)
from repattern.clients.screening import SAFETY_QUESTIONS
from repattern.engine.vocabulary import CONDITIONS, choices

EARLIEST_DATE = date(1900, 1, 1)
PHONE = re.compile(r"^[0-9+()\-. ]{5,40}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def not_in_future(value: date | None, what: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(f"{what} cannot be in the future.")
    if value and value < EARLIEST_DATE:
        raise ValidationError(f"{what} must be after 1900.")


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "gender",
            "phone",
            "email",
            "notes",
        ]
        widgets = {"date_of_birth": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"date_of_birth": {"invalid": "Enter a real date, e.g. 1980-04-23."}}

    def clean_date_of_birth(self) -> date:
        born = self.cleaned_data["date_of_birth"]
        not_in_future(born, "The date of birth")
        return born

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("Write the phone number with digits, spaces, +, ( ) and - only.")
        return phone


class ClientSearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label="Search")
    archived = forms.BooleanField(required=False, label="Show archived")


class IntakeForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        choices=choices(CONDITIONS), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Intake
        fields = [
            "intubated",
            "intubation_notes",
            "jaw_clenching",
            "teeth_grinding",
            "tmj_trouble",
            "dental_work",
            "conditions",
            "other_conditions",
            "goals",
            "activities",
            "medications",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ["other_conditions", "goals", "activities", "medications"]
        }


class ClientRecordForm(forms.ModelForm):
    """A form for one row of the client's history, checked against the client's birth date."""

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client
        # The model's own checks compare the entry with the client's birth date.
        self.instance.client = client


class InjuryForm(ClientRecordForm):
    class Meta:
        model = Injury
        fields = ["kind", "region", "side", "occurred_on", "age_at_injury", "notes"]
        widgets = {"occurred_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"occurred_on": {"invalid": "Enter a real date, e.g. 2015-06-30."}}

    def clean_occurred_on(self) -> date | None:
        when = self.cleaned_data["occurred_on"]
        not_in_future(when, "The injury date")
        if when and when < self.client.date_of_birth:
            raise ValidationError("The injury date is before the client's date of birth.")
        return when

    def clean_age_at_injury(self) -> int | None:
        age = self.cleaned_data["age_at_injury"]
        if age is not None and age > self.client.age():
            raise ValidationError(f"The client is {self.client.age()}: the age must not be more.")
        return age


class ScarForm(ClientRecordForm):
    length_cm = forms.DecimalField(
        label="Length (cm)", required=False, min_value=0.1, max_value=99.9, decimal_places=1
    )

    class Meta:
        model = Scar
        fields = ["procedure", "region", "side", "year", "length_cm", "healing", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        if year is None:
            return None
        if year > timezone.localdate().year:
            raise ValidationError("The year cannot be in the future.")
        if year < self.client.date_of_birth.year:
            raise ValidationError("The year is before the client was born.")
        return year


class PainAreaForm(ClientRecordForm):
    intensity = forms.IntegerField(
        min_value=0,
        max_value=10,
        error_messages={
            "min_value": "Rate pain from 0 (none) to 10 (worst imaginable).",
            "max_value": "Rate pain from 0 (none) to 10 (worst imaginable).",
        },
    )

    class Meta:
        model = PainArea
        fields = ["region", "side", "intensity", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


YES_NO = [("no", "No"), ("yes", "Yes")]


class SafetyScreenForm(forms.Form):
    """Every question needs an answer: a skipped question is not a 'no'."""

    notes = forms.CharField(
        max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in SAFETY_QUESTIONS:
            self.fields[question.id] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Answer yes or no."},
            )
        self.order_fields([q.id for q in SAFETY_QUESTIONS] + ["notes"])

    def answers(self) -> dict[str, bool]:
        return {q.id: self.cleaned_data[q.id] == "yes" for q in SAFETY_QUESTIONS}

    def question_fields(self) -> list[forms.BoundField]:
        return [self[q.id] for q in SAFETY_QUESTIONS]


class ClearanceForm(forms.ModelForm):
    class Meta:
        model = Clearance
        fields = ["cleared_by", "cleared_on", "note"]
        widgets = {"cleared_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"note": "What the doctor said"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cleared_by"].required = True

    def clean_cleared_on(self) -> date:
        when = self.cleaned_data["cleared_on"]
        not_in_future(when, "The clearance date")
        return when


class OverrideForm(forms.Form):
    reason = forms.CharField(
        max_length=5000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why treatment may go ahead without a doctor's clearance. Kept in the record.",
        error_messages={
            "min_length": "Write the reason in a full sentence (at least 20 characters)."
        },
    )


class ConsentForm(forms.Form):
    signed_name = forms.CharField(max_length=200, label="Full name, as a signature")
    signer_relationship = forms.CharField(
        max_length=100,
        required=False,
        label=Consent._meta.get_field("signer_relationship").verbose_name,
        help_text="Only when someone signs for the client: e.g. parent, guardian or carer.",
    )
    agree = forms.BooleanField(
        label="I have read this and agree",
        error_messages={"required": "Tick the box to confirm you have read and agree."},
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        signed_name = cleaned.get("signed_name", "")
        if (
            signed_name
            and not self.client.signature_matches(signed_name)
            and not cleaned.get("signer_relationship")
        ):
            self.add_error("signer_relationship", SIGNER_NEEDED)
        return cleaned


class IntakeLinkForm(forms.Form):
    days = forms.IntegerField(
        min_value=1, max_value=30, initial=settings.INTAKE_LINK_DAYS, label="Link valid for (days)"
    )
