"""Audit rows for the profession's records, which belong to a practitioner, not to one clinic."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models

from repattern.accounts.models import Membership
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record


def audit_practitioner(
    *, practitioner: User, by: User, action: AuditAction, record: models.Model, summary: str
) -> None:
    # Like a member's sign-in, a certification belongs to no one clinic: each of theirs sees it.
    for membership in Membership.objects.filter(user=practitioner).select_related("clinic"):
        audit_record(
            clinic=membership.clinic, user=by, action=action, record=record, summary=summary
        )
