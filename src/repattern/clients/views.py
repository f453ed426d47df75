from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.clients import services
from repattern.clients.access import client_for
from repattern.clients.forms import (
    ClearanceForm,
    ClientForm,
    ClientRecordForm,
    ClientSearchForm,
    ConsentForm,
    InjuryForm,
    IntakeForm,
    IntakeLinkForm,
    OverrideForm,
    PainAreaForm,
    SafetyScreenForm,
    ScarForm,
)
from repattern.clients.models import Client, IntakeLink
from repattern.clients.screening import CONSENT_BLOCKS, CONSENT_VERSION
from repattern.clients.search import search_clients

HISTORY_FORMS: dict[str, type[ClientRecordForm]] = {
    "injury": InjuryForm,
    "scar": ScarForm,
    "pain_area": PainAreaForm,
}


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
        client = services.client_create(
            clinic=me.clinic, user=staff_user(request), **form.cleaned_data
        )
        messages.success(
            request, f"{client.full_name} registered. Next: the history and the safety screen."
        )
        return redirect("intake_edit", client_id=client.pk)
    return TemplateResponse(
        request, "clients/client_form.html", {"clinic": me.clinic, "form": form}
    )


@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client, me = client_for(request, client_id)
    services.client_viewed(client=client, user=staff_user(request))
    intake = services.intake_of(client)
    return TemplateResponse(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "clinic": client.clinic,
            "me": me,
            "intake": intake,
            "screen": client.latest_screen(),
            "unresolved": client.unresolved_screen(),
            "status": client.screen_status(),
            "consent": client.current_consent(),
            "blockers": client.session_blockers(),
            "sessions": client.treatment_sessions.order_by("-started_at")[:20],
        },
    )


@login_required
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    form = ClientForm(request.POST or None, instance=Client.objects.get(pk=client.pk))
    if request.method == "POST" and form.is_valid():
        services.client_update(client=client, user=staff_user(request), **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("client_detail", client_id=client.pk)
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


@login_required
def intake_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    intake = services.intake_of(client)
    form = IntakeForm(request.POST or None, instance=intake, prefix="intake")
    if request.method == "POST" and form.is_valid():
        services.intake_update(client=client, user=staff_user(request), **form.cleaned_data)
        messages.success(request, "History saved.")
        return redirect("intake_edit", client_id=client.pk)
    services.client_viewed(client=client, user=staff_user(request), what="intake")
    return TemplateResponse(
        request,
        "clients/intake.html",
        {"client": client, "clinic": client.clinic, "form": form, **history_context(client)},
    )


HISTORY_TITLES = {"injury": "Injuries", "scar": "Surgeries and scars", "pain_area": "Pain now"}
HISTORY_ROWS = {"injury": "injuries", "scar": "scars", "pain_area": "pain_areas"}


def history_context(
    client: Client, bound: dict[str, ClientRecordForm] | None = None, since: datetime | None = None
) -> dict:
    """The three lists of the client's history, each with its add form; `since` limits the
    lists to what was added from then on (what the client entered through their link)."""
    sections = []
    for kind, form_class in HISTORY_FORMS.items():
        form = (bound or {}).get(kind) or form_class(client=client, prefix=kind)
        rows = getattr(client, HISTORY_ROWS[kind]).all()
        if since is not None:
            rows = rows.filter(created_at__gte=since)
        sections.append({"kind": kind, "title": HISTORY_TITLES[kind], "rows": rows, "form": form})
    return {"sections": sections}


@login_required
@require_POST
def history_add(request: HttpRequest, client_id: int, kind: str) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    if kind not in HISTORY_FORMS:
        raise Http404
    form = HISTORY_FORMS[kind](request.POST, client=client, prefix=kind)
    if form.is_valid():
        services.history_add(
            client=client, user=staff_user(request), entry=kind, **form.cleaned_data
        )
        return history_response(request, client, kind, reverse("intake_edit", args=[client.pk]))
    return history_response(request, client, kind, reverse("intake_edit", args=[client.pk]), form)


def history_response(
    request: HttpRequest,
    client: Client,
    kind: str,
    done_url: str,
    form: ClientRecordForm | None = None,
    extra: dict | None = None,
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
    if kind not in HISTORY_FORMS:
        raise Http404
    try:
        services.history_remove(client=client, user=staff_user(request), entry=kind, row_id=row_id)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    return history_response(request, client, kind, reverse("intake_edit", args=[client.pk]))


@login_required
def screen_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    form = SafetyScreenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        screen = services.screen_record(
            client=client,
            user=staff_user(request),
            answers=form.answers(),
            notes=form.cleaned_data["notes"],
        )
        unresolved = client.unresolved_screen()
        if screen.flagged:
            messages.warning(request, "See a doctor first: " + ", ".join(screen.flags()) + ".")
        elif unresolved is not None:
            messages.warning(
                request,
                "Safety screen recorded: no flags. The screen of "
                f"{unresolved.recorded_at:%Y-%m-%d} still says see a doctor first "
                f"({', '.join(unresolved.flags())}): a clear screen does not resolve it.",
            )
        else:
            messages.success(request, "Safety screen recorded: no flags.")
        return redirect("client_detail", client_id=client.pk)
    return TemplateResponse(
        request,
        "clients/screen_form.html",
        {"client": client, "clinic": client.clinic, "form": form},
    )


@login_required
def clearance_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "record_clearance")
    form = ClearanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.clearance_record(client=client, user=staff_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Clearance recorded. Sessions can start.")
            return redirect("client_detail", client_id=client.pk)
    return TemplateResponse(
        request,
        "clients/clearance_form.html",
        {
            "client": client,
            "clinic": client.clinic,
            "form": form,
            "screen": client.unresolved_screen(),
        },
    )


@login_required
def override_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "override_screen")
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.override_record(
                client=client, user=staff_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.warning(request, "Override recorded with your reason. Sessions can start.")
            return redirect("client_detail", client_id=client.pk)
    return TemplateResponse(
        request,
        "clients/override_form.html",
        {
            "client": client,
            "clinic": client.clinic,
            "form": form,
            "screen": client.unresolved_screen(),
        },
    )


@login_required
def consent_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    form = ConsentForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        services.consent_record(
            client=client,
            user=staff_user(request),
            signed_name=form.cleaned_data["signed_name"],
            signer_relationship=form.cleaned_data["signer_relationship"],
        )
        messages.success(request, "Consent recorded.")
        return redirect("client_detail", client_id=client.pk)
    return TemplateResponse(
        request,
        "clients/consent_form.html",
        {
            "client": client,
            "clinic": client.clinic,
            "form": form,
            "consent_blocks": CONSENT_BLOCKS,
            "consent_version": CONSENT_VERSION,
        },
    )


@login_required
def intake_links(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    form = IntakeLinkForm(request.POST or None)
    new_url = ""
    if request.method == "POST" and form.is_valid():
        _, token = services.intake_link_create(
            client=client, user=staff_user(request), days=form.cleaned_data["days"]
        )
        new_url = request.build_absolute_uri(reverse("public_intake", args=[token]))
    return TemplateResponse(
        request,
        "clients/intake_links.html",
        {
            "client": client,
            "clinic": client.clinic,
            "form": form,
            "new_url": new_url,
            "links": client.intake_links.all(),
        },
    )


@login_required
@require_POST
def intake_link_revoke(request: HttpRequest, client_id: int, link_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    link = IntakeLink.objects.filter(pk=link_id, client=client).first()
    if link is None:
        raise Http404
    services.intake_link_revoke(link=link, user=staff_user(request))
    messages.success(request, "Link revoked.")
    return redirect("intake_links", client_id=client.pk)
