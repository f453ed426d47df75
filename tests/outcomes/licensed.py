"""A stand-in for a licensed questionnaire a clinic holds: the shape of the real one (ten
sections, six answers each, scored 0 to 5), with placeholder words instead of its text."""

from __future__ import annotations

import json
from typing import Any


def stand_in(instrument_id: str = "odi", sections: int = 10, top: int = 5) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": instrument_id,
        "url": f"https://clinic.example/Questionnaire/{instrument_id}",
        "version": "2.1a",
        "title": "Stand-in for the licensed text",
        "status": "active",
        "copyright": "The clinic holds the licence of the real text.",
        "item": [
            {
                "linkId": str(n),
                "type": "choice",
                "required": True,
                "text": f"Section {n}",
                "answerOption": [
                    {"valueCoding": {"code": str(v), "display": f"Statement {v} of section {n}"}}
                    for v in range(top + 1)
                ],
            }
            for n in range(1, sections + 1)
        ],
    }


def stand_in_bytes(**changes: Any) -> bytes:
    return json.dumps(stand_in(**changes)).encode()
