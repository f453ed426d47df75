"""The practitioner edits the program's exercises; each save makes a new version."""

from __future__ import annotations

from django import forms

from repattern.programs.models import Exercise, ProgramVersion


class ExerciseForm(forms.ModelForm):
    remove = forms.BooleanField(required=False, label="Take this exercise out")

    class Meta:
        model = Exercise
        fields = [
            "title",
            "release",
            "activation",
            "side",
            "hold_seconds",
            "sets",
            "repetitions",
            "times_per_day",
            "note",
        ]
        widgets = {
            "release": forms.Textarea(attrs={"rows": 3}),
            "activation": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


ExerciseFormSet = forms.modelformset_factory(Exercise, form=ExerciseForm, extra=0)


class NoteForClientForm(forms.ModelForm):
    class Meta:
        model = ProgramVersion
        fields = ["note_for_client"]
        widgets = {"note_for_client": forms.Textarea(attrs={"rows": 3})}
