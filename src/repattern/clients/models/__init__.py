"""Client records: the client, the intake history, the safety screen and consent, intake links."""

from repattern.clients.models.common import (
    PAIN_SCALE,
    REGION_CHOICES,
    SIDE_CHOICES,
    SIGNER_NEEDED,
    TEXT_MAX,
    NotInFuture,
    age_on,
    body_place,
)
from repattern.clients.models.history import Injury, Intake, PainArea, Scar
from repattern.clients.models.links import IntakeLink
from repattern.clients.models.records import Client, Gender, ScreenStatus
from repattern.clients.models.screening import Clearance, Consent, EnteredBy, SafetyScreen

__all__ = [
    "PAIN_SCALE",
    "REGION_CHOICES",
    "SIDE_CHOICES",
    "SIGNER_NEEDED",
    "TEXT_MAX",
    "Clearance",
    "Client",
    "Consent",
    "EnteredBy",
    "Gender",
    "Injury",
    "Intake",
    "IntakeLink",
    "NotInFuture",
    "PainArea",
    "SafetyScreen",
    "Scar",
    "ScreenStatus",
    "age_on",
    "body_place",
]
