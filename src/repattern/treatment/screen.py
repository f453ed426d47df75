"""What the session screen shows: each open finding with the engine's ranked candidates and
next challenge, the open pattern's learning window, and the log of what was done.

The session rules decide what is open and what may be confirmed (`engine.session`); the engine
ranks and suggests (`engine.inference`, `engine.policies`); this module only shapes their
answers for the page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from django.utils import timezone

from repattern.clients.models import Client
from repattern.engine import Posterior, TestModel, Verdict, next_test, verdict
from repattern.engine.atlas import Atlas, parse_site
from repattern.engine.candidates import Candidate, ClientHistory, rank_candidates
from repattern.engine.errors import EngineError
from repattern.engine.policies import DEFAULT_THRESHOLD, Suggestion
from repattern.engine.session import EventKind, Finding
from repattern.treatment.inputs import (
    SessionRecord,
    client_history,
    learned_counts,
    none_share,
    practitioner_model,
    session_record,
    site_side,
)
from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession
from repattern.treatment.regions import (
    RegionView,
    member_name,
    offered_regions,
    prose_name,
    shown_regions,
)
from repattern.treatment.sites import site_name

# Sites placed on this client's own body: a scar or an old injury is never hidden.
CLIENT_SITES = ("scar:", "injury_site:")
# The leaders shown at once; the rest fold below them, unless the practitioner needs them now.
LEADERS_SHOWN = 3
MAX_SHOWN = 12
SUGGESTED_MUSCLES = 12
# A site as the engine's sentences name it: "psoas_major:left", "scar:lower_abdomen:right".
SITE_IN_TEXT = re.compile(r"\b[a-z][a-z_]*:[a-z_]+(?::[a-z_]+)?\b")


@dataclass(frozen=True)
class CandidateView:
    site: str
    name: str
    probability: float
    reasons: tuple[object, ...]
    challenges: tuple[SessionEvent, ...]
    added_by_practitioner: bool = False
    may_confirm: bool = False


@dataclass
class FindingView:
    """One inhibited site and the search for its compensator, as the screen shows it."""

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
    verdict: Verdict | None = None
    verdict_words: str = ""  # the verdict in words, shown when the search stops
    reason: str = ""  # why the suggestion, in words, sites by name
    region: RegionView | None = None  # the region suggested, if the suggestion is one
    regions: list[RegionView] = field(default_factory=list)  # contacts offered meanwhile

    def _at_once(self, rank: int, c: CandidateView) -> bool:
        """The leaders, and any candidate folding would hide from what is happening: the one
        suggested, one already tried or added, one that may be confirmed, the client's own."""
        suggested = self.suggestion is not None and (
            c.site == self.suggestion.candidate or c.site in self.suggestion.candidates
        )
        return (
            rank < LEADERS_SHOWN
            or suggested
            or bool(c.challenges)
            or c.added_by_practitioner
            or c.may_confirm
            or c.site.startswith(CLIENT_SITES)
        )

    @property
    def leaders(self) -> list[CandidateView]:
        return [c for rank, c in enumerate(self.candidates) if self._at_once(rank, c)]

    @property
    def others(self) -> list[CandidateView]:
        return [c for rank, c in enumerate(self.candidates) if not self._at_once(rank, c)]


@dataclass
class SessionState:
    session: TreatmentSession
    findings: list[FindingView]
    open_pattern: Pattern | None
    steps: frozenset[EventKind]
    window_remaining: float
    model: TestModel
    model_words: str
    events: list[SessionEvent]
    settled: list[tuple[str, Pattern]] = field(default_factory=list)

    @property
    def released(self) -> bool:
        return EventKind.RELEASE in self.steps

    @property
    def activated(self) -> bool:
        return EventKind.ACTIVATION in self.steps


@dataclass(frozen=True)
class _Inputs:
    atlas: Atlas
    session: TreatmentSession
    record: SessionRecord
    history: ClientHistory
    model: TestModel
    model_words: str
    region_model: TestModel
    none_share: float


def _finding_view(inputs: _Inputs, finding: Finding) -> FindingView:
    by_id = {p.pk: p for p in inputs.record.patterns}
    open_pattern = by_id.get(finding.open_pattern.id) if finding.open_pattern else None
    belief, views = _belief(inputs, finding)
    threshold = DEFAULT_THRESHOLD
    regions = {} if open_pattern else offered_regions(inputs.atlas, belief)
    suggestion = None if open_pattern else _suggest(inputs, belief, finding, regions)
    told = verdict(belief, threshold)
    suggested = _suggested_region(inputs.atlas, belief, suggestion)
    # Offered besides the suggestion: the other contacts, each once.
    offered = {n: m for n, m in regions.items() if suggested is None or n != suggested.name}
    return FindingView(
        site=finding.site,
        name=site_name(inputs.atlas, finding.site),
        layer=finding.layer.number,
        candidates=views,
        none_of_these=belief.none_of_these,
        suggestion=suggestion,
        tests_left=finding.layer.tests_left,
        confident=belief.confident(threshold),
        challenges_done=len(finding.layer.challenges),
        pattern=open_pattern,
        resolved=[by_id[p.id] for p in finding.settled],
        verdict=told,
        verdict_words=in_words(inputs.atlas, told.words),
        reason=_reason(inputs.atlas, suggestion),
        region=suggested,
        regions=shown_regions(inputs.atlas, belief, offered),
    )


def _suggest(
    inputs: _Inputs, belief: Posterior, finding: Finding, regions: dict[str, tuple[str, ...]]
) -> Suggestion | None:
    """The engine's next challenge: of a structure, or of a region it covers."""
    budget = finding.layer.tests_left
    try:
        return next_test(
            belief,
            inputs.model,
            threshold=DEFAULT_THRESHOLD,
            budget=budget,
            regions=regions or None,
            region_model=inputs.region_model,
        )
    except EngineError:
        # A region the engine cannot weigh must not hide the search: suggest single structures.
        return next_test(belief, inputs.model, threshold=DEFAULT_THRESHOLD, budget=budget)


def _suggested_region(
    atlas: Atlas, belief: Posterior, suggestion: Suggestion | None
) -> RegionView | None:
    if suggestion is None or suggestion.region is None:
        return None
    return shown_regions(atlas, belief, {suggestion.region: suggestion.candidates})[0]


def in_words(atlas: Atlas, text: str, names: dict[str, str] | None = None) -> str:
    """The engine's sentence with every site it names in words ("right psoas major")."""
    names = names or {}
    return SITE_IN_TEXT.sub(lambda m: names.get(m.group(0)) or prose_name(atlas, m.group(0)), text)


def _reason(atlas: Atlas, suggestion: Suggestion | None) -> str:
    """Why the suggestion, as the engine says it; a region's members by their structure, as
    its contact already says the side."""
    if suggestion is None:
        return ""
    names = (
        {m: member_name(atlas, m) for m in suggestion.candidates}
        if suggestion.region is not None
        else {}
    )
    return in_words(atlas, suggestion.reason, names)


def _ranked(inputs: _Inputs, finding: Finding) -> list[Candidate]:
    entry_id = parse_site(finding.site).entry_id
    counts = learned_counts(inputs.session.client.clinic_id, entry_id)
    ranked = rank_candidates(inputs.atlas, finding.site, inputs.history, counts)
    return [c for c in ranked if c.site not in finding.excluded]


def _belief(inputs: _Inputs, finding: Finding) -> tuple[Posterior, list[CandidateView]]:
    ranked = _ranked(inputs, finding)
    challenges = finding.layer.challenges
    weights = {c.site: c.weight for c in ranked}
    smallest = min(weights.values(), default=1.0)
    singles = [e for e in challenges if e.kind is EventKind.CHALLENGE]
    added = [e.candidate for e in singles if e.candidate not in weights]
    for site in added:
        # A structure the practitioner chose to challenge, though the engine did not list it.
        weights.setdefault(site, smallest)
    for event in challenges:
        for member in event.members:
            # A region's structure the ranking no longer lists: still challenged.
            weights.setdefault(member, smallest)
    belief = Posterior.from_prior(weights, none_of_these=inputs.none_share)
    for event in challenges:
        if event.kind is EventKind.REGION:
            belief = belief.observe(event.members, positive=event.held, model=inputs.region_model)
        else:
            belief = belief.observe(event.candidate, positive=event.held, model=inputs.model)
    reasons = {c.site: tuple(c.reasons) for c in ranked}
    rows = {row.pk: row for row in inputs.record.rows}
    views = []
    for rank, (site, p) in enumerate(belief.top()):
        tried = tuple(rows[e.id] for e in challenges if e.candidate == site)
        # The leaders, and beyond them this client's own scars and old injuries and anything
        # already tried: an old scar must not vanish below the fold.
        if rank < MAX_SHOWN or site.startswith(CLIENT_SITES) or tried:
            views.append(
                CandidateView(
                    site,
                    site_name(inputs.atlas, site),
                    p,
                    reasons.get(site, ()),
                    tried,
                    site in added,
                    finding.held(site),
                )
            )
    return belief, views


def _inputs(session: TreatmentSession, record: SessionRecord | None) -> _Inputs:
    record = record or session_record(session)
    atlas = record.atlas
    models = practitioner_model(session, record.log)
    return _Inputs(
        atlas,
        session,
        record,
        client_history(session.client),
        models.model,
        models.words,
        models.region,
        none_share(session.client.clinic_id),
    )


def session_state(session: TreatmentSession, record: SessionRecord | None = None) -> SessionState:
    """The screen's live parts; `record` saves reading the session again after an event."""
    inputs = _inputs(session, record)
    atlas, record, log = inputs.atlas, inputs.record, inputs.record.log
    findings = []
    for finding in log.findings():
        try:
            findings.append(_finding_view(inputs, finding))
        except EngineError:
            continue
    open_rule = log.open_pattern()
    open_pattern = next((p for p in record.patterns if open_rule and p.pk == open_rule.id), None)
    now = timezone.now().timestamp()
    return SessionState(
        session=session,
        findings=findings,
        open_pattern=open_pattern,
        steps=log.steps(open_rule) if open_rule else frozenset(),
        window_remaining=open_rule.window_remaining(now) if open_rule else 0.0,
        model=inputs.model,
        model_words=inputs.model_words,
        events=record.rows,
        settled=[(site_name(atlas, p.inhibited), p) for p in record.patterns if not p.is_open],
    )


def belief_in(session: TreatmentSession, record: SessionRecord, site: str, candidate: str) -> float:
    """The engine's probability that `candidate` is the compensator for `site`, right now."""
    inputs = _inputs(session, record)
    try:
        belief, _ = _belief(inputs, record.log.finding(site))
    except EngineError:
        return 0.0
    return belief.probability(candidate) if candidate in belief.candidates else 0.0


def listed_by_engine(
    session: TreatmentSession, record: SessionRecord, site: str, candidate: str
) -> bool:
    """Whether the engine listed `candidate` among the compensators for `site` right now; a
    pattern confirmed with one it had not listed is one the practitioner had to add."""
    inputs = _inputs(session, record)
    try:
        return candidate in {c.site for c in _ranked(inputs, record.log.finding(site))}
    except EngineError:
        return True


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
    choices = [(f"scar:{s.region}:{site_side(s.side)}", str(s), "scar") for s in client.scars.all()]
    choices += [
        (f"injury_site:{i.region}:{site_side(i.side)}", f"Old injury: {i}", "injury")
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
