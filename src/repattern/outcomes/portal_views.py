"""The client's own outcomes on the portal: the questionnaires due for their next visit, and
their progress. Each page shows only the signed-in link's client, and each reading is
audited (portal/access.py)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from repattern.outcomes import services
from repattern.outcomes.forms import carried_over, fill_form
from repattern.outcomes.models import Response
from repattern.outcomes.progress import progress
from repattern.outcomes.schedule import current_plan, due
from repattern.portal.access import PortalRequest, portal_page
from repattern.portal.services import portal_actor


@portal_page
def portal_measure(request: HttpRequest, instrument_id: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    client = portal.portal_client
    plan = current_plan(client.pk)
    waiting = {i.id: i for i in due(plan)} if plan is not None else {}
    instrument = waiting.get(instrument_id)
    if plan is None or instrument is None:
        messages.info(request, "Nothing is waiting to be filled in.")
        return redirect("portal_progress")
    form = fill_form(instrument, initial=carried_over(client.pk, instrument))
    status = 200
    if request.method == "POST":
        raw = {k: str(v) for k, v in request.POST.dict().items() if k != "csrfmiddlewaretoken"}
        try:
            services.response_record(
                client=client,
                instrument_id=instrument.id,
                raw=raw,
                entered_by=Response.EnteredBy.CLIENT,
                actor=portal_actor(portal.portal_link),
                care_plan=plan,
            )
        except services.AnswerProblems as refused:
            form, status = fill_form(instrument, raw, refused.problems), 422
        else:
            messages.success(request, "Thank you: your answers are saved.")
            return redirect("portal_progress")
    return TemplateResponse(
        request,
        "outcomes/portal_fill.html",
        {"client": client, "clinic": client.clinic, "form": form, "section": "progress"},
        status=status,
    )


@portal_page
def portal_progress(request: HttpRequest) -> HttpResponse:
    client = cast(PortalRequest, request).portal_client
    plan = current_plan(client.pk)
    return TemplateResponse(
        request,
        "outcomes/portal_progress.html",
        {
            "client": client,
            "clinic": client.clinic,
            "due": due(plan) if plan is not None else [],
            "shown": progress(client),
            "section": "progress",
        },
    )
