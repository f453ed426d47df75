"""The instruments a clinic can use: the shipped ones, and the licensed ones whose text the
clinic uploaded (for that clinic only)."""

from __future__ import annotations

from repattern.outcomes.instruments import Instrument, shipped
from repattern.outcomes.instruments.schema import Questionnaire
from repattern.outcomes.models import ClinicInstrument


def instruments_for(clinic_id: int) -> dict[str, Instrument]:
    found = dict(shipped())
    for upload in ClinicInstrument.objects.filter(clinic_id=clinic_id):
        rules = found.get(upload.instrument)
        if rules is None or not rules.rules.licensed:
            continue
        questionnaire = Questionnaire.model_validate(upload.questionnaire)
        found[upload.instrument] = Instrument(rules.rules, questionnaire, source="clinic")
    return found


def instrument_for(clinic_id: int, instrument_id: str) -> Instrument | None:
    """The instrument, if the clinic can fill it in (its text is held)."""
    found = instruments_for(clinic_id).get(instrument_id)
    return found if found is not None and found.usable else None


def questionnaire_reference(instrument: Instrument) -> str:
    q = instrument.questionnaire
    if q is None:
        return instrument.id
    base = q.url or f"Questionnaire/{q.id}"
    return f"{base}|{q.version}" if q.version else base
