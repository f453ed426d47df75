"""Sessions recorded before outcomes were kept: their pain becomes the same pain rating."""

from __future__ import annotations

import importlib

from django.apps import apps

from repattern.outcomes.models import Response
from repattern.treatment.models import PainRating, TreatmentSession

migration = importlib.import_module(
    "repattern.outcomes.migrations.0002_session_pain_is_a_pain_rating"
)


def test_earlier_session_pain_becomes_pain_ratings_once(maria, alice):
    session = TreatmentSession.objects.create(client=maria, practitioner=alice)
    PainRating.objects.create(
        session=session, phase="before", region="lower_back", side="right", intensity=7
    )
    PainRating.objects.create(
        session=session, phase="before", region="neck_back", side="left", intensity=4
    )
    PainRating.objects.create(
        session=session, phase="after", region="lower_back", side="right", intensity=3
    )
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    made = Response.objects.filter(session=session).order_by("phase")
    assert [(r.phase, r.score, r.entered_by) for r in made] == [
        ("after", 3, "migrated"),
        ("before", 7, "migrated"),
    ]
    assert made[1].answer("where") == "right lower back 7/10; left back of neck 4/10"
