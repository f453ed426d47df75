"""Finding the compensator: the session's rows turned into engine inputs, and its answers back.

The engine is pure Python; this module reads the session, the client's history and the clinic's
confirmed patterns, asks the engine for the ranking and the next challenge, and shapes the
answers for the session screen.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import cast

from django.core.cache import cache
from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.clients.models import Client
from repattern.engine import Posterior, TestModel, next_test
from repattern.engine.atlas import Atlas, parse_site
from repattern.engine.atlas.schema import SITE_SIDES
from repattern.engine.candidates import (
    Candidate,
    ClientHistory,
    Injury,
    Scar,
    clinic_counts,
    rank_candidates,
)
from repattern.engine.errors import EngineError
from repattern.engine.policies import Suggestion
from repattern.treatment import reliability
from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession
from repattern.treatment.sites import site_name

THRESHOLD = 0.95
# About this many challenges fit in one 30-60 s learning window (DOMAIN.md section 3).
WINDOW_TESTS = 12
# Sites placed on this client's own body: a scar or an old injury is never hidden.
CLIENT_SITES = ("scar:", "injury_site:")
NONE_OF_THESE = 0.05
MAX_SHOWN = 12
SUGGESTED_MUSCLES = 12
OUTCOME_KINDS = (SessionEvent.Kind.RETEST, SessionEvent.Kind.OUTCOME)


@dataclass(frozen=True)
class CandidateView:
    site: str
    name: str
    probability: float
    reasons: tuple[object, ...]
    challenges: tuple[SessionEvent, ...]
    added_by_practitioner: bool = False


@dataclass
class Finding:
    """One inhibited site and the search for its compensator."""

    site: str
    name: str
    layer: int
    candidates: list[CandidateView] = field(default_factory=list)
    none_of_these: float = 0.0
    suggestion: Suggestion | None = None
    confident: str | None = None
    challenges_done: int = 0
    tests_left: int = 0
    pattern: Pattern | None = None
    resolved: list[Pattern] = field(default_factory=list)


@dataclass
class SessionState:
    session: TreatmentSession
    tests: list[SessionEvent]
    findings: list[Finding]
    open_pattern: Pattern | None
    window_remaining: float
    suggested: list[tuple[str, str]]
    model: TestModel
    model_words: str
    events: list[SessionEvent]
    settled: list[tuple[str, Pattern]] = field(default_factory=list)


def _side(side: str) -> str:
    return side if side in ("left", "right") else "midline"


def client_history(client: Client) -> ClientHistory:
    """What the intake recorded, in the engine's terms."""
    intake = getattr(client, "intake", None)
    return ClientHistory(
        scars=tuple(Scar(s.region, _side(s.side), s.year, str(s)) for s in client.scars.all()),
        injuries=tuple(
            Injury(i.kind, i.region, _side(i.side), f"{i} ({i.when()})")
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
            status=Pattern.Status.CORRECTED,
            inhibited__in=[f"{inhibited_entry}:{side}" for side in SITE_SIDES],
        )
        .order_by()
        .values_list("inhibited", "facilitated")
    )
    return clinic_counts(confirmed, inhibited_entry)


# With this many outcomes behind it, one more barely moves a practitioner's estimate, so a
# kept estimate serves until the cache lets it go (five minutes unless configured otherwise).
SETTLED_BASIS = 300


def practitioner_model(
    session: TreatmentSession, events: list[SessionEvent]
) -> tuple[TestModel, str]:
    """The practitioner's test model, kept between requests until it may have changed.

    The estimate reads their whole history, which a busy practitioner makes slow. It moves only
    with an outcome (a retest or an outcome event) or a blinded challenge, and each of those
    arrives in a session whose state is then asked for. So the kept estimate notes its session
    and how many such events that session had: the same session with more, or another session
    with any, makes it again, unless the estimate already rests on SETTLED_BASIS outcomes.
    What is recorded elsewhere meanwhile (another device, a colleague) shows when the cache
    lets the estimate go.
    """
    seen = sum(e.kind in OUTCOME_KINDS or e.blinded for e in events)
    user = session.practitioner
    # The join date keeps apart users that reuse an id, as in a test database rolled back.
    key = f"reliability:{user.pk}:{user.date_joined.timestamp()}"
    kept = cache.get(key)
    if kept is not None:
        made_in, made_seen, basis, found = kept
        unchanged = (made_in, made_seen) == (session.pk, seen)
        if unchanged or basis >= SETTLED_BASIS or (made_in != session.pk and not seen):
            return cast(tuple[TestModel, str], found)
    estimate = reliability.reliability_of(user)
    found = (estimate.model, f"Your measured reliability: {estimate.explain()}")
    cache.set(key, (session.pk, seen, estimate.confirmed_tests + estimate.retest_pairs, found))
    return found


def _finding(
    atlas: Atlas,
    session: TreatmentSession,
    site: str,
    events: list[SessionEvent],
    history: ClientHistory,
    model: TestModel,
    all_patterns: list[Pattern],
) -> Finding:
    patterns = [p for p in all_patterns if p.inhibited == site]
    open_pattern = next((p for p in patterns if p.is_open), None)
    since = layer_start(site, events, patterns)
    challenges = [e for e in events if e.kind == "challenge" and e.site == site and e.pk > since]
    # Tests in this learning window: challenges since the muscle last tested weak.
    last_weak = max(
        (
            e.pk
            for e in events
            if e.site == site and e.result == "weak" and e.kind in ("test", "retest")
        ),
        default=0,
    )
    in_window = sum(1 for e in challenges if e.pk > last_weak)
    tests_left = max(0, WINDOW_TESTS - in_window)
    # A structure already released for this muscle is not a candidate for the next layer.
    done = {p.facilitated for p in patterns if not p.is_open}
    entry_id = parse_site(site).entry_id
    counts = learned_counts(session.client.clinic_id, entry_id)
    ranked = [c for c in rank_candidates(atlas, site, history, counts) if c.site not in done]
    belief, views = _belief(atlas, ranked, challenges, model)
    return Finding(
        site=site,
        name=site_name(atlas, site),
        layer=len(patterns) + (0 if open_pattern else 1),
        candidates=views,
        none_of_these=belief.none_of_these,
        suggestion=None
        if open_pattern
        else next_test(belief, model, threshold=THRESHOLD, budget=tests_left),
        tests_left=tests_left,
        confident=belief.confident(THRESHOLD),
        challenges_done=len(challenges),
        pattern=open_pattern,
        resolved=[p for p in patterns if not p.is_open],
    )


def _belief(
    atlas: Atlas, ranked: list[Candidate], challenges: list[SessionEvent], model: TestModel
) -> tuple[Posterior, list[CandidateView]]:
    weights = {c.site: c.weight for c in ranked}
    smallest = min(weights.values(), default=1.0)
    added = [e.candidate for e in challenges if e.candidate not in weights]
    for site in added:
        # A structure the practitioner chose to challenge, though the engine did not list it.
        weights.setdefault(site, smallest)
    belief = Posterior.from_prior(weights, none_of_these=NONE_OF_THESE)
    for event in challenges:
        belief = belief.observe(event.candidate, positive=event.result == "holds", model=model)
    reasons = {c.site: tuple(c.reasons) for c in ranked}
    views = []
    for rank, (site, p) in enumerate(belief.top()):
        tried = tuple(e for e in challenges if e.candidate == site)
        # The leaders, and beyond them this client's own scars and old injuries and anything
        # already tried: an old scar must not vanish below the fold.
        if rank < MAX_SHOWN or site.startswith(CLIENT_SITES) or tried:
            views.append(
                CandidateView(
                    site, site_name(atlas, site), p, reasons.get(site, ()), tried, site in added
                )
            )
    return belief, views


def layer_start(site: str, events: list[SessionEvent], patterns: list[Pattern]) -> int:
    """The id after which this site's current search began: its last settled pattern, or the
    last time it held."""
    ended = [
        e.pk
        for e in events
        if e.pattern_id in {p.pk for p in patterns if not p.is_open}
        and e.kind in ("retest", "outcome")
    ]
    held = [
        e.pk
        for e in events
        if e.site == site and e.kind in ("test", "retest") and e.result == "holds"
    ]
    return max([0, *ended, *held])


def weak_sites(events: list[SessionEvent]) -> list[str]:
    """Sites whose latest test or retest was weak, most recent first: the open findings."""
    latest: dict[str, SessionEvent] = {}
    for event in events:
        if event.kind in ("test", "retest") and event.site:
            latest[event.site] = event
    weak = [e for e in latest.values() if e.result == "weak"]
    return [e.site for e in sorted(weak, key=lambda e: -e.pk)]


def settled(atlas: Atlas, patterns: list[Pattern]) -> list[tuple[str, Pattern]]:
    """Patterns of this session that have ended, in words, for the screen's record."""
    return [(site_name(atlas, p.inhibited), p) for p in patterns if not p.is_open]


def suggested_muscles(atlas: Atlas, client: Client) -> list[tuple[str, str]]:
    """Muscles to test first: those examined for the client's conditions, then by pain area."""
    intake = getattr(client, "intake", None)
    ids: dict[str, str] = {}
    for condition in intake.conditions if intake else []:
        if condition in atlas.conditions:
            for entry_id in atlas.condition(condition).examined:
                if entry_id in atlas.muscles:
                    ids.setdefault(entry_id, atlas.condition(condition).name)
    for area in client.pain_areas.all():
        for entry in atlas.search(region=area.region)[:4]:
            if entry.id in atlas.muscles:
                ids.setdefault(entry.id, f"pain: {area.get_region_display().lower()}")
    return [(entry_id, why) for entry_id, why in list(ids.items())[:SUGGESTED_MUSCLES]]


def muscle_choices(atlas: Atlas) -> list[tuple[str, str, str]]:
    """(id, name, aliases joined by |) for the muscle picker, which also matches aliases."""
    muscles = sorted(atlas.muscles.values(), key=lambda m: m.name)
    return [(m.id, m.name, "|".join(a.lower() for a in m.aliases)) for m in muscles]


def entry_choices(atlas: Atlas, client: Client) -> list[tuple[str, str, str]]:
    """(site, label, aliases) for every challengeable site, and the client's own scars and
    old injuries first."""
    choices = [(f"scar:{s.region}:{_side(s.side)}", str(s), "scar") for s in client.scars.all()]
    choices += [
        (f"injury_site:{i.region}:{_side(i.side)}", f"Old injury: {i}", "injury")
        for i in client.injuries.all()
    ]
    return choices + _atlas_choices(atlas)


@functools.lru_cache(maxsize=16)
def _atlas_choices(atlas: Atlas) -> list[tuple[str, str, str]]:
    # The same for every client of an atlas, and rebuilt on each event otherwise.
    choices = []
    for entry in sorted(atlas.entries(), key=lambda e: e.name):
        if entry.client_specific:
            continue
        aliases = "|".join(a.lower() for a in entry.aliases)
        choices += [
            (f"{entry.id}:{side}", f"{entry.name}, {side}", aliases) for side in entry.sides
        ]
    return choices


def session_state(session: TreatmentSession) -> SessionState:
    atlas = clinic_atlas(session.client.clinic_id)
    events = list(session.events.all())
    patterns = list(session.patterns.all())
    model, words = practitioner_model(session, events)
    history = client_history(session.client)
    findings = []
    for site in weak_sites(events):
        try:
            findings.append(_finding(atlas, session, site, events, history, model, patterns))
        except EngineError:
            continue
    open_pattern = next((p for p in patterns if p.is_open), None)
    remaining = 0.0
    if open_pattern is not None:
        elapsed = (timezone.now() - open_pattern.confirmed_at).total_seconds()
        remaining = max(0.0, open_pattern.window_seconds - elapsed)
    return SessionState(
        session=session,
        tests=[e for e in events if e.kind == "test"],
        findings=findings,
        open_pattern=open_pattern,
        window_remaining=remaining,
        suggested=suggested_muscles(atlas, session.client),
        model=model,
        model_words=words,
        events=events,
        settled=settled(atlas, patterns),
    )


def belief_in(session: TreatmentSession, site: str, candidate: str) -> float:
    """The engine's probability that `candidate` is the compensator for `site`, right now."""
    atlas = clinic_atlas(session.client.clinic_id)
    events = list(session.events.all())
    model, _ = practitioner_model(session, events)
    try:
        found = _finding(
            atlas,
            session,
            site,
            events,
            client_history(session.client),
            model,
            list(session.patterns.all()),
        )
    except EngineError:
        return 0.0
    return next((c.probability for c in found.candidates if c.site == candidate), 0.0)
