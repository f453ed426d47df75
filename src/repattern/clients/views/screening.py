"""The safety screen, a doctor's clearance, the owner's override, and consent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from repattern.accounts.access import staff_user
from repattern.clients import services
from repattern.clients.access import client_for
from repattern.clients.forms import ClearanceForm, ConsentForm, OverrideForm, SafetyScreenForm
from repattern.clients.screening import CONSENT_BLOCKS, CONSENT_VERSION


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
    services.client_viewed(client=client, user=staff_user(request), what="safety screen form")
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
    services.client_viewed(client=client, user=staff_user(request), what="clearance form")
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
    services.client_viewed(client=client, user=staff_user(request), what="override form")
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
    services.client_viewed(client=client, user=staff_user(request), what="consent form")
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
