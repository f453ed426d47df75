"""A client's record exports as a FHIR R4 Bundle whose every resource the FHIR models accept.

The models are fhir.resources' R4B package (FHIR 4.3.0, which shares R4's resources used here).
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from fhir.resources.R4B import construct_fhir_element

from repattern import demo
from repattern.clients.models import Client
from repattern.clients.services import override_record
from repattern.treatment import services
from tests.treatment.conftest import confirm, correct, record


@pytest.fixture
def demo_client(db):
    """A demo client after a session: a test, challenges, a corrected pattern, pain rated."""
    demo.demo_load()
    alice = get_user_model().objects.get(username="alice")
    # A demo client with nothing recorded yet, so the bundle holds this session alone.
    fresh = Client.objects.filter(
        clinic__name=demo.CLINIC_NAME, treatment_sessions__isnull=True, responses__isnull=True
    )
    client = fresh.order_by("id").first()
    assert client is not None
    if client.session_blockers():
        olivia = get_user_model().objects.get(username="olivia")
        override_record(client=client, user=olivia, reason="Cleared by phone with her doctor")
    assert not client.session_blockers()
    services.careplan_create(client=client, user=alice, complaint="Low back pain", goals="Run")
    session = services.session_start(
        client=client, practitioner=alice, pain_before=[("lower_back", "right", 6)]
    )
    record(session, alice, kind="test", site="gluteus_maximus:right", result="holds")
    pattern = confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left")
    correct(session, alice, pattern)
    record(session, alice, kind="test", site="psoas_major:right", result="weak")
    record(
        session,
        alice,
        kind="challenge",
        site="psoas_major:right",
        candidate="quadratus_lumborum:right",
        challenge="rub",
        result="weak",
        blinded=True,
        force_newtons=90,
        note="Firm contact",
    )
    services.session_finish(
        session=session,
        user=alice,
        pain_after=[("lower_back", "right", 3)],
        after_effects=[],
        after_effects_note="",
    )
    return client


def test_a_demo_clients_bundle_validates_resource_by_resource(demo_client, as_olivia):
    response = as_olivia.get(f"/clients/{demo_client.pk}/fhir.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    bundle = json.loads(response.content)
    construct_fhir_element("Bundle", bundle)
    kinds = []
    for entry in bundle["entry"]:
        resource = entry["resource"]
        construct_fhir_element(resource["resourceType"], resource)
        kinds.append(resource["resourceType"])
    assert kinds.count("Patient") == kinds.count("Encounter") == kinds.count("CarePlan") == 1
    # Tests of gluteus and of each psoas, a challenge and a retest of the pattern, the blinded
    # challenge; and two pain ratings, each an NPRS measure scored as an Observation.
    assert kinds.count("Observation") == 6 + 2
    assert kinds.count("QuestionnaireResponse") == 2
    assert kinds.count("Procedure") == 2
    assert kinds.count("CodeSystem") == 1


def test_every_reference_and_code_in_the_bundle_resolves_inside_it(demo_client, as_olivia):
    bundle = json.loads(as_olivia.get(f"/clients/{demo_client.pk}/fhir.json").content)
    resources = [e["resource"] for e in bundle["entry"]]
    held = {f"{r['resourceType']}/{r['id']}" for r in resources}
    system = next(r for r in resources if r["resourceType"] == "CodeSystem")
    known = {c["code"] for c in system["concept"]}
    for resource in resources:
        for key in ("subject", "encounter"):
            if key in resource:
                assert resource[key]["reference"] in held
        for coding in resource.get("code", {}).get("coding", []):
            if coding["system"] == system["url"]:
                assert coding["code"] in known
    pain = [
        r for r in resources if r.get("code", {}).get("coding", [{}])[0].get("code") == "72514-3"
    ]
    assert sorted(r["valueQuantity"]["value"] for r in pain) == [3, 6]
    for resource in resources:
        for source in resource.get("derivedFrom", []):
            assert source["reference"] in held


def test_the_bundle_is_at_patient_everything_and_its_export_is_audited(demo_client, olivia_api):
    from repattern.audit.models import AuditAction, AuditEvent

    response = olivia_api.get(f"/fhir/Patient/{demo_client.pk}/$everything")
    assert response.status_code == 200
    assert response.json()["entry"][0]["resource"]["id"] == str(demo_client.pk)
    row = AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORT).latest("id")
    assert row.client_id == demo_client.pk and "FHIR" in row.summary


@pytest.fixture
def as_olivia(demo_client):
    from tests.characters import signed_in

    return signed_in(get_user_model().objects.get(username="olivia"))


@pytest.fixture
def olivia_api(demo_client):
    from repattern.accounts.models import Clinic
    from tests.api.conftest import Api, token_for

    olivia = get_user_model().objects.get(username="olivia")
    return Api(token_for(olivia, Clinic.objects.get(name=demo.CLINIC_NAME), "read"))
