"""The clinic's side of the portal: send a client a sign-in link, see the links sent and when
each was last used, revoke one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.clients.access import client_for
from repattern.clients.services import client_viewed
from repattern.portal import services


@login_required
def client_portal(request: HttpRequest, client_id: int) -> HttpResponse:
    client, me = client_for(request, client_id)
    if request.method == "POST":
        client, _ = client_for(request, client_id, "edit_clients")
        try:
            services.portal_link_create(client=client, user=staff_user(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"A sign-in link is on its way to {client.email}.")
        return redirect("client_portal", client_id=client.pk)
    client_viewed(client=client, user=staff_user(request), what="portal links")
    return TemplateResponse(
        request,
        "portal/client_portal.html",
        {
            "client": client,
            "clinic": client.clinic,
            "links": client.portal_links.select_related("created_by"),
            "may_send": me.can("edit_clients"),
            "section": "clients",
            "link_days": settings.PORTAL_LINK_DAYS,
        },
    )


@login_required
@require_POST
def portal_link_revoke(request: HttpRequest, client_id: int, link_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "edit_clients")
    link = client.portal_links.filter(pk=link_id).first()
    if link is None:
        raise Http404
    services.portal_link_revoke(link=link, user=staff_user(request))
    messages.success(request, "The link no longer works, and its portal sessions have ended.")
    return redirect("client_portal", client_id=client.pk)
