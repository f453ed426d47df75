"""A member's own account: the password, and two-factor sign-in set up, renewed or turned off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from repattern.accounts import lockout, two_factor
from repattern.accounts.access import staff_user
from repattern.accounts.forms import CodeForm
from repattern.accounts.models import Clinic

# The secret being set up, kept in the session until a code confirms it; and recovery codes
# waiting to be shown, once.
SECRET = "two_factor_secret"
CODES_ONCE = "recovery_codes_once"


def _requiring(user_id: int) -> list[Clinic]:
    return list(Clinic.objects.filter(memberships__user_id=user_id, two_factor_required=True))


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    return TemplateResponse(
        request,
        "accounts/account.html",
        {
            "two_factor_on": two_factor.has_two_factor(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "required_by": _requiring(user.pk),
            "off_form": CodeForm(),
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if two_factor.has_two_factor(user):
        messages.info(request, "Two-factor sign-in is already on.")
        return redirect("account")
    secret = request.session.get(SECRET) or two_factor.new_secret()
    request.session[SECRET] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.two_factor_enable(
                user=user, secret=secret, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            del request.session[SECRET]
            otp_login(request, device)
            request.session[CODES_ONCE] = codes
            messages.success(request, "Two-factor sign-in is on.")
            return redirect("recovery_codes")
    return TemplateResponse(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.secret_qr_svg(user, secret),
            "secret_text": two_factor.secret_text(secret),
            "required_by": _requiring(user.pk),
        },
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if request.method == "POST":
        if not two_factor.has_two_factor(user):
            messages.error(request, "Set up two-factor sign-in first; recovery codes come with it.")
            return redirect("account")
        request.session[CODES_ONCE] = two_factor.recovery_codes_make(user=user)
        return redirect("recovery_codes")
    # Shown once: a reload, or anyone who opens this page later, finds them gone.
    codes = request.session.pop(CODES_ONCE, None)
    return TemplateResponse(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    username = user.get_username()
    form = CodeForm(request.POST)
    if lockout.is_locked(request, username):
        messages.error(request, lockout.locked_message())
    elif not form.is_valid():
        messages.error(request, "Type a code from your authenticator app to turn it off.")
    else:
        try:
            two_factor.two_factor_disable(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            if error.code == "wrong_code":
                lockout.failure_record(request, username)
            messages.error(request, " ".join(error.messages))
        else:
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            messages.success(request, "Two-factor sign-in is off: signing in takes your password.")
    return redirect("account")
