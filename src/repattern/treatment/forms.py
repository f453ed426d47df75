from __future__ import annotations

from typing import Any

from django import forms

from repattern.accounts.models import PERMISSIONS, Membership
from repattern.clients.models import PainArea, body_place
from repattern.engine.session import EventKind, PatternStatus, Result
from repattern.treatment.models import (
    CarePlan,
    ChallengeKind,
    SessionNote,
    TreatmentSession,
)
from repattern.treatment.models.sessions import AfterEffect

PAIN_MESSAGES = {
    "min_value": "Rate pain from 0 (none) to 10 (worst imaginable).",
    "max_value": "Rate pain from 0 (none) to 10 (worst imaginable).",
    "required": "Rate this area's pain now, from 0 to 10.",
}


class PainBeforeForm(forms.Form):
    """Pain right now, 0-10, for each area the client came in with."""

    def __init__(self, *args: Any, areas: list[PainArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A spot listed twice in the history is rated once: a session rates each spot once.
        spots: dict[tuple[str, str], PainArea] = {}
        for area in areas:
            spots.setdefault((area.region, area.side), area)
        self.areas = list(spots.values())
        for area in self.areas:
            self.fields[f"pain_{area.pk}"] = forms.IntegerField(
                label=body_place(area.side, area.region).capitalize(),
                min_value=0,
                max_value=10,
                error_messages=PAIN_MESSAGES,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def ratings(self) -> list[tuple[str, str, int]]:
        return [(a.region, a.side, self.cleaned_data[f"pain_{a.pk}"]) for a in self.areas]


class PainAfterForm(PainBeforeForm):
    """Pain at the end, for the same areas, plus the after-effects the client reports."""

    after_effects = forms.MultipleChoiceField(
        choices=AfterEffect.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="After-effects the client reports",
    )
    after_effects_note = forms.CharField(
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Notes on after-effects",
    )


class SessionStartForm(PainBeforeForm):
    care_plan = forms.ModelChoiceField(
        queryset=CarePlan.objects.none(), required=False, empty_label="No care plan"
    )
    window_seconds = forms.IntegerField(
        min_value=30,
        max_value=60,
        initial=45,
        label="Learning window (seconds)",
        error_messages={
            "min_value": "The learning window is 30 to 60 seconds.",
            "max_value": "The learning window is 30 to 60 seconds.",
        },
    )

    def __init__(
        self, *args: Any, plans: Any = None, appointment: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if plans is not None:
            field = self.fields["care_plan"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = plans
            open_plans = [p for p in plans if p.is_open]
            if appointment is not None and appointment.care_plan_id:
                self.fields["care_plan"].initial = appointment.care_plan_id
            elif open_plans:
                self.fields["care_plan"].initial = open_plans[0].pk


class EventForm(forms.Form):
    """One session event as the page sends it; shape only: the session rules check the sense."""

    event_id = forms.UUIDField(
        error_messages={"invalid": "The page sent a bad event id; reload it."}
    )
    kind = forms.ChoiceField(choices=[(k.value, k.label) for k in EventKind])
    site = forms.CharField(max_length=100, required=False)
    candidate = forms.CharField(max_length=100, required=False)
    challenge = forms.ChoiceField(choices=[("", "—"), *ChallengeKind.choices], required=False)
    challenge_other = forms.CharField(max_length=100, required=False)
    result = forms.ChoiceField(
        choices=[("", "—"), *((r.value, r.label) for r in Result)], required=False
    )
    blinded = forms.BooleanField(required=False)
    force_newtons = forms.DecimalField(
        min_value=0,
        max_value=2000,
        decimal_places=1,
        required=False,
        error_messages={"max_value": "Force is in newtons, at most 2000."},
    )
    note = forms.CharField(max_length=5000, required=False)
    outcome = forms.ChoiceField(
        choices=[("", "—"), *((o.value, o.label) for o in PatternStatus)], required=False
    )
    pattern_id = forms.IntegerField(required=False, min_value=1)
    recorded_by = forms.IntegerField(required=False)
    # A region challenge: the contact's name and its members' sites, joined by commas.
    region = forms.CharField(max_length=100, required=False)
    members = forms.CharField(
        max_length=1000,
        required=False,
        error_messages={"max_length": "A region challenge lists at most a few structures."},
    )

    def members_list(self) -> tuple[str, ...]:
        return tuple(m.strip() for m in self.cleaned_data["members"].split(",") if m.strip())


class ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        name = obj.user.get_full_name() or obj.user.get_username()
        return f"{name} ({obj.get_role_display().lower()})"


class TeamForm(forms.Form):
    """A colleague of the clinic who treats, to add to a session's recorders."""

    membership = ColleagueField(
        queryset=Membership.objects.none(), label="Colleague", empty_label=None
    )

    def __init__(self, *args: Any, session: TreatmentSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        treating = [role for role, allowed in PERMISSIONS.items() if "treat" in allowed]
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Membership.objects.filter(clinic_id=session.client.clinic_id, role__in=treating)
            .exclude(user_id=session.practitioner_id)
            .exclude(user__in=session.team.all())
            .select_related("user")
        )


class NoteForm(forms.ModelForm):
    class Meta:
        model = SessionNote
        fields = ["subjective", "objective", "assessment", "plan"]
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in fields}


class AmendmentForm(forms.Form):
    text = forms.CharField(
        max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), label="Amendment"
    )


class NoteForClientForm(forms.ModelForm):
    class Meta:
        model = TreatmentSession
        fields = ["note_for_client"]
        widgets = {"note_for_client": forms.Textarea(attrs={"rows": 3})}


class CarePlanForm(forms.ModelForm):
    class Meta:
        model = CarePlan
        fields = ["complaint", "goals", "planned_sessions", "interval_days", "start_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"start_date": {"invalid": "Enter a real date, e.g. 2026-12-01."}}
