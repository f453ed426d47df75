"""Forms shape what people type; the models check it (their validators and `clean`), once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from repattern.clients.models import (
    PAIN_SCALE,
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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


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


class ScarForm(ClientRecordForm):
    class Meta:
        model = Scar
        fields = ["procedure", "region", "side", "year", "length_cm", "healing", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class PainAreaForm(ClientRecordForm):
    class Meta:
        model = PainArea
        fields = ["region", "side", "intensity", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        # The form field takes its bounds from the model's validators; say them in words.
        error_messages = {"intensity": {"min_value": PAIN_SCALE, "max_value": PAIN_SCALE}}


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
        # The model needs it for a clearance (an override names the owner instead).
        self.instance.kind = Clearance.Kind.CLEARANCE
        self.fields["cleared_by"].required = True


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


class ConsentForm(forms.ModelForm):
    agree = forms.BooleanField(
        label="I have read this and agree",
        error_messages={"required": "Tick the box to confirm you have read and agree."},
    )

    class Meta:
        model = Consent
        fields = ["signed_name", "signer_relationship"]
        labels = {"signed_name": "Full name, as a signature"}
        help_texts = {
            "signer_relationship": "Only when someone signs for the client: e.g. parent, "
            "guardian or carer."
        }

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model compares the name signed with the client's own.
        self.instance.client = client


class IntakeLinkForm(forms.Form):
    days = forms.IntegerField(
        min_value=1, max_value=30, initial=settings.INTAKE_LINK_DAYS, label="Link valid for (days)"
    )


class ClientEraseForm(forms.Form):
    full_name = forms.CharField(
        label="Type the client's full name to confirm",
        max_length=201,
        error_messages={"required": "Type the client's full name to confirm the erasure."},
    )
    reason = forms.CharField(
        max_length=300,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why the records are erased",
        help_text="Kept in the audit log, e.g. the client's written request and its date.",
        error_messages={
            "required": "Write why the client's records are erased: the reason is kept in the "
            "audit log.",
            "min_length": "Write the reason in a full sentence (at least 20 characters).",
        },
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_full_name(self) -> str:
        typed: str = self.cleaned_data["full_name"]
        if not self.client.full_name_matches(typed):
            raise forms.ValidationError(
                f"That is not the client's full name: type {self.client.full_name} as shown."
            )
        return typed
