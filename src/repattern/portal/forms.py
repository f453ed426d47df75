"""What a client sends from the portal: an exercise marked done (with pain if they like), their
reminder choices, and their e-mail address when they ask for a new link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from repattern.portal.today import DAYS_SHOWN
from repattern.reminders.models import ReminderChoices

PAIN_CHOICES = [("", "No rating")] + [(str(n), f"{n} of 10") for n in range(11)]


class ExerciseMarkForm(forms.Form):
    key = forms.CharField(max_length=210)
    day = forms.DateField()
    pain = forms.TypedChoiceField(
        label="Pain while doing it (optional)",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="0 is no pain, 10 the worst you can imagine",
    )
    undo = forms.BooleanField(required=False)

    def clean_day(self) -> Any:
        day = self.cleaned_data["day"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError("A day still to come cannot be marked done.")
        if day < today - timedelta(days=DAYS_SHOWN - 1):
            raise forms.ValidationError(f"Only the last {DAYS_SHOWN} days can be marked.")
        return day


class ReminderChoicesForm(forms.ModelForm):
    class Meta:
        model = ReminderChoices
        fields = ["appointments", "exercises", "exercise_time"]
        widgets = {"exercise_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        help_text="The address your clinic has for you",
    )
