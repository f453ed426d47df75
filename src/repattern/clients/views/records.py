"""The client list and search, registering a client, their record page, and their details."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients import services
from repattern.clients.access import client_for
from repattern.clients.forms import ClientForm, ClientSearchForm
from repattern.clients.models import Client
from repattern.clients.search import search_clients
from repattern.programs.adherence import client_adherence


@login_required
def client_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id)
    form = ClientSearchForm(request.GET)
    clients = Client.objects.filter(clinic=me.clinic)
    query, archived = "", False
    if form.is_valid():
        query, archived = form.cleaned_data["q"].strip(), form.cleaned_data["archived"]
    if not archived:
        clients = clients.filter(archived_at__isnull=True)
    if query:
        clients = search_clients(clients, query)
    page = Paginator(clients, 50).get_page(request.GET.get("page"))
    # A list shows names and birth dates: one row per reading, with what was searched.
    audit_record(
        clinic=me.clinic,
        user=request.user,
        action=AuditAction.CLIENT_LIST_VIEW,
        record=me.clinic,
        summary=f"search: {query}" if query else f"page {page.number}",
    )
    template = (
        "clients/_client_rows.html"
        if request.headers.get("HX-Request")
        else "clients/client_list.html"
    )
    return TemplateResponse(
        request,
        template,
        {"clinic": me.clinic, "me": me, "page": page, "form": form, "query": query},
    )


@login_required
def client_new(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "edit_clients")
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details = services.ClientDetails(**form.cleaned_data)
        client = services.client_create(clinic=me.clinic, user=staff_user(request), details=details)
        messages.success(
            request, f"{client.full_name} registered. Next: the history and the safety screen."
        )
        return redirect("intake_edit", client_id=client.pk)
    return TemplateResponse(
        request, "clients/client_form.html", {"clinic": me.clinic, "form": form}
    )


def home_program_panel(client: Client) -> dict[str, object]:
    """The client's active home program with how it went, and their latest portal link."""
    adherence = client_adherence(client.pk)
    return {
        "program": adherence.program if adherence else None,
        "adherence": adherence,
        "portal_link": client.portal_links.first(),
    }


@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client, me = client_for(request, client_id)
    services.client_viewed(client=client, user=staff_user(request))
    return TemplateResponse(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "clinic": client.clinic,
            "me": me,
            "intake": services.intake_of(client),
            "screen": client.latest_screen(),
            "unresolved": client.unresolved_screen(),
            "status": client.screen_status(),
            "consent": client.current_consent(),
            "blockers": client.session_blockers(),
            "sessions": client.treatment_sessions.order_by("-started_at")[:20],
            **home_program_panel(client),
            "upcoming": client.appointments.filter(
                starts_at__gte=timezone.now() - timedelta(hours=2), status="booked"
            ).select_related("practitioner")[:5],
        },
    )


@login_required
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    form = ClientForm(request.POST or None, instance=Client.objects.get(pk=client.pk))
    if request.method == "POST" and form.is_valid():
        details = services.ClientDetails(**form.cleaned_data)
        services.client_update(client=client, user=staff_user(request), details=details)
        messages.success(request, "Saved.")
        return redirect("client_detail", client_id=client.pk)
    services.client_viewed(client=client, user=staff_user(request), what="details form")
    return TemplateResponse(
        request,
        "clients/client_form.html",
        {"clinic": client.clinic, "form": form, "client": client},
    )


@login_required
@require_POST
def client_archive(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "archive_clients")
    # The form says which it means, so a double tap cannot archive and then restore.
    restore = request.POST.get("action") == "restore"
    if restore and client.is_archived:
        services.client_restore(client=client, user=staff_user(request))
        messages.success(request, f"{client.full_name} restored.")
    elif not restore and not client.is_archived:
        services.client_archive(client=client, user=staff_user(request))
        messages.success(
            request, f"{client.full_name} archived; the record is kept and can be restored."
        )
    return redirect("client_detail", client_id=client.pk)
