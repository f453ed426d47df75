"""The time chosen for one appointment's reminder, in the clinic's time zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone


class ReminderTimeForm(forms.Form):
    day = forms.DateField(
        label="Reminder day",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, e.g. 2026-12-01."},
    )
    time = forms.TimeField(
        label="Reminder time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time such as 09:30."},
    )

    def remind_at(self) -> datetime:
        data: dict[str, Any] = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["day"], data["time"]))
