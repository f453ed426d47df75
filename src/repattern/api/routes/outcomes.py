"""Outcome measures: each filling-in of an instrument, its answers, score and who entered it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from repattern.api.caller import Caller, caller_of
from repattern.api.paging import Filters, Page, RecordId, filtered, page_of
from repattern.api.routes.common import ERRORS, listed, one
from repattern.api.schemas import ResponseOut
from repattern.audit.models import AuditAction
from repattern.outcomes.models import Response

router = Router(tags=["outcome measures"])


def _responses(caller: Caller) -> Any:
    return Response.objects.filter(client__clinic_id=caller.clinic_id).order_by("-authored", "-id")


@router.get("/outcome-responses", response={200: Page[ResponseOut], **ERRORS})
def response_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Outcome measures, the newest first; `since` and `until` filter by when each was given."""
    caller = caller_of(request)
    caller.require("view_clients")
    listed(caller, "outcome measures", filters)
    return page_of(filtered(_responses(caller), filters, when="authored"), filters)


@router.get("/outcome-responses/{response_id}", response={200: ResponseOut, **ERRORS})
def response_detail(request: HttpRequest, response_id: RecordId) -> Response:
    """One outcome measure, its answers shaped as a FHIR QuestionnaireResponse's items."""
    caller = caller_of(request)
    caller.require("view_clients")
    response = one(_responses(caller), response_id)
    caller.audit(AuditAction.API_READ, response, "an outcome measure", response.client)
    return response
