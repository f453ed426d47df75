"""Home programs with their current exercises and how the client kept to them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from repattern.api.caller import Caller, caller_of
from repattern.api.paging import Filters, Page, RecordId, filtered, page_of
from repattern.api.routes.common import ERRORS, listed, one
from repattern.api.schemas import ProgramDetailOut, ProgramOut
from repattern.audit.models import AuditAction
from repattern.programs.adherence import adherence_for
from repattern.programs.models import HomeProgram

router = Router(tags=["home programs"])


def _programs(caller: Caller) -> Any:
    return HomeProgram.objects.filter(client__clinic_id=caller.clinic_id)


@router.get("/home-programs", response={200: Page[ProgramOut], **ERRORS})
def program_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Home programs, the newest first; `since` and `until` filter by when each began."""
    caller = caller_of(request)
    caller.require("view_clients")
    listed(caller, "home programs", filters)
    return page_of(filtered(_programs(caller), filters, when="created_at"), filters)


@router.get("/home-programs/{program_id}", response={200: ProgramDetailOut, **ERRORS})
def program_detail(request: HttpRequest, program_id: RecordId) -> dict[str, Any]:
    """The current version's exercises, and per exercise the days done out of prescribed."""
    caller = caller_of(request)
    caller.require("view_clients")
    program = one(_programs(caller), program_id)
    caller.audit(AuditAction.PROGRAM_VIEW, program)
    version = program.current()
    adherence = adherence_for([program])[program.pk]
    return {
        "id": program.pk,
        "client_id": program.client_id,
        "care_plan_id": program.care_plan_id,
        "created_at": program.created_at,
        "ended_at": program.ended_at,
        "version": version.number if version else None,
        "note_for_client": version.note_for_client if version else "",
        "exercises": list(version.exercises.all()) if version else [],
        "adherence": {
            "done": adherence.done,
            "prescribed": adherence.prescribed,
            "percent_done": adherence.percent_done,
            "last_logged": adherence.last_logged,
            "exercises": adherence.exercises,
        },
    }
