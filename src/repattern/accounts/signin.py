"""Signing in: the password, then, for a member with two-factor sign-in, a code.

Between the two steps the member is not signed in at all: the session holds only who passed the
password, for a few minutes, so no page can be reached with a password alone.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from repattern.accounts import lockout, two_factor
from repattern.accounts.forms import CodeForm, LoginForm

PENDING = "signin_pending"
PENDING_SECONDS = 300


class SignInView(LoginView):
    authentication_form = LoginForm

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not two_factor.has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("login_code")


def _pending(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    """Who passed the password, and how they did, if they did so in the last few minutes."""
    pending = request.session.get(PENDING)
    if pending is None or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


def login_code(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        messages.info(request, "Sign in with your password first; a code is asked for after it.")
        return redirect("login")
    user, pending = found
    username = user.get_username()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if lockout.is_locked(request, username):
            form.add_error(None, lockout.locked_message())
        elif (device := two_factor.code_verify(user, form.cleaned_data["code"])) is None:
            lockout.failure_record(request, username)
            if getattr(request, "axes_locked_out", False):
                form.add_error(None, lockout.locked_message())
            else:
                form.add_error("code", two_factor.WRONG_CODE)
        else:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                _recovery_code_used(request, user)
            return redirect(_safe(request, pending["next"]))
    return TemplateResponse(request, "registration/login_code.html", {"form": form})


def _recovery_code_used(request: HttpRequest, user: Any) -> None:
    left = two_factor.recovery_codes_left(user)
    messages.warning(
        request,
        f"You signed in with a recovery code; {left} left. If your phone is lost, turn "
        "two-factor sign-in off and on again on your account page to move to a new one.",
    )


def _safe(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else "/"
