from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.clients.access import client_for
from repattern.treatment import services
from repattern.treatment.forms import PainBeforeForm
from repattern.treatment.models import TreatmentSession


@login_required
def session_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "treat")
    areas = list(client.pain_areas.all())
    form = PainBeforeForm(request.POST or None, areas=areas)
    blockers = client.session_blockers()
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            session = services.session_start(
                client=client, practitioner=staff_user(request), pain_before=form.ratings()
            )
        except services.SessionBlocked as blocked:
            blockers = blocked.messages
        else:
            return redirect("session_detail", session_id=session.pk)
    return TemplateResponse(
        request,
        "treatment/session_new.html",
        {"client": client, "clinic": client.clinic, "form": form, "blockers": blockers},
        status=409 if blockers and request.method == "POST" else 200,
    )


def session_for(
    request: HttpRequest, session_id: int, permission: str = "view_clients"
) -> TreatmentSession:
    session = (
        TreatmentSession.objects.select_related("client", "client__clinic", "practitioner")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    membership_for(request.user, session.client.clinic_id, permission)
    return session


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    return TemplateResponse(
        request,
        "treatment/session_detail.html",
        {
            "session": session,
            "client": session.client,
            "clinic": session.client.clinic,
            "pain_before": session.pain_ratings.filter(phase="before"),
        },
    )


@login_required
@require_POST
def session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    services.session_end(session=session, user=staff_user(request))
    messages.success(request, "Session ended.")
    return redirect("client_detail", client_id=session.client_id)
