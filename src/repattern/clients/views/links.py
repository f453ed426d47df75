"""Intake links: made and revoked by staff, for a client to fill in on their own phone."""

from __future__ import annotations

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
from repattern.clients.forms import IntakeLinkForm
from repattern.clients.models import IntakeLink


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
    services.client_viewed(client=client, user=staff_user(request), what="intake links")
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
