"""Who the portal is showing: the client whose link opened this browser's portal session.

The session holds only the link's id. Each request loads the link again, so a link revoked by
the clinic, or one that has expired, ends the session at the next tap; and every page shows
only the records of that link's client."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.portal.models import PortalLink
from repattern.portal.services import portal_actor

SESSION_KEY = "portal_link"


class PortalRequest(HttpRequest):
    portal_link: PortalLink
    portal_client: Client


def portal_session_start(request: HttpRequest, link: PortalLink) -> None:
    """This browser now shows the link's client, until the link expires or is revoked."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = link.pk
    request.session.set_expiry(link.expires_at)


def portal_session_end(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def portal_link_of(request: HttpRequest) -> PortalLink | None:
    link_id = request.session.get(SESSION_KEY)
    if not isinstance(link_id, int):
        return None
    link = PortalLink.objects.select_related("client", "client__clinic").filter(pk=link_id).first()
    if link is None or not link.is_usable():
        portal_session_end(request)
        return None
    return link


def portal_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A portal page: only with a live portal session, and every reading of it audited."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        link = portal_link_of(request)
        if link is None:
            return redirect("portal_signed_out")
        request.portal_link = link  # type: ignore[attr-defined]
        request.portal_client = link.client  # type: ignore[attr-defined]
        if request.method == "GET":
            audit_record(
                clinic=link.client.clinic,
                user=None,
                actor=portal_actor(link),
                action=AuditAction.PORTAL_VIEW,
                record=link.client,
                summary=str(resolve(request.path_info).url_name or request.path_info)[:300],
            )
        return view(request, *args, **kwargs)

    return wrapped
