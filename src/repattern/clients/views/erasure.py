"""Erasing a client: the owner's deliberate deletion of everything held about one client."""

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
from repattern.clients.forms import ClientEraseForm
from repattern.clients.held import TRAIL, Held


@login_required
def client_erase(request: HttpRequest, client_id: int) -> HttpResponse:
    client, me = client_for(request, client_id, "erase_clients")
    form = ClientEraseForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            number = services.client_erase(
                client=client, user=staff_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The name stays out of the message too: it would sit in the session store.
            messages.success(
                request,
                f"Client {number} erased. The audit trail is kept under that number.",
            )
            return redirect("client_list", clinic_id=client.clinic_id)
    services.client_viewed(client=client, user=staff_user(request), what="erasure page")
    held = Held(client)
    return TemplateResponse(
        request,
        "clients/client_erase.html",
        {
            "client": client,
            "clinic": client.clinic,
            "me": me,
            "form": form,
            "records": [kind.words(count) for kind, count in held.counts() if count],
            "trail": held.query(TRAIL).count(),
        },
    )
