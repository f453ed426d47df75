"""Who may see what: every view that touches a clinic's records goes through here."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from repattern.accounts.models import Membership


def membership_for(
    user: AbstractBaseUser | AnonymousUser, clinic_id: int, permission: str = "view_clients"
) -> Membership:
    """The user's membership of the clinic; 404 if they have none, 403 if the role forbids it."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("clinic", "user")
        .filter(user_id=user.pk, clinic_id=clinic_id)
        .first()
    )
    # Another clinic's records do not exist as far as this user can tell.
    if membership is None:
        raise Http404
    if not membership.can(permission):
        raise PermissionDenied(f"Your role ({membership.get_role_display()}) cannot do this.")
    return membership


def staff_user(request: HttpRequest) -> User:
    """The signed-in user, for views behind login_required."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user


def memberships_of(user: AbstractBaseUser | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.select_related("clinic").filter(user_id=user.pk))
