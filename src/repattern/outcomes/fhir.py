"""A client's outcomes as FHIR R4: each response as a `QuestionnaireResponse`, and its score
as an `Observation` derived from it, coded where a standard code fits (NPRS: LOINC 72514-3;
resting heart rate: LOINC 40443-4) and named in words where none does (HRV as RMSSD is not
given the SDNN code)."""

from __future__ import annotations

from typing import Any

from repattern.clients.models import Client
from repattern.outcomes.models import Response
from repattern.outcomes.registry import instruments_for

UCUM = "http://unitsofmeasure.org"
UNIT_CODES = {"ms": "ms", "beats/min": "/min", "nmol/L": "nmol/L", "N": "N", "degrees": "deg"}


def observation(response: Response, title: str, unit: str, code: dict[str, Any] | None) -> dict:
    unit_code = UNIT_CODES.get(unit, "{score}")
    found: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"score-{response.pk}",
        "status": "final",
        "code": {"coding": [code], "text": title} if code else {"text": title},
        "subject": {"reference": f"Patient/{response.client_id}"},
        "effectiveDateTime": response.authored.isoformat(),
        "valueQuantity": {
            "value": response.score,
            "unit": unit if unit_code != "{score}" else "score",
            "system": UCUM,
            "code": unit_code,
        },
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{response.pk}"}],
    }
    if response.qualifier:
        found["note"] = [{"text": response.qualifier}]
    return found


def outcomes_bundle(client: Client) -> dict[str, Any]:
    instruments = instruments_for(client.clinic_id)
    entries: list[dict[str, Any]] = []
    for response in Response.objects.filter(client=client).order_by("authored", "id"):
        entries.append({"resource": response.to_fhir()})
        instrument = instruments.get(response.instrument)
        if instrument is None or response.score is None:
            continue
        rules = instrument.rules
        code = rules.observation.model_dump(exclude_none=True) if rules.observation else None
        entries.append({"resource": observation(response, rules.title, rules.unit, code)})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}
