"""The FHIR bundle of one client, audited as a download of their record."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from repattern.api.fhir.bundle import everything
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client


@transaction.atomic
def fhir_export(*, client: Client, user: User, actor: str = "") -> dict[str, Any]:
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.CLIENT_EXPORT,
        record=client,
        summary="the record as a FHIR R4 bundle",
    )
    return everything(client)


def fhir_filename(client: Client) -> str:
    return f"repattern-client-{client.pk}-fhir-{timezone.localdate():%Y-%m-%d}.json"


def fhir_text(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False) + "\n"
