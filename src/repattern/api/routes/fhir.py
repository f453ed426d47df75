"""A client's record as a FHIR R4 Bundle, as FHIR's Patient `$everything` operation names it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from repattern.api.caller import caller_of
from repattern.api.fhir.codes import code_system
from repattern.api.fhir.export import fhir_export
from repattern.api.paging import RecordId
from repattern.api.routes.common import ERRORS, one
from repattern.audit.models import AuditAction
from repattern.clients.models import Client

router = Router(tags=["FHIR"])


@router.get("/fhir/Patient/{client_id}/$everything", response={200: dict[str, Any], **ERRORS})
def patient_everything(request: HttpRequest, client_id: RecordId) -> dict[str, Any]:
    """The client as a FHIR R4 `Bundle`: Patient, an Encounter per session, Observations for
    muscle tests, challenges, retests and pain (NPRS), CarePlans, and a Procedure per release
    and activation, with the CodeSystem of Repattern's muscle-testing codes."""
    caller = caller_of(request)
    caller.require("export_clients")
    client = one(Client.objects.filter(clinic_id=caller.clinic_id), client_id)
    return fhir_export(client=client, user=caller.user, actor=caller.actor)


@router.get("/fhir/CodeSystem/repattern-muscle-testing", response={200: dict[str, Any], **ERRORS})
def muscle_testing_codes(request: HttpRequest) -> dict[str, Any]:
    """The CodeSystem the bundles' muscle-test codes come from."""
    caller = caller_of(request)
    caller.audit(AuditAction.API_READ, caller.clinic, "the muscle-testing CodeSystem")
    return code_system()
