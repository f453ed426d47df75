"""Forms for booking, moving and cancelling appointments: shape only, the model checks sense."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from repattern.accounts.models import PERMISSIONS, Membership
from repattern.clients.models import Client
from repattern.treatment.models import CarePlan


class PractitionerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.get_full_name() or obj.user.get_username()


def treating_members(clinic_id: int) -> Any:
    treating = [role for role, allowed in PERMISSIONS.items() if "treat" in allowed]
    return Membership.objects.filter(clinic_id=clinic_id, role__in=treating).select_related("user")


class WhenForm(forms.Form):
    """A day, a time and a length: what booking and moving share."""

    day = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, e.g. 2026-12-01."},
    )
    time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time such as 09:30."},
    )
    duration_minutes = forms.IntegerField(
        label="Length (minutes)",
        initial=60,
        min_value=10,
        max_value=240,
        error_messages={
            "min_value": "An appointment lasts 10 minutes or more.",
            "max_value": "An appointment lasts at most 4 hours.",
        },
    )
    book_anyway = forms.BooleanField(
        required=False,
        label="Book it anyway, though the practitioner is booked at that time",
    )

    def starts_at(self) -> datetime:
        day, at = self.cleaned_data["day"], self.cleaned_data["time"]
        return timezone.make_aware(datetime.combine(day, at))


class AppointmentForm(WhenForm):
    practitioner = PractitionerField(queryset=Membership.objects.none(), empty_label=None)
    care_plan = forms.ModelChoiceField(
        queryset=CarePlan.objects.none(), required=False, empty_label="No care plan"
    )
    note = forms.CharField(
        label="Note for the clinic",
        max_length=300,
        required=False,
        help_text="Not shown to the client",
    )
    field_order = ["practitioner", "day", "time", "duration_minutes", "care_plan", "note"]

    def __init__(self, *args: Any, client: Client, me: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        practitioner = self.fields["practitioner"]
        plan = self.fields["care_plan"]
        assert isinstance(practitioner, forms.ModelChoiceField)
        assert isinstance(plan, forms.ModelChoiceField)
        practitioner.queryset = treating_members(client.clinic_id)
        if me.can("treat"):
            practitioner.initial = me.pk
        plan.queryset = client.care_plans.filter(closed_at__isnull=True)
        open_plan = plan.queryset.first()
        if open_plan is not None:
            plan.initial = open_plan.pk
        self.fields["time"].initial = time(9, 0)


class RescheduleForm(WhenForm):
    reason = forms.CharField(
        max_length=300, help_text="Kept in the record, e.g. 'The client asked to move it'."
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.TextInput(),
        help_text="Kept in the record, e.g. 'The client is unwell'.",
        error_messages={"required": "Say why the appointment is cancelled."},
    )
