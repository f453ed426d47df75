"""Two-factor sign-in: a code from an authenticator app after the password, with recovery codes
for the day the phone is not at hand. django-otp keeps the devices: one TOTP device for the app,
one static device holding the recovery codes. A clinic's owner can require it of every member.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from collections.abc import Callable
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from repattern.accounts.models import Clinic, Membership
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record

__all__ = [
    "clinic_require_two_factor",
    "recovery_codes_make",
    "two_factor_disable",
    "two_factor_enable",
]

RECOVERY_CODE_COUNT = 10
WRONG_CODE = (
    "That code is not right: type the six digits your authenticator app shows now, "
    "or one of your unused recovery codes."
)


def authenticator_of(user: AbstractBaseUser | AnonymousUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def has_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def recovery_codes_left(user: AbstractBaseUser | AnonymousUser) -> int:
    return StaticToken.objects.filter(device__user_id=user.pk).count()


def new_secret() -> str:
    return str(random_hex(20))


def secret_text(secret: str) -> str:
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    text = b32encode(unhexlify(secret)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def secret_qr_svg(user: User, secret: str) -> str:
    """A QR code of the secret, drawn here: the secret never leaves the server for a picture."""
    url = TOTPDevice(user=user, key=secret).config_url
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    return str(image.to_string(encoding="unicode"))


def _normalized(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def code_verify(user: User, code: str) -> Device | None:
    """The device that accepts the code: the app's, or the recovery codes' (which uses it up)."""
    code = _normalized(code)
    devices: list[Device] = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    for device in devices:
        if verify_token(user, device.persistent_id, code) is not None:
            return device
    return None


def _audit_each_clinic(user: User, action: AuditAction, record: models.Model, summary: str) -> None:
    # A member's sign-in belongs to no one clinic: each clinic they belong to sees the change.
    for membership in Membership.objects.filter(user=user).select_related("clinic"):
        audit_record(
            clinic=membership.clinic, user=user, action=action, record=record, summary=summary
        )


@transaction.atomic
def recovery_codes_make(*, user: User) -> list[str]:
    """Ten new recovery codes, each good for one sign-in; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    _audit_each_clinic(
        user, AuditAction.RECOVERY_CODES_MAKE, device, f"{RECOVERY_CODE_COUNT} recovery codes"
    )
    return codes


@transaction.atomic
def two_factor_enable(*, user: User, secret: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Two-factor sign-in on, once a code shows the member's app holds the secret; with it
    come the first recovery codes."""
    if has_two_factor(user):
        raise ValidationError(
            "Two-factor sign-in is already on. To move to another app, turn it off first."
        )
    totp = TOTP(unhexlify(secret))
    code = _normalized(code)
    if not (code.isdigit() and totp.verify(int(code), tolerance=1)):
        raise ValidationError(
            {
                "code": "That code does not match: scan the QR code again, then type the code "
                "your app shows now."
            }
        )
    # The code just used cannot sign in again.
    device = TOTPDevice(
        user=user,
        key=secret,
        name="Authenticator app",
        confirmed=True,
        last_t=totp.t(),
        drift=totp.drift,
    )
    device.full_clean()
    device.save()
    _audit_each_clinic(user, AuditAction.TWO_FACTOR_ENABLE, device, "authenticator app")
    return device, recovery_codes_make(user=user)


@transaction.atomic
def two_factor_disable(*, user: User, code: str) -> None:
    """Two-factor sign-in off, the app and the recovery codes forgotten; it takes a current code,
    so a sign-in left open on a shared tablet cannot turn it off."""
    device = authenticator_of(user)
    if device is None:
        raise ValidationError("Two-factor sign-in is not on.")
    if code_verify(user, code) is None:
        raise ValidationError(WRONG_CODE, code="wrong_code")
    _audit_each_clinic(user, AuditAction.TWO_FACTOR_DISABLE, device, "authenticator app")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def clinic_require_two_factor(*, clinic: Clinic, required: bool, by: User) -> Clinic:
    # Otherwise the owner would be sent to set it up before they could undo the switch.
    if required and not has_two_factor(by):
        raise ValidationError(
            "Set up two-factor sign-in for yourself first, on your account page; then require "
            "it of everyone."
        )
    clinic.two_factor_required = required
    clinic.full_clean()
    clinic.save(update_fields=["two_factor_required"])
    audit_record(
        clinic=clinic,
        user=by,
        action=AuditAction.CLINIC_REQUIRE_TWO_FACTOR,
        record=clinic,
        summary="required of every member" if required else "left to each member",
    )
    return clinic


def two_factor_missing(user: AbstractBaseUser) -> bool:
    """A clinic of the user's requires two-factor sign-in, and the user has not set it up."""
    required = Membership.objects.filter(user_id=user.pk, clinic__two_factor_required=True)
    return required.exists() and not has_two_factor(user)


# Pages a member who must set up two-factor sign-in can still reach.
REACHABLE_BEFORE_SET_UP = frozenset(
    {"two_factor_setup", "recovery_codes", "logout", "password_change", "password_change_done"}
)


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def two_factor_required_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    def middleware(request: HttpRequest) -> HttpResponse:
        # A session that passed a code at sign-in or at set-up has a device: no query needed.
        if (
            request.user.is_authenticated
            and DEVICE_ID_SESSION_KEY not in request.session
            and _url_name(request) not in REACHABLE_BEFORE_SET_UP
            and two_factor_missing(request.user)
        ):
            return page_redirect(request, reverse("two_factor_setup"))
        return get_response(request)

    return middleware


def page_redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect of the whole page, also when HTMX asked for a part of it."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=403)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
