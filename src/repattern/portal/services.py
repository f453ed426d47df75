"""Portal sign-in links: sent, used, revoked; and a new one for a client who asks by e-mail.

Only a hash of each token is stored. The e-mail goes through the outbox, so it is sent by the
worker after the change has been saved, and its text is dropped from the log once it has gone."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.outbox.send import deliver
from repattern.portal.models import PortalLink
from repattern.tokens import new_token, token_hash

__all__ = [
    "portal_actor",
    "portal_link_create",
    "portal_link_find",
    "portal_link_request",
    "portal_link_revoke",
    "portal_sign_in",
    "portal_url",
]

CLIENT_ACTOR = "the client, on the portal"


def portal_actor(link: PortalLink) -> str:
    """How the audit log names whoever holds a portal link: the client, in all likelihood."""
    return f"client via portal link {link.pk}"


def portal_url(token: str) -> str:
    return settings.SITE_URL + reverse("portal_start", kwargs={"token": token})


def _link_email(client: Client, url: str, opening: str) -> str:
    days = settings.PORTAL_LINK_DAYS
    return (
        f"Hello {client.first_name},\n\n{opening}\n\n"
        f"Open your page at {client.clinic.name} with this link:\n{url}\n\n"
        f"It works for {days} days on any phone or computer; you need no password. Keep it to "
        "yourself: whoever has it can see your appointments and exercises. If it stops working, "
        "ask for a new one on the page it opens.\n\n"
        f"{client.clinic.name}\n"
    )


@transaction.atomic
def portal_link_create(
    *, client: Client, user: User | None, opening: str = "", kind: str = "portal_link"
) -> tuple[PortalLink, str]:
    """A new sign-in link, e-mailed to the client; returns the row and the token, which is
    shown only in the e-mail. `user` is None when the client asked for it themselves."""
    if not client.email:
        raise ValidationError(
            f"{client.full_name} has no e-mail address: add one to their details first."
        )
    if client.is_archived:
        raise ValidationError("This client is archived: restore them before sending a link.")
    token, hashed = new_token()
    link = PortalLink.objects.create(
        client=client,
        token_hash=hashed,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=settings.PORTAL_LINK_DAYS),
    )
    audit_record(
        clinic=client.clinic,
        user=user,
        actor="" if user else CLIENT_ACTOR,
        action=AuditAction.PORTAL_LINK_CREATE,
        record=link,
        client=client,
        summary=f"to {client.email}, valid {settings.PORTAL_LINK_DAYS} days",
    )
    deliver(
        kind=kind,
        to=client.email,
        subject=f"Your page at {client.clinic.name}",
        text=_link_email(
            client, portal_url(token), opening or "Here is your link to your client page."
        ),
        clinic=client.clinic,
        client=client,
        holds_link=True,
    )
    return link, token


@transaction.atomic
def portal_link_revoke(*, link: PortalLink, user: User) -> PortalLink:
    """The link stops working at once, and so does every portal session it opened."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_record(
            clinic=link.client.clinic,
            user=user,
            action=AuditAction.PORTAL_LINK_REVOKE,
            record=link,
            client=link.client,
        )
    return link


def portal_link_find(token: str) -> PortalLink | None:
    """The usable link for this token; None when it is unknown, revoked or expired."""
    if not token or len(token) > 100:
        return None
    link = (
        PortalLink.objects.select_related("client", "client__clinic")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return link if link is not None and link.is_usable() else None


@transaction.atomic
def portal_sign_in(*, link: PortalLink) -> PortalLink:
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    audit_record(
        clinic=link.client.clinic,
        user=None,
        actor=portal_actor(link),
        action=AuditAction.PORTAL_SIGN_IN,
        record=link,
        client=link.client,
    )
    return link


def portal_link_request(*, email: str) -> int:
    """A client whose link stopped working asks for a new one with their e-mail address. Only
    clients whose clinic has sent them a link before get one; the page says the same whatever
    happened, so it does not tell a stranger whether an address is known. Returns how many
    links were sent (for the tests)."""
    email = email.strip()
    if not email:
        return 0
    known = Client.objects.filter(
        email__iexact=email, archived_at__isnull=True, portal_links__created_by__isnull=False
    ).distinct()
    sent = 0
    for client in known.select_related("clinic"):
        portal_link_create(
            client=client, user=None, opening="You asked for a new link to your client page."
        )
        sent += 1
    return sent
