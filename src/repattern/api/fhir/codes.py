"""The codes the bundle uses: LOINC for pain, and Repattern's own CodeSystem for muscle tests,
which the bundle carries so a receiver can read every code it meets."""

from __future__ import annotations

from typing import Any

from django.conf import settings

LOINC = "http://loinc.org"
NPRS = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CODE_SYSTEM_ID = "repattern-muscle-testing"

# (code, display, definition)
CONCEPTS: tuple[tuple[str, str, str], ...] = (
    ("test", "Manual muscle test", "A muscle tested by hand: it holds or it is weak."),
    (
        "challenge",
        "Challenge test",
        "A weak muscle retested while another structure is touched, rubbed or otherwise "
        "challenged: holding suggests that structure is taking over its job.",
    ),
    ("retest", "Retest", "The muscle tested again after release and activation."),
    ("holds", "Holds", "The muscle held against the tester's force."),
    ("weak", "Weak", "The muscle gave way under the tester's force."),
    ("release", "Release", "Manual release of the structure that took over."),
    ("activation", "Activation", "Exercise that activates the muscle that tested weak."),
)
DISPLAY = {code: display for code, display, _ in CONCEPTS}


def code_system_url() -> str:
    return f"{settings.SITE_URL}/api/v1/fhir/CodeSystem/{CODE_SYSTEM_ID}"


def coding(code: str) -> dict[str, Any]:
    return {"system": code_system_url(), "code": code, "display": DISPLAY[code]}


def code_system() -> dict[str, Any]:
    return {
        "resourceType": "CodeSystem",
        "id": CODE_SYSTEM_ID,
        "url": code_system_url(),
        "name": "RepatternMuscleTesting",
        "title": "Repattern muscle testing",
        "status": "active",
        "experimental": False,
        "publisher": "Repattern",
        "description": "Manual muscle tests, challenges, their results, and corrections, as "
        "Repattern records them. Muscle testing has limited evidence; read results with care.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(CONCEPTS),
        "concept": [
            {"code": code, "display": display, "definition": definition}
            for code, display, definition in CONCEPTS
        ],
    }
