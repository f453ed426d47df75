"""Everything clinical about one client as a FHIR R4 `searchset` Bundle: the Patient, an
Encounter per session, an Observation per muscle test, challenge and retest and per pain rating
(NPRS, LOINC 72514-3), a CarePlan per care plan, a Procedure per release and activation, and a
QuestionnaireResponse per outcome measure with its score as an Observation.

Built from the same records as the client's data export; each resource is a plain dict, and
the tests check every one against the FHIR models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from repattern.api.fhir import codes
from repattern.atlas.services import clinic_atlas
from repattern.clients.models import Client
from repattern.engine.atlas import Atlas
from repattern.outcomes.fhir import outcomes_bundle
from repattern.outcomes.models import Response
from repattern.treatment.models import CarePlan, PainRating, SessionEvent, TreatmentSession
from repattern.treatment.sites import site_name

TESTS = ("test", "challenge", "retest")
CORRECTIONS = ("release", "activation")
Resource = dict[str, Any]


def _base() -> str:
    return f"{settings.SITE_URL}/api/v1/fhir"


def _ref(kind: str, rid: object) -> dict[str, str]:
    return {"reference": f"{kind}/{rid}"}


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def patient(client: Client) -> Resource:
    name: list[dict[str, Any]] = [
        {"use": "official", "family": client.last_name, "given": [client.first_name]}
    ]
    if client.preferred_name:
        name.append({"use": "usual", "family": client.last_name, "given": [client.preferred_name]})
    telecom = [{"system": "phone", "value": client.phone}] if client.phone else []
    if client.email:
        telecom.append({"system": "email", "value": client.email})
    found: Resource = {
        "resourceType": "Patient",
        "id": str(client.pk),
        "active": not client.is_archived,
        "name": name,
        "gender": client.gender,
        "birthDate": client.date_of_birth.isoformat(),
        "managingOrganization": {"display": client.clinic.name},
    }
    if telecom:
        found["telecom"] = telecom
    return found


def encounter(session: TreatmentSession) -> Resource:
    period = {"start": _when(session.started_at)}
    if session.ended_at:
        period["end"] = _when(session.ended_at)
    return {
        "resourceType": "Encounter",
        "id": str(session.pk),
        "status": "in-progress" if session.is_open else "finished",
        "class": {"system": codes.ACT_CODE, "code": "AMB", "display": "ambulatory"},
        "subject": _ref("Patient", session.client_id),
        "participant": [{"individual": {"display": session.practitioner.get_username()}}],
        "period": period,
        "serviceProvider": {"display": session.client.clinic.name},
    }


def _observation(session: TreatmentSession, rid: str, when: datetime | None) -> Resource:
    return {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "subject": _ref("Patient", session.client_id),
        "encounter": _ref("Encounter", session.pk),
        "effectiveDateTime": _when(when),
    }


def muscle_test(event: SessionEvent, atlas: Atlas) -> Resource:
    where = site_name(atlas, event.site)
    found = _observation(event.session, f"event-{event.pk}", event.recorded_at)
    found["category"] = [{"coding": [{"system": codes.CATEGORY, "code": "exam"}]}]
    found["code"] = {
        "coding": [codes.coding(event.kind)],
        "text": f"{codes.DISPLAY[event.kind]}: {where}",
    }
    found["bodySite"] = {"text": where}
    found["performer"] = [{"display": event.recorded_by.get_username()}]
    if event.result:
        found["valueCodeableConcept"] = {"coding": [codes.coding(event.result)]}
    parts = []
    if event.candidate:
        challenged = site_name(atlas, event.candidate)
        how = event.get_challenge_display() if event.challenge else "Challenge"
        if event.challenge_other:
            how = event.challenge_other
        parts.append({"code": {"text": "Structure challenged"}, "valueString": challenged})
        found["method"] = {"text": how}
    if event.force_newtons is not None:
        quantity = {"value": float(event.force_newtons), "unit": "N", "system": codes.UCUM}
        parts.append({"code": {"text": "Peak force"}, "valueQuantity": {**quantity, "code": "N"}})
    if parts:
        found["component"] = parts
    notes = [event.note] if event.note else []
    if event.blinded:
        notes.append("Blinded: the tester did not know which structure was touched.")
    if notes:
        found["note"] = [{"text": text} for text in notes]
    return found


def pain(rating: PainRating) -> Resource:
    session = rating.session
    when = session.started_at if rating.phase == "before" else session.ended_at
    found = _observation(session, f"pain-{rating.pk}", when or session.started_at)
    found["category"] = [{"coding": [{"system": codes.CATEGORY, "code": "survey"}]}]
    found["code"] = {"coding": [codes.NPRS], "text": "Pain (0-10)"}
    found["valueInteger"] = rating.intensity
    found["bodySite"] = {"text": str(rating).split(":")[0]}
    found["note"] = [{"text": rating.get_phase_display()}]
    return found


def procedure(event: SessionEvent, atlas: Atlas) -> Resource:
    # A release works on the structure that took over; an activation on the weak muscle.
    target = event.candidate if event.kind == "release" else event.site
    where = site_name(atlas, target)
    found: Resource = {
        "resourceType": "Procedure",
        "id": f"event-{event.pk}",
        "status": "completed",
        "code": {
            "coding": [codes.coding(event.kind)],
            "text": f"{codes.DISPLAY[event.kind]}: {where}",
        },
        "subject": _ref("Patient", event.session.client_id),
        "encounter": _ref("Encounter", event.session_id),
        "performedDateTime": _when(event.recorded_at),
        "performer": [{"actor": {"display": event.recorded_by.get_username()}}],
        "bodySite": [{"text": where}],
    }
    if event.note:
        found["note"] = [{"text": event.note}]
    return found


def care_plan(plan: CarePlan) -> Resource:
    found: Resource = {
        "resourceType": "CarePlan",
        "id": str(plan.pk),
        "status": "active" if plan.is_open else "completed",
        "intent": "plan",
        "title": plan.complaint,
        "subject": _ref("Patient", plan.client_id),
        "period": {"start": plan.start_date.isoformat()},
        "created": _when(plan.created_at),
        "author": {"display": plan.created_by.get_username()},
    }
    if plan.goals:
        found["description"] = plan.goals
    if plan.closed_at:
        found["period"]["end"] = timezone.localdate(plan.closed_at).isoformat()
    return found


def everything(client: Client) -> Resource:
    """The Bundle: the Patient first, then the CodeSystem, plans, and each session's resources."""
    atlas = clinic_atlas(client.clinic_id)
    sessions = list(
        TreatmentSession.objects.filter(client=client)
        .select_related("client__clinic", "practitioner")
        .order_by("started_at", "id")
    )
    events = SessionEvent.objects.filter(session__client=client).select_related(
        "session__client", "recorded_by"
    )
    ratings = PainRating.objects.filter(session__client=client).select_related("session")
    plans = CarePlan.objects.filter(client=client).select_related("created_by")
    resources = [patient(client), codes.code_system()]
    resources += [care_plan(p) for p in plans.order_by("start_date", "id")]
    resources += [encounter(s) for s in sessions]
    for event in events.order_by("session__started_at", "id"):
        if event.kind in TESTS:
            resources.append(muscle_test(event, atlas))
        elif event.kind in CORRECTIONS:
            resources.append(procedure(event, atlas))
    # Pain rated in a session is also an NPRS outcome measure; a rating already carried as one
    # is not given a second Observation.
    as_measures = set(
        Response.objects.filter(client=client, session__isnull=False).values_list(
            "session_id", "phase"
        )
    )
    ratings = ratings.order_by("session__started_at", "phase", "id")
    resources += [pain(r) for r in ratings if (r.session_id, r.phase) not in as_measures]
    # Outcome measures: each a QuestionnaireResponse, and its score an Observation from it.
    resources += [entry["resource"] for entry in outcomes_bundle(client)["entry"]]
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": timezone.now().isoformat(),
        "total": len(resources),
        "entry": [
            {
                "fullUrl": f"{_base()}/{r['resourceType']}/{r['id']}",
                "resource": r,
                "search": {"mode": "match" if r["resourceType"] == "Patient" else "include"},
            }
            for r in resources
        ],
    }
