"""Who calls the API: the token, its member and clinic; how a call is checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from ninja.security import HttpBearer

from repattern.accounts.models import Clinic, Membership
from repattern.api.errors import TooMany
from repattern.api.models import ApiToken
from repattern.api.services import api_token_find, api_token_used
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client


@dataclass(frozen=True)
class Caller:
    token: ApiToken

    @property
    def membership(self) -> Membership:
        return self.token.membership

    @property
    def clinic(self) -> Clinic:
        return self.membership.clinic

    @property
    def clinic_id(self) -> int:
        return self.membership.clinic_id

    @property
    def user(self) -> User:
        return self.membership.user

    @property
    def actor(self) -> str:
        return f"{self.user.get_username()} (API token {self.token.prefix}…)"

    def require(self, permission: str) -> None:
        if not self.membership.can(permission):
            role = self.membership.get_role_display()
            raise PermissionDenied(f"Your role ({role}) cannot do this.")

    def require_write(self) -> None:
        if not self.token.may_write:
            raise PermissionDenied(
                "This token only reads. Make a token with 'read and write' on your account page "
                "to record through the API."
            )

    def audit(
        self,
        action: AuditAction,
        record: models.Model,
        summary: str = "",
        client: Client | None = None,
    ) -> None:
        """One audit row per call, as a page view writes one."""
        audit_record(
            clinic=self.clinic,
            user=self.user,
            actor=self.actor,
            action=action,
            record=record,
            summary=f"API: {summary}" if summary else "API",
            client=client,
        )


def caller_of(request: HttpRequest) -> Caller:
    return cast(Caller, request.auth)  # type: ignore[attr-defined]


def _per_minute() -> int:
    return int(settings.API_REQUESTS_PER_MINUTE)


class TokenAuth(HttpBearer):
    """A bearer token, checked and counted: past the limit the call gets a 429."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = api_token_find(token)
        if found is None:
            return None
        usage = get_usage(
            request,
            group="api_token",
            key=lambda group, request: str(found.pk),
            rate=f"{_per_minute()}/m",
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            raise TooMany(max(1, int(usage["time_left"])))
        api_token_used(found)
        return Caller(found)
