"""Password reset e-mails, a few an hour: to one e-mail address, and from one client address.

Without a limit, anyone could fill a member's inbox with reset links, or send them to every
address they can think of. django-ratelimit counts the requests in the shared cache, so every
app process sees the same counts.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django_ratelimit.core import is_ratelimited

from repattern.accounts.forms import MemberPasswordResetForm
from repattern.accounts.lockout import client_address


def _counted(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


def email_requests_limited(
    request: HttpRequest, *, email: str, group: str, per_email: int, per_address: int
) -> bool:
    """Whether another e-mail asked for by a form would pass an hourly limit, to one address or
    from one client address; counts this request against both."""
    # On SQLite this transaction holds the write lock, so two processes cannot both read the
    # same count; on PostgreSQL an exact count across processes needs REDIS_URL.
    with transaction.atomic():
        by_email = is_ratelimited(
            request,
            group=f"{group}_email",
            key=lambda group, request: _counted(email),
            rate=f"{per_email}/h",
            increment=True,
        )
        by_client = is_ratelimited(
            request,
            group=f"{group}_client",
            key=lambda group, request: client_address(request),
            rate=f"{per_address}/h",
            increment=True,
        )
    return by_email or by_client


def password_reset_limited(request: HttpRequest, email: str) -> bool:
    return email_requests_limited(
        request,
        email=email,
        group="password_reset",
        per_email=settings.PASSWORD_RESET_EMAILS_PER_HOUR,
        per_address=settings.PASSWORD_RESET_REQUESTS_PER_HOUR,
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = MemberPasswordResetForm

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if password_reset_limited(self.request, form.cleaned_data["email"]):
            # The same page as when an e-mail went: nobody learns which addresses exist.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
