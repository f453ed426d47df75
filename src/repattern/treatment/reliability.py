"""A practitioner's measured reliability, from their confirmed outcomes and blinded retests.

A pattern whose retest held after release is the nearest thing to a confirmed answer the
method has: in that finding, challenges of the confirmed compensator show how often the
practitioner's tests find it (sensitivity), challenges of the others how often they
mislead (false-positive rate). The engine shrinks these counts toward typical figures, so a
new practitioner starts from those and moves to their own as outcomes accumulate.

A blinded challenge (the practitioner did not know which structure was touched) done twice on
the same candidate in one finding is a retest pair: agreement between the two says how
repeatable the tests are. Blinded challenges count only as pairs, never twice.

Region challenges (one contact over several structures) have their own reliability, learned the
same way: held or weak, with the confirmed compensator under the contact or not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.contrib.auth.models import User
from django.db.models import Case, Count, F, Q, QuerySet, When

from repattern.engine import (
    ConfirmedCounts,
    Reliability,
    RetestPair,
    TestModel,
    estimate_reliability,
)
from repattern.engine.session import EventKind, PatternStatus, Result
from repattern.treatment.models import Pattern, SessionEvent


def confirmed_counts(practitioner: User) -> ConfirmedCounts:
    """The practitioner's challenges in first-layer findings that ended corrected, less the
    hold that allowed each confirmation."""
    rows = (
        SessionEvent.objects.filter(
            kind=EventKind.CHALLENGE,
            blinded=False,
            session__practitioner=practitioner,
            session__patterns__status=PatternStatus.CORRECTED,
            session__patterns__layer=1,
            session__patterns__inhibited=F("site"),
            recorded_at__lte=F("session__patterns__confirmed_at"),
        )
        .annotate(
            was=Case(When(candidate=F("session__patterns__facilitated"), then=True), default=False)
        )
        .values("was")
        .annotate(tested=Count("id"), held=Count("id", filter=Q(result=Result.HOLDS)))
    )
    tally = {row["was"]: (row["held"], row["tested"]) for row in rows}
    held_true, tested_true = tally.get(True, (0, 0))
    held_false, tested_false = tally.get(False, (0, 0))
    # A pattern is confirmed only after a challenge of its compensator held, so each counted
    # pattern carries one hold by construction; leaving that one out keeps the sensitivity
    # from being flattered by the rule that confirms.
    confirming = Pattern.objects.filter(
        session__practitioner=practitioner, status=PatternStatus.CORRECTED, layer=1
    ).count()
    confirming = min(confirming, held_true)
    return ConfirmedCounts(
        held_true - confirming, tested_true - confirming, held_false, tested_false
    )


def blinded_retests(events: QuerySet[SessionEvent]) -> Iterator[tuple[SessionEvent, SessionEvent]]:
    """Consecutive blinded challenges of one candidate in one finding, paired: the first and
    the retest. `events` may be any selection of session events; only blinded challenges pair."""
    blinded = events.filter(kind=EventKind.CHALLENGE, blinded=True).order_by(
        "session_id", "site", "candidate", "id"
    )
    waiting = None
    for event in blinded:
        key = (event.session_id, event.site, event.candidate)
        if waiting is not None and waiting[0] == key:
            yield waiting[1], event
            waiting = None
        else:
            waiting = (key, event)


def retest_pairs(practitioner: User) -> list[RetestPair]:
    """Consecutive blinded challenges of one candidate in one finding, paired."""
    confirmed = {
        (p.session_id, p.inhibited): p.facilitated
        for p in Pattern.objects.filter(
            session__practitioner=practitioner, status=PatternStatus.CORRECTED, layer=1
        )
    }
    pairs = []
    events = SessionEvent.objects.filter(session__practitioner=practitioner)
    for first, event in blinded_retests(events):
        answer = confirmed.get((event.session_id, event.site))
        # Once the finding is settled the truth is known; until then, the engine's belief.
        prior = first.prior if answer is None else float(answer == event.candidate)
        # Beliefs are rounded to 5% so that pairs group: the estimate stays fast for a
        # practitioner with hundreds of pairs, and the rounding is far below its uncertainty.
        prior = round(min(1.0, max(0.0, prior or 0.0)) * 20) / 20
        pairs.append(RetestPair(first.result == Result.HOLDS, event.result == Result.HOLDS, prior))
    return pairs


def reliability_of(practitioner: User) -> Reliability:
    return estimate_reliability(confirmed_counts(practitioner), retest_pairs(practitioner))


def region_model_of(practitioner: User) -> tuple[TestModel, int]:
    """The practitioner's region challenges made before a first-layer pattern that ended
    corrected, as a test model that carries its uncertainty, and how many it rests on. With
    few, the model stays near the cautious typical figures."""
    rows = SessionEvent.objects.filter(
        kind=EventKind.REGION,
        session__practitioner=practitioner,
        session__patterns__status=PatternStatus.CORRECTED,
        session__patterns__layer=1,
        session__patterns__inhibited=F("site"),
        recorded_at__lte=F("session__patterns__confirmed_at"),
    ).values_list("members", "result", "session__patterns__facilitated")
    tally = Counter(
        (facilitated in (members or ()), result == Result.HOLDS)
        for members, result, facilitated in rows
    )
    model = TestModel.from_record(
        tally[True, True], tally[True, False], tally[False, True], tally[False, False]
    )
    return model, sum(tally.values())
