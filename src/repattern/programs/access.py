"""Who may open a home program: members of the client's clinic, by role."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from repattern.accounts.access import membership_for
from repattern.programs.models import HomeProgram


def program_for(
    request: HttpRequest, program_id: int, permission: str = "view_clients"
) -> HomeProgram:
    program = (
        HomeProgram.objects.select_related("client", "client__clinic", "care_plan")
        .filter(pk=program_id)
        .first()
    )
    if program is None:
        raise Http404
    membership_for(request.user, program.client.clinic_id, permission)
    return program
