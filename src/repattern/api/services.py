"""API tokens made, found, used and revoked; each change writes its audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Membership
from repattern.api.models import ApiToken, Scope
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.tokens import new_token, token_hash

# A token is told from the clinic's other secrets by its start, e.g. in a leaked log.
TOKEN_START = "rp_"
# How stale `last_used_at` may be: writing it on every call would double the writes.
LAST_USED_STEP = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


def may_manage(user: User, token: ApiToken) -> bool:
    """A member manages their own tokens; the clinic owner manages every token of the clinic."""
    if token.membership.user_id == user.pk:
        return True
    return Membership.objects.filter(
        user_id=user.pk, clinic_id=token.membership.clinic_id, role="owner"
    ).exists()


@transaction.atomic
def api_token_create(*, membership: Membership, user: User, name: str, scope: str) -> NewToken:
    """A new token for the member; its secret is returned once and never stored."""
    if membership.user_id != user.pk:
        raise PermissionDenied("Each member makes their own tokens.")
    if scope not in Scope.values:
        raise ValidationError({"scope": "Choose read, or read and write."})
    secret, _ = new_token()
    secret = TOKEN_START + secret
    token = ApiToken(
        membership=membership,
        name=name.strip(),
        scope=scope,
        prefix=secret[: len(TOKEN_START) + 6],
        token_hash=token_hash(secret),
        created_by=user,
    )
    token.full_clean()
    token.save()
    audit_record(
        clinic=membership.clinic,
        user=user,
        action=AuditAction.API_TOKEN_CREATE,
        record=token,
        summary=f"{token.name} ({token.get_scope_display().lower()})",
    )
    return NewToken(token, secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user: User) -> None:
    if not may_manage(user, token):
        raise PermissionDenied("Only the token's member or the clinic owner can revoke it.")
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        clinic=token.membership.clinic,
        user=user,
        action=AuditAction.API_TOKEN_REVOKE,
        record=token,
        summary=token.name,
    )


def api_token_find(secret: str) -> ApiToken | None:
    """The active token with this secret, with its member and clinic; None otherwise."""
    if not secret.startswith(TOKEN_START) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("membership", "membership__clinic", "membership__user")
        .filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .first()
    )


def api_token_used(token: ApiToken) -> None:
    """Note when the token was last used, to the minute."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
