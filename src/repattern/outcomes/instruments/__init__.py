"""Instruments as data: FHIR R4 Questionnaires with their scoring rules and thresholds."""

from repattern.outcomes.instruments.catalogue import (
    INSTRUMENTS_DIR,
    Catalogue,
    Instrument,
    InstrumentReport,
    check_instruments,
    read_catalogue,
    shipped,
)
from repattern.outcomes.instruments.scoring import Verdict, judge, read_answers, score

__all__ = [
    "INSTRUMENTS_DIR",
    "Catalogue",
    "Instrument",
    "InstrumentReport",
    "Verdict",
    "check_instruments",
    "judge",
    "read_answers",
    "read_catalogue",
    "score",
    "shipped",
]
