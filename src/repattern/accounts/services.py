"""Clinics and their members. Writes go through here, each in one transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.accounts.forms import MemberPasswordResetForm, same_address
from repattern.accounts.models import Clinic, Membership, Role
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record

__all__ = [
    "clinic_create",
    "clinic_name_check",
    "member_add",
    "member_invite",
    "member_remove",
    "member_set_role",
]


def clinic_name_check(name: str) -> None:
    """Refuse a name another clinic has: two clinics of one name are easily confused."""
    if Clinic.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError(
            f"A clinic named {name.strip()!r} already exists: choose another name, "
            "or add members to it from its Members page."
        )


@transaction.atomic
def clinic_create(
    *,
    name: str,
    owner_username: str,
    owner_email: str,
    owner_password: str | None,
    owner_first_name: str = "",
    owner_last_name: str = "",
) -> Clinic:
    """A clinic and its first owner. An existing user becomes the owner of the new clinic."""
    clinic = Clinic(name=name.strip())
    clinic.full_clean()
    clinic_name_check(clinic.name)
    clinic.save()
    User = get_user_model()
    owner = User.objects.filter(username=owner_username).first()
    if owner is None:
        owner = User(
            username=owner_username,
            email=owner_email,
            first_name=owner_first_name,
            last_name=owner_last_name,
        )
        owner.full_clean(exclude=["password"])
        if owner_password:
            owner.set_password(owner_password)
        else:
            owner.set_unusable_password()
        owner.save()
    membership = Membership.objects.create(user=owner, clinic=clinic, role=Role.OWNER)
    audit_record(
        clinic=clinic,
        user=None,
        actor=owner.get_username(),
        action=AuditAction.CLINIC_CREATE,
        record=membership,
        summary=f"{clinic.name}, owned by {owner.get_username()}",
    )
    return clinic


@transaction.atomic
def member_add(
    *,
    clinic: Clinic,
    username: str,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    by: User | None = None,
) -> Membership:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    # Someone who already has an account joins as themselves; the e-mail shows it is them.
    if user is not None and not (user.email and same_address(user.email, email)):
        raise ValidationError(
            {"username": "That username is taken by someone else: choose another."}
        )
    if user is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.full_clean(exclude=["password"])
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    if Membership.objects.filter(user=user, clinic=clinic).exists():
        raise ValidationError(f"{username} is already a member of {clinic}.")
    membership = Membership(user=user, clinic=clinic, role=role)
    membership.full_clean()
    membership.save()
    audit_record(
        clinic=clinic,
        user=by,
        action=AuditAction.MEMBER_ADD,
        record=membership,
        summary=f"{username} as {role}",
    )
    return membership


def member_invite(*, membership: Membership, domain: str, use_https: bool) -> None:
    """E-mail the new member a link to choose their password."""
    form = MemberPasswordResetForm({"email": membership.user.email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/invite_subject.txt",
            email_template_name="registration/invite_email.txt",
            extra_email_context={"clinic": membership.clinic.name},
        )


def _owners_left_without(membership: Membership) -> int:
    # Lock the clinic's owners, so two owners demoting each other at once cannot both pass.
    owners = Membership.objects.select_for_update().filter(
        clinic=membership.clinic, role=Role.OWNER
    )
    return sum(1 for m in owners if m.pk != membership.pk)


@transaction.atomic
def member_set_role(*, membership: Membership, role: str, by: User | None = None) -> Membership:
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and not _owners_left_without(membership)
    ):
        raise ValidationError("A clinic needs at least one owner: make someone else owner first.")
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    if not membership.can("treat"):
        # A calendar feed shows planned sessions: it ends with the right to treat.
        membership.feeds.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record(
        clinic=membership.clinic,
        user=by,
        action=AuditAction.MEMBER_SET_ROLE,
        record=membership,
        summary=f"{membership.user.get_username()} is now {role}",
    )
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, by: User) -> None:
    if membership.role == Role.OWNER and not _owners_left_without(membership):
        raise ValidationError("A clinic needs at least one owner: make someone else owner first.")
    audit_record(
        clinic=membership.clinic,
        user=by,
        action=AuditAction.MEMBER_REMOVE,
        record=membership,
        summary=membership.user.get_username(),
    )
    membership.delete()
