"""The intake history: the answers, and the injuries, scars and pain areas listed apart.

Staff edit it here; a client adds to it through their intake link (`views.public`), which shows
the same lists, limited to what the client added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.clients import services
from repattern.clients.access import client_for
from repattern.clients.forms import ClientRecordForm, InjuryForm, IntakeForm, PainAreaForm, ScarForm
from repattern.clients.models import Client


@dataclass(frozen=True)
class HistoryList:
    """One list of the history: its form, the service that adds to it, its rows, its title."""

    form: type[ClientRecordForm]
    add: Callable[..., Any]
    rows: str
    title: str


HISTORY: dict[str, HistoryList] = {
    "injury": HistoryList(InjuryForm, services.injury_add, "injuries", "Injuries"),
    "scar": HistoryList(ScarForm, services.scar_add, "scars", "Surgeries and scars"),
    "pain_area": HistoryList(PainAreaForm, services.pain_area_add, "pain_areas", "Pain now"),
}


def history_list(kind: str) -> HistoryList:
    if kind not in HISTORY:
        raise Http404
    return HISTORY[kind]


@login_required
def intake_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    form = IntakeForm(request.POST or None, instance=services.intake_of(client), prefix="intake")
    if request.method == "POST" and form.is_valid():
        answers = services.IntakeAnswers(**form.cleaned_data)
        services.intake_update(client=client, user=staff_user(request), answers=answers)
        messages.success(request, "History saved.")
        return redirect("intake_edit", client_id=client.pk)
    services.client_viewed(client=client, user=staff_user(request), what="intake")
    return TemplateResponse(
        request,
        "clients/intake.html",
        {"client": client, "clinic": client.clinic, "form": form, **history_context(client)},
    )


def history_context(
    client: Client, bound: dict[str, ClientRecordForm] | None = None, since: datetime | None = None
) -> dict[str, Any]:
    """The three lists of the client's history, each with its add form; `since` limits the
    lists to what was added from then on (what the client entered through their link)."""
    sections = []
    for kind, history in HISTORY.items():
        form = (bound or {}).get(kind) or history.form(client=client, prefix=kind)
        rows = getattr(client, history.rows).all()
        if since is not None:
            rows = rows.filter(created_at__gte=since)
        sections.append({"kind": kind, "title": history.title, "rows": rows, "form": form})
    return {"sections": sections}


@login_required
@require_POST
def history_add(request: HttpRequest, client_id: int, kind: str) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    history = history_list(kind)
    form = history.form(request.POST, client=client, prefix=kind)
    done = reverse("intake_edit", args=[client.pk])
    if not form.is_valid():
        return history_response(request, client, kind, done, form)
    history.add(client=client, user=staff_user(request), **form.cleaned_data)
    return history_response(request, client, kind, done)


def history_response(
    request: HttpRequest,
    client: Client,
    kind: str,
    done_url: str,
    form: ClientRecordForm | None = None,
    extra: dict[str, Any] | None = None,
    since: datetime | None = None,
) -> HttpResponse:
    """HTMX swaps the one section; without JavaScript the browser goes back to the page."""
    if not request.headers.get("HX-Request"):
        if form is not None:
            for field, errors in form.errors.items():
                label = form[field].label if field in form.fields else "Entry"
                messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
        return redirect(done_url)
    sections = history_context(client, {kind: form} if form else None, since)["sections"]
    section = next(s for s in sections if s["kind"] == kind)
    context = {"client": client, "section": section, **(extra or {})}
    return TemplateResponse(
        request, "clients/_history_section.html", context, status=200 if form is None else 422
    )


@login_required
@require_POST
def history_remove(request: HttpRequest, client_id: int, kind: str, row_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    history = history_list(kind)
    row = getattr(client, history.rows).filter(pk=row_id).first()
    if row is None:
        raise Http404
    services.history_remove(row=row, user=staff_user(request))
    return history_response(request, client, kind, reverse("intake_edit", args=[client.pk]))
