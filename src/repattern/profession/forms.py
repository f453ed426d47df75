from __future__ import annotations

from typing import Any

from django import forms

from repattern.clients.models import TEXT_MAX
from repattern.engine.vocabulary import CONDITIONS, choices
from repattern.profession.models import (
    SECTIONS,
    CaseStudy,
    Certifier,
    DirectoryListing,
    EducationEntry,
    ObservedSession,
    Review,
)
from repattern.profession.rubric import Rubric
from repattern.profession.rules import LEVELS

DATE = forms.DateInput(attrs={"type": "date"})


class CourseForm(forms.Form):
    level = forms.TypedChoiceField(choices=[(n, f"Level {n}") for n in LEVELS], coerce=int)
    course_date = forms.DateField(label="Course date", widget=DATE)
    course_place = forms.CharField(label="Where", max_length=120)
    course_instructor = forms.CharField(label="Instructor", max_length=120)
    practice_from = forms.DateField(label="Practice began", required=False, widget=DATE)


class EducationForm(forms.ModelForm):
    class Meta:
        model = EducationEntry
        fields = ["kind", "title", "on", "hours", "note"]
        widgets = {"on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class ConsentForm(forms.Form):
    signed_name = forms.CharField(
        label="The client's typed signature",
        max_length=200,
        help_text="The client agrees that their care, with nothing that names them, may be "
        "written up as a case study for certification.",
    )


class CaseStudyForm(forms.Form):
    def __init__(self, *args: Any, initial_sections: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, title in SECTIONS:
            self.fields[key] = forms.CharField(
                label=title,
                required=False,
                max_length=TEXT_MAX,
                initial=initial_sections.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 8 if key != "reflection" else 6}),
            )


class SubmitForm(forms.Form):
    case_studies = forms.ModelMultipleChoiceField(
        queryset=CaseStudy.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    certifier = forms.ModelChoiceField(queryset=Certifier.objects.filter(active=True))
    observed_on = forms.DateField(label="Date of the observed session", widget=DATE)
    mode = forms.ChoiceField(choices=ObservedSession.Mode.choices, label="In person or remote")

    def __init__(self, *args: Any, practitioner_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["case_studies"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = CaseStudy.objects.filter(practitioner_id=practitioner_id)
        certifier = self.fields["certifier"]
        assert isinstance(certifier, forms.ModelChoiceField)
        certifier.queryset = Certifier.objects.filter(active=True).exclude(user_id=practitioner_id)


class ReviewForm(forms.Form):
    review = forms.ChoiceField(choices=Review.choices)
    review_comment = forms.CharField(
        label="Comment", required=False, max_length=TEXT_MAX, widget=forms.Textarea({"rows": 3})
    )


class GradeForm(forms.Form):
    def __init__(self, *args: Any, rubric: Rubric, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        scale = [(str(score), f"{score}: {label}") for score, label in rubric.scale]
        for c in rubric.criteria:
            self.fields[f"score_{c.id}"] = forms.TypedChoiceField(
                label=c.title, help_text=c.looks_for, choices=scale, coerce=int
            )
            self.fields[f"comment_{c.id}"] = forms.CharField(
                label=f"Comment on {c.title.lower()}",
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, int]:
        return {c.id: self.cleaned_data[f"score_{c.id}"] for c in self.rubric.criteria}

    def comments(self) -> dict[str, str]:
        return {c.id: self.cleaned_data[f"comment_{c.id}"] for c in self.rubric.criteria}


class ListingForm(forms.ModelForm):
    conditions = forms.MultipleChoiceField(
        choices=choices(CONDITIONS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Conditions you see",
    )
    booking_url = forms.URLField(label="Booking link", required=False, assume_scheme="https")

    class Meta:
        model = DirectoryListing
        fields = [
            "opted_in",
            "display_name",
            "city",
            "country",
            "languages",
            "conditions",
            "about",
            "booking_url",
        ]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}


class DirectorySearchForm(forms.Form):
    name = forms.CharField(required=False, max_length=120)
    place = forms.CharField(label="City or country", required=False, max_length=120)
    level = forms.TypedChoiceField(
        choices=[("", "Any level")] + [(n, f"Level {n} or above") for n in LEVELS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    condition = forms.ChoiceField(
        choices=[("", "Any condition"), *choices(CONDITIONS)], required=False
    )
    near = forms.CharField(label="Near the city", required=False, max_length=120)
    within_km = forms.IntegerField(
        label="Within (km)", required=False, min_value=1, max_value=20000, initial=50
    )
