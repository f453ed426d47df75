"""A practitioner's measured reliability, from their own confirmed outcomes.

A pattern whose retest held after release is the nearest thing to a confirmed answer the
method has: in that finding, challenges of the confirmed compensator show how often the
practitioner's tests find it (sensitivity), challenges of the others how often they
mislead (false-positive rate). The engine shrinks these counts toward typical figures, so a
new practitioner starts from those and moves to their own as outcomes accumulate.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Case, Count, F, Q, When

from repattern.engine import ConfirmedCounts, Reliability, TestModel, estimate_reliability
from repattern.treatment.models import Pattern, SessionEvent


def confirmed_counts(practitioner: User) -> ConfirmedCounts:
    """The practitioner's challenges in first-layer findings that ended corrected."""
    rows = (
        SessionEvent.objects.filter(
            kind=SessionEvent.Kind.CHALLENGE,
            session__practitioner=practitioner,
            session__patterns__status=Pattern.Status.CORRECTED,
            session__patterns__layer=1,
            session__patterns__inhibited=F("site"),
            recorded_at__lte=F("session__patterns__confirmed_at"),
        )
        .annotate(
            was=Case(When(candidate=F("session__patterns__facilitated"), then=True), default=False)
        )
        .values("was")
        .annotate(tested=Count("id"), held=Count("id", filter=Q(result="holds")))
    )
    tally = {row["was"]: (row["held"], row["tested"]) for row in rows}
    held_true, tested_true = tally.get(True, (0, 0))
    held_false, tested_false = tally.get(False, (0, 0))
    return ConfirmedCounts(held_true, tested_true, held_false, tested_false)


def reliability_of(practitioner: User) -> Reliability:
    return estimate_reliability(confirmed_counts(practitioner))


def model_for(practitioner: User) -> tuple[TestModel, str]:
    """The test model the engine uses for this practitioner, and where its figures come from."""
    reliability = reliability_of(practitioner)
    return reliability.model, (f"Your measured reliability: {reliability.explain()}")
