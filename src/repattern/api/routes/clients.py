"""Clients, with the intake history and where they stand on the safety screen."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from repattern.api.caller import caller_of
from repattern.api.paging import Filters, Page, RecordId, filtered, page_of
from repattern.api.routes.common import ERRORS, one
from repattern.api.schemas import ClientDetailOut, ClientOut
from repattern.audit.models import AuditAction
from repattern.clients.export.records_json import Names, record
from repattern.clients.models import Client

router = Router(tags=["clients"])


@router.get("/clients", response={200: Page[ClientOut], **ERRORS})
def client_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """The clinic's clients by name; `since` and `until` filter by when they were registered."""
    caller = caller_of(request)
    caller.require("view_clients")
    rows = filtered(
        Client.objects.filter(clinic_id=caller.clinic_id), filters, client="pk", when="created_at"
    )
    caller.audit(AuditAction.CLIENT_LIST_VIEW, caller.clinic, f"clients from {filters.offset}")
    return page_of(rows.values(*ClientOut.model_fields), filters)


@router.get("/clients/{client_id}", response={200: ClientDetailOut, **ERRORS})
def client_detail(request: HttpRequest, client_id: RecordId) -> dict[str, Any]:
    caller = caller_of(request)
    caller.require("view_clients")
    client = one(Client.objects.filter(clinic_id=caller.clinic_id), client_id)
    caller.audit(AuditAction.CLIENT_VIEW, client, "the client and the intake history")
    names = Names()
    intake = getattr(client, "intake", None)
    status = client.screen_status()
    return {
        **{f: getattr(client, f) for f in [*ClientOut.model_fields, "notes"]},
        "screen_status": status.value,
        "screen_status_label": str(status.label),
        "session_blockers": client.session_blockers(),
        "intake": record(intake, (), names) if intake is not None else None,
        "injuries": [record(r, (), names) for r in client.injuries.all()],
        "scars": [record(r, (), names) for r in client.scars.all()],
        "pain_areas": [record(r, (), names) for r in client.pain_areas.all()],
    }
