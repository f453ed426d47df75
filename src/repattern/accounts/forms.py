from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from repattern.accounts import lockout
from repattern.accounts.models import Role


class LoginForm(AuthenticationForm):
    """Django's sign-in form, saying so when axes has locked the username or the address."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout.locked_message(), code="locked") from None
            raise


def same_address(a: str, b: str) -> bool:
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


class MemberPasswordResetForm(PasswordResetForm):
    """Also reaches members who have not chosen a password yet: invited ones, and owners made
    with `createclinic --no-password`. Django's form skips users without a usable password."""

    def get_users(self, email: str) -> Iterator[Any]:
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if same_address(email, user.email))


class UnlockingSetPasswordForm(SetPasswordForm):
    """Choosing a new password through a reset link also lifts a sign-in lock."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit)
        lockout.lock_lift(user.get_username())
        return user


class MemberAddForm(forms.Form):
    username = forms.CharField(
        max_length=150, help_text="Letters, digits and @/./+/-/_ only; used to sign in."
    )
    email = forms.EmailField(help_text="A link to choose a password is sent here.")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.PRACTITIONER)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        validator = get_user_model().username_validator
        validator(username)
        return username


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=32,
        help_text="The six digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class ClinicTwoFactorForm(forms.Form):
    required = forms.BooleanField(
        required=False,
        label="Require two-factor sign-in of every member",
        help_text="Members without it are taken to set it up before they can open anything else.",
    )
