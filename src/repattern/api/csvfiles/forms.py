from __future__ import annotations

from typing import Any

from django import forms

from repattern.api.csvfiles.reading import DATE_FORMATS, REQUIRED, TARGETS


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="The client list your practice-management system exports, as CSV (UTF-8)",
    )


class MappingForm(forms.Form):
    """Which column of the file holds each of Repattern's fields."""

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", "— not imported —"), *((c, c) for c in columns)]
        for target, (label, _) in TARGETS.items():
            needed = (
                f"Choose the column that holds the {label.lower()}: every client needs one, so "
                "the file must have such a column."
            )
            self.fields[target] = forms.ChoiceField(
                label=label,
                choices=options,
                required=target in REQUIRED,
                error_messages={"required": needed},
            )
        self.fields["date_format"] = forms.ChoiceField(
            label="Dates are written", choices=list(DATE_FORMATS.items())
        )

    def mapping(self) -> dict[str, str]:
        return {t: self.cleaned_data.get(t) or "" for t in TARGETS}
