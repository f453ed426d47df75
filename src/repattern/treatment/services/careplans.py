"""Care plans: a course of sessions for one complaint."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.treatment.models import CarePlan


@transaction.atomic
def careplan_create(*, client: Client, user: User, **fields: Any) -> CarePlan:
    plan = CarePlan(client=client, created_by=user, **fields)
    plan.full_clean()
    plan.save()
    audit_record(
        clinic=client.clinic,
        user=user,
        action="create",
        record=plan,
        summary=f"client {client.pk}: {plan.complaint}",
    )
    return plan


@transaction.atomic
def careplan_update(*, plan: CarePlan, user: User, **fields: Any) -> CarePlan:
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    audit_record(clinic=plan.client.clinic, user=user, action="update", record=plan)
    return plan


@transaction.atomic
def careplan_close(*, plan: CarePlan, user: User) -> CarePlan:
    plan.closed_at = timezone.now()
    plan.save(update_fields=["closed_at"])
    audit_record(clinic=plan.client.clinic, user=user, action="close", record=plan)
    return plan
