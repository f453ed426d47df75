from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from repattern.accounts import throttle
from repattern.accounts.models import Role


class ThrottledLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": (
            "Too many failed sign-ins. Wait %(minutes)s minutes and try again, "
            "or reset your password."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip()
        address = throttle.client_address(self.request) if self.request else ""
        if username and throttle.is_locked(username, address):
            raise ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                throttle.record_failure(username, address)
            raise
        throttle.clear_failures(username)
        return cleaned


class ClinicForm(forms.Form):
    name = forms.CharField(max_length=120)


class MemberAddForm(forms.Form):
    username = forms.CharField(
        max_length=150, help_text="Letters, digits and @/./+/-/_ only; used to sign in."
    )
    email = forms.EmailField(help_text="A link to choose a password is sent here.")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=Role.choices)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        validator = get_user_model().username_validator
        validator(username)
        return username


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
