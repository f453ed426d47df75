from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from repattern.engine.atlas.movements import ACTIONS, JOINTS
from repattern.engine.atlas.movements import label as action_label
from repattern.engine.vocabulary import REGIONS, choices

ANY = [("", "Any")]
MAX_CHART_BYTES = 1_000_000


class AtlasSearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label="Name or alias")
    region = forms.ChoiceField(choices=ANY + choices(REGIONS), required=False)
    joint = forms.ChoiceField(choices=ANY + list(JOINTS.items()), required=False)
    action = forms.ChoiceField(
        choices=ANY + [(a, action_label(a)) for a in sorted(ACTIONS)], required=False
    )
    root = forms.CharField(max_length=10, required=False, label="Nerve root", help_text="e.g. L4")


class ChartUploadForm(forms.Form):
    chart = forms.FileField(
        help_text="CSV with the header inhibited,facilitated,kind,note,source or the same keys "
        "in YAML. Kind is synergist, antagonist or reported."
    )

    filename = "chart"

    def clean_chart(self) -> str:
        upload = self.cleaned_data["chart"]
        self.filename = upload.name or "chart"
        if upload.size > MAX_CHART_BYTES:
            raise ValidationError("The chart is larger than 1 MB: split it into smaller files.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError("The chart is not UTF-8 text: save it as CSV UTF-8.") from error
        if "\x00" in text:
            raise ValidationError(
                "The chart contains NUL characters, as a spreadsheet's binary file does: "
                "save it as CSV UTF-8 or YAML text."
            )
        return text
