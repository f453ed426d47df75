"""Outcome histories for the demo clinic: one client who responds (pain falls, activities
rise, a change rating of +5) and one who does not by the fourth session, so the Today page
asks for a review. Made through the same services as real ones, then moved back in time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.clients.models import Client
from repattern.outcomes.models import Response
from repattern.outcomes.services import response_record
from repattern.treatment.models import CarePlan, TreatmentSession
from repattern.treatment.services import careplan_create, session_end, session_start

ACTIVITIES = ("Climbing stairs", "Running 5 km", "Carrying shopping")


def _psfs(scores: tuple[int, int, int]) -> dict[str, str]:
    raw: dict[str, str] = {}
    for n, (activity, score) in enumerate(zip(ACTIVITIES, scores, strict=True), start=1):
        raw[f"activity_{n}"], raw[f"score_{n}"] = activity, str(score)
    return raw


def _course(
    client: Client,
    practitioner: Any,
    complaint: str,
    pains: list[int],
    extra: dict[int, list[tuple[str, dict[str, str]]]],
) -> CarePlan:
    """Weekly sessions, the first len(pains) weeks ago, each with pain rated before it and
    the measures of `extra` (by session number) filled in the room."""
    start = timezone.localdate() - timedelta(weeks=len(pains))
    plan = careplan_create(
        client=client,
        user=practitioner,
        complaint=complaint,
        planned_sessions=6,
        start_date=start,
    )
    for number, pain in enumerate(pains, start=1):
        session = session_start(
            client=client,
            practitioner=practitioner,
            pain_before=[("lower_back", "right", pain)],
            care_plan=plan,
        )
        made = [Response.objects.get(session=session, phase="before")]
        for instrument_id, raw in extra.get(number, []):
            made.append(
                response_record(
                    client=client,
                    instrument_id=instrument_id,
                    raw=raw,
                    entered_by=Response.EnteredBy.ROOM,
                    user=practitioner,
                    session=session,
                )
            )
        session_end(session=session, user=practitioner)
        back = timezone.now() - timedelta(weeks=len(pains) - number + 1)
        TreatmentSession.objects.filter(pk=session.pk).update(
            started_at=back, ended_at=back + timedelta(hours=1)
        )
        Response.objects.filter(pk__in=[r.pk for r in made]).update(authored=back)
    return plan


def outcomes_demo_load(clinic: Clinic, practitioner: Any) -> None:
    ready = [c for c in clinic.clients.order_by("pk") if not c.session_blockers()]
    if len(ready) < 2:
        return
    responder, non_responder = ready[-1], ready[-2]
    _course(
        responder,
        practitioner,
        "Low back pain when running",
        [7, 6, 4, 3, 3],
        {
            1: [("psfs", _psfs((3, 2, 4))), ("stress", {"stress": "7"})],
            3: [("psfs", _psfs((5, 4, 6)))],
            5: [("psfs", _psfs((7, 7, 8))), ("groc", {"change": "5"})],
        },
    )
    _course(
        non_responder,
        practitioner,
        "Low back stiffness",
        [6, 6, 5, 6],
        {1: [("psfs", _psfs((4, 5, 5)))], 3: [("psfs", _psfs((4, 5, 6)))]},
    )
