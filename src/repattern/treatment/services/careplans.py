"""Care plans: a course of sessions for one complaint."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.treatment.models import CarePlan


@transaction.atomic
def careplan_create(
    *,
    client: Client,
    user: User,
    complaint: str,
    goals: str = "",
    planned_sessions: int = 6,
    interval_days: int = 7,
    start_date: date | None = None,
) -> CarePlan:
    plan = CarePlan(
        client=client,
        created_by=user,
        complaint=complaint,
        goals=goals,
        planned_sessions=planned_sessions,
        interval_days=interval_days,
        start_date=start_date or timezone.localdate(),
    )
    plan.full_clean()
    plan.save()
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.CAREPLAN_CREATE,
        record=plan,
        summary=plan.complaint,
    )
    return plan


@transaction.atomic
def careplan_update(
    *,
    plan: CarePlan,
    user: User,
    complaint: str,
    goals: str,
    planned_sessions: int,
    interval_days: int,
    start_date: date,
) -> CarePlan:
    plan.complaint, plan.goals, plan.start_date = complaint, goals, start_date
    plan.planned_sessions, plan.interval_days = planned_sessions, interval_days
    plan.full_clean()
    plan.save()
    audit_record(
        clinic=plan.client.clinic, user=user, action=AuditAction.CAREPLAN_UPDATE, record=plan
    )
    return plan


def careplan_viewed(*, plan: CarePlan, user: User, what: str = "plan") -> None:
    """A reading of the plan, for the audit log; `what` says which page or file."""
    audit_record(
        clinic=plan.client.clinic,
        user=user,
        action=AuditAction.CAREPLAN_VIEW,
        record=plan,
        summary=what,
    )


@transaction.atomic
def careplan_close(*, plan: CarePlan, user: User) -> CarePlan:
    plan.closed_at = timezone.now()
    plan.save(update_fields=["closed_at"])
    audit_record(
        clinic=plan.client.clinic, user=user, action=AuditAction.CAREPLAN_CLOSE, record=plan
    )
    return plan
