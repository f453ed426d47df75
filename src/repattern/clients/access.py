from __future__ import annotations

from django.http import Http404, HttpRequest

from repattern.accounts.access import membership_for
from repattern.accounts.models import Membership
from repattern.clients.models import Client


def client_for(
    request: HttpRequest, client_id: int, permission: str = "view_clients"
) -> tuple[Client, Membership]:
    """The client, if the user's clinic holds it and their role allows `permission`."""
    client = Client.objects.select_related("clinic").filter(pk=client_id).first()
    if client is None:
        raise Http404
    return client, membership_for(request.user, client.clinic_id, permission)
