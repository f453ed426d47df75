"""The intake history: the answers, and the injuries, scars and pain areas listed apart."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client, Injury, Intake, PainArea, Scar
from repattern.clients.services.base import Actor, save_valid

HistoryRow = Injury | Scar | PainArea


def intake_of(client: Client) -> Intake:
    """The client's intake; an empty one, unsaved, if none was ever stored."""
    try:
        return client.intake
    except Intake.DoesNotExist:
        return Intake(client=client)


@dataclass(frozen=True)
class IntakeAnswers:
    """The intake history beyond the injuries, scars and pain areas listed apart."""

    intubated: bool = False
    intubation_notes: str = ""
    jaw_clenching: bool = False
    teeth_grinding: bool = False
    tmj_trouble: bool = False
    dental_work: str = ""
    conditions: list[str] = field(default_factory=list)
    other_conditions: str = ""
    goals: str = ""
    activities: str = ""
    medications: str = ""


@transaction.atomic
def intake_update(
    *, client: Client, user: Actor, answers: IntakeAnswers, actor: str = "", adding: bool = False
) -> Intake:
    """Store the intake's answers. `adding` is for what a client sends through their link: it
    adds to what the clinic recorded and never takes any of it away (a yes stays yes,
    conditions join, text is added on a line of its own)."""
    intake, _ = Intake.objects.get_or_create(client=client)
    for name, value in asdict(answers).items():
        setattr(intake, name, _added(getattr(intake, name), value) if adding else value)
    save_valid(intake)
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.INTAKE_UPDATE,
        record=intake,
        client=client,
    )
    return intake


def _added(stored: object, sent: object) -> object:
    if isinstance(sent, bool):
        return bool(stored) or sent
    if isinstance(sent, list):
        return list(dict.fromkeys([*(stored if isinstance(stored, list) else []), *sent]))
    stored_text, sent_text = str(stored or "").strip(), str(sent or "").strip()
    if not sent_text or sent_text in stored_text:
        return stored_text
    return f"{stored_text}\n{sent_text}" if stored_text else sent_text


def _history_added(client: Client, user: Actor, row: HistoryRow, actor: str) -> None:
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.HISTORY_ADD,
        record=row,
        summary=str(row),
    )


@transaction.atomic
def injury_add(
    *,
    client: Client,
    user: Actor,
    kind: str,
    region: str,
    side: str,
    occurred_on: date | None = None,
    age_at_injury: int | None = None,
    notes: str = "",
    actor: str = "",
) -> Injury:
    injury = Injury(
        client=client,
        kind=kind,
        region=region,
        side=side,
        occurred_on=occurred_on,
        age_at_injury=age_at_injury,
        notes=notes,
    )
    save_valid(injury)
    _history_added(client, user, injury, actor)
    return injury


@transaction.atomic
def scar_add(
    *,
    client: Client,
    user: Actor,
    procedure: str,
    region: str,
    side: str,
    year: int | None = None,
    length_cm: Decimal | int | None = None,
    healing: str = Scar.Healing.WELL_HEALED,
    notes: str = "",
    actor: str = "",
) -> Scar:
    scar = Scar(
        client=client,
        procedure=procedure,
        region=region,
        side=side,
        year=year,
        length_cm=length_cm,
        healing=healing,
        notes=notes,
    )
    save_valid(scar)
    _history_added(client, user, scar, actor)
    return scar


@transaction.atomic
def pain_area_add(
    *,
    client: Client,
    user: Actor,
    region: str,
    side: str,
    intensity: int,
    notes: str = "",
    actor: str = "",
) -> PainArea:
    area = PainArea(client=client, region=region, side=side, intensity=intensity, notes=notes)
    save_valid(area)
    _history_added(client, user, area, actor)
    return area


@transaction.atomic
def history_remove(*, row: HistoryRow, user: Actor) -> None:
    """Remove an injury, scar or pain area from the client's history."""
    audit_record(
        clinic=row.client.clinic,
        user=user,
        action=AuditAction.HISTORY_REMOVE,
        record=row,
        summary=str(row),
    )
    row.delete()
