from __future__ import annotations

from typing import Any

from django import forms

from repattern.clients.models import PainArea

PAIN_MESSAGES = {
    "min_value": "Rate pain from 0 (none) to 10 (worst imaginable).",
    "max_value": "Rate pain from 0 (none) to 10 (worst imaginable).",
    "required": "Rate this area's pain now, from 0 to 10.",
}


class PainBeforeForm(forms.Form):
    """Pain right now, 0-10, for each area the client came in with."""

    def __init__(self, *args: Any, areas: list[PainArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"pain_{area.pk}"] = forms.IntegerField(
                label=f"{area.get_side_display()} {area.get_region_display().lower()}",
                min_value=0,
                max_value=10,
                initial=area.intensity,
                error_messages=PAIN_MESSAGES,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def ratings(self) -> list[tuple[str, str, int]]:
        return [(a.region, a.side, self.cleaned_data[f"pain_{a.pk}"]) for a in self.areas]
