"""What every route shares: the answers it documents, a record looked up in the clinic, and
the audit row of a list."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from repattern.api.caller import Caller
from repattern.api.errors import Problem
from repattern.api.paging import Filters
from repattern.audit.models import AuditAction
from repattern.clients.models import Client

M = TypeVar("M", bound=models.Model)
# Every status an error can have; each answers with a Problem.
ERRORS: dict[Any, Any] = {frozenset({400, 401, 403, 404, 405, 409, 413, 415, 422, 429}): Problem}


def one(rows: models.QuerySet[M], pk: int) -> M:
    """The record with this id among `rows` (already limited to the caller's clinic), or 404:
    another clinic's records do not exist as far as a token can tell."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def listed(caller: Caller, what: str, filters: Filters) -> None:
    """A list is audited as the client list is; filtered by client, it is that client's row."""
    client = None
    if filters.client is not None:
        client = Client.objects.filter(pk=filters.client, clinic_id=caller.clinic_id).first()
    caller.audit(AuditAction.API_READ, caller.clinic, f"{what} from {filters.offset}", client)
