"""A questionnaire as a form: one field per item, phone-first (number pads for numbers, a
list for a choice), each with its problem under it. The answers are checked by the
instrument's own rules (instruments/scoring.py), not by a Django form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from repattern.outcomes.instruments import Instrument
from repattern.outcomes.models import Response


@dataclass(frozen=True)
class Field:
    link_id: str
    text: str
    kind: str  # number, choice, text
    required: bool
    value: str
    error: str = ""
    low: str = ""
    high: str = ""
    step: str = "any"
    inputmode: str = "text"
    unit: str = ""
    max_length: int = 200
    options: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class FillForm:
    instrument: Instrument
    fields: list[Field]

    @property
    def title(self) -> str:
        q = self.instrument.questionnaire
        return q.title if q is not None else self.instrument.title

    @property
    def has_errors(self) -> bool:
        return any(f.error for f in self.fields)


def _g(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def fill_form(
    instrument: Instrument,
    raw: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
    initial: Mapping[str, str] | None = None,
) -> FillForm:
    values = raw if raw is not None else (initial or {})
    problems = problems or {}
    fields = []
    for item in instrument.items():
        value = str(values.get(item.linkId, "") or "")[:5000]
        common: dict[str, Any] = {
            "link_id": item.linkId,
            "text": item.text,
            "required": item.required,
            "value": value,
            "error": problems.get(item.linkId, ""),
        }
        if item.type in ("integer", "decimal", "quantity"):
            low, high = item.bounds()
            integer = item.type == "integer"
            fields.append(
                Field(
                    kind="number",
                    low=_g(low),
                    high=_g(high),
                    step="1" if integer else "any",
                    inputmode="numeric" if integer and (low or 0) >= 0 else "decimal",
                    unit=item.unit(),
                    **common,
                )
            )
        elif item.type == "choice":
            options = [(o.code(), o.label()) for o in item.answerOption]
            fields.append(Field(kind="choice", options=options, **common))
        elif item.type == "boolean":
            fields.append(Field(kind="choice", options=[("yes", "Yes"), ("no", "No")], **common))
        else:
            fields.append(Field(kind="text", max_length=item.maxLength or 200, **common))
    return FillForm(instrument, fields)


def carried_over(client_id: int, instrument: Instrument) -> dict[str, str]:
    """The activities the client named last time, so later ratings rate the same ones."""
    if instrument.id != "psfs":
        return {}
    last = Response.objects.filter(client_id=client_id, instrument="psfs").last()
    if last is None:
        return {}
    return {
        item.linkId: str(last.answer(item.linkId))
        for item in instrument.items()
        if item.type == "string" and last.answer(item.linkId)
    }
