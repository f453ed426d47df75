"""The session's rows turned into the engine's inputs: its log for the session rules, the
client's history, the clinic's confirmed patterns and the practitioner's measured reliability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.core.cache import cache
from django.db.models import Count, Q

from repattern.atlas.services import clinic_atlas
from repattern.clients.models import Client
from repattern.engine import TestModel, learned_none_share
from repattern.engine.atlas import Atlas
from repattern.engine.atlas.schema import SITE_SIDES
from repattern.engine.candidates import ClientHistory, PastInjury, PastScar, clinic_counts
from repattern.engine.session import EventKind, PatternStatus, SessionLog
from repattern.treatment import reliability
from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession
from repattern.treatment.sites import site_name

OUTCOME_KINDS = (EventKind.RETEST, EventKind.OUTCOME)
# With this many outcomes behind it, one more barely moves a practitioner's estimate, so a
# kept estimate serves until the cache lets it go (five minutes unless configured otherwise).
SETTLED_BASIS = 300


@dataclass(frozen=True)
class SessionRecord:
    """A session's stored events and patterns, read once, and the log the rules read."""

    rows: list[SessionEvent]
    patterns: list[Pattern]
    log: SessionLog
    atlas: Atlas  # the clinic's: the shipped atlas with its own charts


def session_record(session: TreatmentSession, atlas: Atlas | None = None) -> SessionRecord:
    """Read the session's events and patterns (two queries) and build its log."""
    atlas = atlas or clinic_atlas(session.client.clinic_id)
    rows = list(session.events.all())
    patterns = list(session.patterns.all())
    return SessionRecord(rows, patterns, session_log(session, rows, patterns, atlas), atlas)


def session_log(
    session: TreatmentSession, rows: list[SessionEvent], patterns: list[Pattern], atlas: Atlas
) -> SessionLog:
    return SessionLog(
        events=tuple(row.as_rule() for row in rows),
        patterns=tuple(p.as_rule() for p in patterns),
        ended=not session.is_open,
        window_seconds=session.window_seconds,
        name=lambda site: site_name(atlas, site),
    )


def site_side(side: str) -> str:
    """A history row's side as a site's side: both sides and midline sit on the midline."""
    return side if side in ("left", "right") else "midline"


def client_history(client: Client) -> ClientHistory:
    """What the intake recorded, in the engine's terms."""
    intake = getattr(client, "intake", None)
    return ClientHistory(
        scars=tuple(
            PastScar(s.region, site_side(s.side), s.year, str(s)) for s in client.scars.all()
        ),
        injuries=tuple(
            PastInjury(i.kind, i.region, site_side(i.side), f"{i} ({i.when()})")
            for i in client.injuries.all()
        ),
        jaw_clenching=bool(intake and (intake.jaw_clenching or intake.tmj_trouble)),
        teeth_grinding=bool(intake and intake.teeth_grinding),
        intubation=bool(intake and intake.intubated),
        conditions=tuple(intake.conditions if intake else ()),
    )


def learned_counts(clinic_id: int, inhibited_entry: str) -> dict[str, int]:
    """How often this clinic confirmed each compensator for this muscle: corrected patterns."""
    # Whole sites rather than a prefix, so the (inhibited, status) index serves the lookup.
    confirmed = (
        Pattern.objects.filter(
            session__client__clinic_id=clinic_id,
            status=PatternStatus.CORRECTED,
            inhibited__in=[f"{inhibited_entry}:{side}" for side in SITE_SIDES],
        )
        .order_by()
        .values_list("inhibited", "facilitated")
    )
    return clinic_counts(confirmed, inhibited_entry)


def none_share(clinic_id: int) -> float:
    """The prior share of "none of these", learned from how often this clinic's corrected
    patterns had a compensator the practitioner had to add."""
    counts = Pattern.objects.filter(
        session__client__clinic_id=clinic_id, status=PatternStatus.CORRECTED
    ).aggregate(total=Count("id"), added=Count("id", filter=Q(compensator_added=True)))
    added = counts["added"] or 0
    return learned_none_share((counts["total"] or 0) - added, added)


@dataclass(frozen=True)
class PractitionerModels:
    """How reliable the practitioner's challenges are, each model with its uncertainty: of
    single structures (`model`, with `words` for the screen) and of regions (`region`)."""

    model: TestModel
    words: str
    region: TestModel


def practitioner_model(session: TreatmentSession, log: SessionLog) -> PractitionerModels:
    """The practitioner's test models, kept between requests until they may have changed.

    The estimate reads their whole history, which a busy practitioner makes slow. It moves only
    with an outcome (a retest or an outcome event) or a blinded challenge, and each of those
    arrives in a session whose state is then asked for. So the kept estimate notes its session
    and how many such events that session had: the same session with more, or another session
    with any, makes it again, unless the estimate already rests on SETTLED_BASIS outcomes.
    What is recorded elsewhere meanwhile (another device, a colleague) shows when the cache
    lets the estimate go.
    """
    seen = sum(e.kind in OUTCOME_KINDS or e.blinded for e in log.events)
    user = session.practitioner
    # The join date keeps apart users that reuse an id, as in a test database rolled back.
    key = f"reliability:models:{user.pk}:{user.date_joined.timestamp()}"
    kept = cache.get(key)
    if kept is not None:
        made_in, made_seen, basis, found = kept
        unchanged = (made_in, made_seen) == (session.pk, seen)
        if unchanged or basis >= SETTLED_BASIS or (made_in != session.pk and not seen):
            return cast(PractitionerModels, found)
    estimate = reliability.reliability_of(user)
    region, regions = reliability.region_model_of(user)
    found = PractitionerModels(
        estimate.model,
        f"Your measured reliability: {estimate.explain()} {_region_words(region, regions)}",
        region,
    )
    cache.set(key, (session.pk, seen, estimate.confirmed_tests + estimate.retest_pairs, found))
    return found


def _region_words(model: TestModel, basis: int) -> str:
    if not basis:
        return "Region challenges start from the same cautious typical figures."
    return (
        f"Region challenges: sensitivity {model.sensitivity:.2f} and false-positive rate "
        f"{model.false_positive_rate:.2f}, from {basis} with a confirmed outcome."
    )
