from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from repattern.engine.atlas import Atlas
from repattern.readings.dynamometer import MAX_BYTES, MAX_NEWTONS, MuscleNames
from repattern.readings.models import ForceReading
from repattern.treatment.models import TreatmentSession


class ReadingForm(forms.Form):
    muscle = forms.CharField(
        label="Muscle measured",
        max_length=100,
        help_text="Name, alias or atlas id",
        # The session screen's list of muscle names, where there is one.
        widget=forms.TextInput(attrs={"list": "muscle-names", "autocomplete": "off"}),
    )
    side = forms.ChoiceField(choices=ForceReading.Side.choices)
    newtons = forms.DecimalField(
        label="Peak force (N)",
        min_value=Decimal("0.1"),
        max_value=MAX_NEWTONS,
        max_digits=5,
        decimal_places=1,
    )
    trial = forms.IntegerField(
        min_value=1, max_value=99, required=False, help_text="Blank: the next trial"
    )

    def __init__(self, *args: object, atlas: Atlas, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.names = MuscleNames(atlas)

    def clean_muscle(self) -> str:
        muscle, why = self.names.resolve(self.cleaned_data["muscle"])
        if muscle is None:
            raise ValidationError(why[:1].upper() + why[1:] + ".")
        return muscle


def practitioners_of(session: TreatmentSession) -> list[User]:
    return [session.practitioner, *session.team.order_by("username")]


class _PractitionerForm(forms.Form):
    practitioner = forms.TypedChoiceField(
        coerce=int, help_text="Who took these readings (the file does not say)"
    )

    def __init__(self, *args: object, session: TreatmentSession, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.people = {u.pk: u for u in practitioners_of(session)}
        field = self.fields["practitioner"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(pk, u.get_full_name() or u.username) for pk, u in self.people.items()]

    def chosen(self) -> User:
        return self.people[self.cleaned_data["practitioner"]]


class ImportForm(_PractitionerForm):
    file = forms.FileField(
        label="Dynamometer file (CSV)",
        help_text="Columns muscle, side, peak_force_n; time and trial if the device gives them.",
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        self.filename = (upload.name or "readings.csv")[:200]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_BYTES:,} bytes: split it into smaller files."
            )
        return bytes(upload.read())


class ConfirmForm(_PractitionerForm):
    """The checked file sent back with the preview, checked again before it is stored."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES, strip=False)
    filename = forms.CharField(widget=forms.HiddenInput, max_length=200)
