"""Who may open a session, a care plan or a note: every treatment view checks here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from repattern.accounts.access import membership_for
from repattern.treatment.models import CarePlan, TreatmentSession


def session_for(
    request: HttpRequest, session_id: int, permission: str = "treat"
) -> TreatmentSession:
    """The session, if the user's clinic holds it and their role may see treatment records."""
    session = (
        TreatmentSession.objects.select_related(
            "client", "client__clinic", "practitioner", "care_plan"
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    membership_for(request.user, session.client.clinic_id, permission)
    return session


def plan_for(request: HttpRequest, plan_id: int, permission: str = "view_clients") -> CarePlan:
    plan = CarePlan.objects.select_related("client", "client__clinic").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    membership_for(request.user, plan.client.clinic_id, permission)
    return plan


def may_amend(request: HttpRequest, session: TreatmentSession) -> bool:
    """The treating practitioner, or a member whose role amends notes (the owner)."""
    if session.practitioner_id == request.user.pk:
        return True
    return membership_for(request.user, session.client.clinic_id).can("amend_notes")


def require_author(request: HttpRequest, session: TreatmentSession, owner_too: bool) -> None:
    """Notes and homework are the treating practitioner's; an owner may amend them."""
    if session.practitioner_id == request.user.pk or (owner_too and may_amend(request, session)):
        return
    raise PermissionDenied(
        f"Only {session.practitioner.get_username()}, who treated this session"
        f"{' (or the clinic owner)' if owner_too else ''}, can do this."
    )
