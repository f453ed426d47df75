"""A client's own data: the page that says what the download holds, and the download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from repattern.accounts.access import staff_user
from repattern.clients import export, services
from repattern.clients.access import client_for


@login_required
@never_cache
def client_export(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "export_clients")
    user = staff_user(request)
    # A POST, so that a link preview or a prefetch never makes an audited copy of the record.
    if request.method == "POST":
        made = services.client_export(client=client, user=user)
        response = HttpResponse(made.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
        return response
    services.client_viewed(client=client, user=user, what="export page")
    return TemplateResponse(
        request,
        "clients/client_export.html",
        {"client": client, "clinic": client.clinic, "contents": export.contents()},
    )
