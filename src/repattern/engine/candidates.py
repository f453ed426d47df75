"""The candidate compensators for an inhibited site, each with a prior weight and its reasons.

A weight is a pseudo-count: the sum of its reasons' weights, so every weight can be explained.
Four kinds of reason add to it (DOMAIN.md section 3):

- anatomy: the atlas's synergists and antagonists of the inhibited muscle;
- reported: pairs public material reports, and the clinic's own chart;
- history: the client's scars, old injuries, jaw clenching or grinding, intubation, conditions;
- clinic: each pattern this clinic confirmed adds one, a Dirichlet update of the counts, so the
  priors learn the clinic's own population as it works.

Sites are "entry_id:side" (`quadratus_lumborum:left`, `diaphragm:midline`); a client's scar or
old injury is placed with its region, "scar:<region>:<side>" (`scar:lower_abdomen:right`),
"injury_site:<region>:<side>" (`injury_site:ankle:left`), regions from `vocabulary.REGIONS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from repattern.engine.atlas import OPPOSITE_SIDE, Atlas, Site
from repattern.engine.atlas.relations import Relation
from repattern.engine.errors import InvalidWeight, UnknownStructure
from repattern.engine.vocabulary import REGIONS, ids, label

ReasonKind = Literal["anatomy", "reported", "history", "clinic"]

# Prior pseudo-counts per relation: reported pairs and synergists (same job) above antagonists.
RELATION_WEIGHTS: dict[tuple[str, str], float] = {
    ("synergist", "anatomical"): 2.0,
    ("antagonist", "anatomical"): 1.0,
    ("reported", "reported"): 4.0,
    ("reported", "clinic"): 4.0,
}
# A history structure's weight falls with its distance from the inhibited site.
PROXIMITY_WEIGHTS: dict[str, float] = {"same": 3.0, "neighbouring": 1.5, "elsewhere": 0.5}
# History flags and the structures they raise, with a factor on the proximity weight.
HISTORY_STRUCTURES: dict[str, tuple[tuple[str, float], ...]] = {
    "jaw_clenching": (("jaw_tmj", 1.0),),
    "teeth_grinding": (("jaw_tmj", 1.0),),
    "intubation": (("hyoid_throat", 1.0), ("diaphragm", 0.5)),
}
HISTORY_WORDS: dict[str, str] = {
    "jaw_clenching": "clenches the jaw",
    "teeth_grinding": "grinds the teeth",
    "intubation": "has been intubated",
}
CONDITION_WEIGHT = 0.5
# Each pattern the clinic confirmed adds this to the candidate's pseudo-count.
CONFIRMED_WEIGHT = 1.0

_EDGES = """
head-jaw head-eyes head-neck_back head-neck_front jaw-eyes jaw-neck_front
neck_front-neck_back neck_front-chest neck_front-shoulder neck_back-upper_back neck_back-shoulder
shoulder-upper_arm shoulder-chest shoulder-upper_back upper_arm-elbow elbow-forearm
forearm-wrist wrist-hand chest-upper_abdomen chest-diaphragm chest-upper_back
upper_back-mid_back mid_back-lower_back mid_back-diaphragm upper_abdomen-mid_back
upper_abdomen-lower_abdomen upper_abdomen-diaphragm lower_abdomen-lower_back
lower_abdomen-pelvis lower_abdomen-groin lower_abdomen-hip lower_back-pelvis lower_back-buttock
lower_back-hip pelvis-hip pelvis-buttock pelvis-groin hip-buttock hip-groin hip-thigh_front
hip-thigh_outer buttock-thigh_back groin-thigh_inner groin-thigh_front thigh_front-knee
thigh_back-knee thigh_inner-knee thigh_outer-knee thigh_front-thigh_inner
thigh_front-thigh_outer thigh_back-thigh_inner thigh_back-thigh_outer knee-lower_leg_front
knee-calf lower_leg_front-calf lower_leg_front-ankle calf-ankle ankle-foot
"""


def _neighbours() -> dict[str, frozenset[str]]:
    pairs = [edge.split("-") for edge in _EDGES.split()]
    return {
        r: frozenset({b for a, b in pairs if a == r} | {a for a, b in pairs if b == r})
        for r in ids(REGIONS)
    }


# Regions that touch, for "a scar near the region".
NEIGHBOURS: dict[str, frozenset[str]] = _neighbours()


@dataclass(frozen=True)
class Reason:
    """One reason a structure is a candidate, and what it adds to the prior weight."""

    kind: ReasonKind
    text: str
    weight: float
    evidence: str
    source: str

    def __str__(self) -> str:
        return f"+{self.weight:g} {self.kind}: {self.text} [{self.evidence}; {self.source}]"


@dataclass(frozen=True)
class Candidate:
    """A candidate compensator: its site, its prior weight, and the reasons that make it up."""

    site: str
    weight: float
    reasons: tuple[Reason, ...]

    def explain(self) -> str:
        parts = " + ".join(f"{r.weight:g} ({r.kind})" for r in self.reasons)
        lines = [f"{self.site}: weight {self.weight:g} = {parts}"]
        return "\n".join([*lines, *(f"  {r}" for r in self.reasons)])


class PastScar(NamedTuple):
    """A scar the intake records, where it is: the engine places a scar candidate there."""

    region: str
    side: str
    year: int | None = None
    label: str = ""


class PastInjury(NamedTuple):
    """An old injury the intake records, where it is."""

    kind: str
    region: str
    side: str
    label: str = ""


@dataclass(frozen=True)
class ClientHistory:
    """What the intake recorded that can raise a candidate. Plain tuples are accepted."""

    scars: tuple[PastScar, ...] = ()
    injuries: tuple[PastInjury, ...] = ()
    jaw_clenching: bool = False
    teeth_grinding: bool = False
    intubation: bool = False
    conditions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "scars", tuple(PastScar(*s) for s in self.scars))
        object.__setattr__(self, "injuries", tuple(PastInjury(*i) for i in self.injuries))
        object.__setattr__(self, "conditions", tuple(self.conditions))


@dataclass
class _Ranking:
    """Reasons gathered per site while ranking; private to `rank_candidates`."""

    atlas: Atlas
    site: Site
    regions: frozenset[str]
    reasons: dict[str, list[Reason]] = field(default_factory=dict)

    def add(self, site: str, reason: Reason) -> None:
        if site != str(self.site):
            self.reasons.setdefault(site, []).append(reason)

    def candidates(self) -> list[Candidate]:
        found = [
            Candidate(s, sum(r.weight for r in rs), tuple(rs)) for s, rs in self.reasons.items()
        ]
        return sorted(found, key=lambda c: (-c.weight, c.site))

    def proximity(self, regions: Iterable[str]) -> str:
        regions = set(regions)
        if regions & self.regions:
            return "same"
        if any(NEIGHBOURS.get(r, frozenset()) & self.regions for r in regions):
            return "neighbouring"
        return "elsewhere"


def rank_candidates(
    atlas: Atlas,
    inhibited_site: str,
    history: ClientHistory | None = None,
    clinic_counts: Mapping[str, int] | None = None,
) -> list[Candidate]:
    """Candidate compensators for the inhibited site, highest prior weight first.

    `clinic_counts` maps a compensator to how often this clinic confirmed it for the same
    inhibited entry, keyed relative to the inhibited side: "quadratus_lumborum:same",
    "external_oblique:other", "diaphragm:midline", "scar:lower_abdomen:same" (see
    `relative_site`). Raises InvalidSite or UnknownStructure for a bad inhibited site.
    """
    site = atlas.site(inhibited_site)
    entry = atlas.get(site.entry_id)
    regions = frozenset([site.region] if site.region else entry.regions)
    ranking = _Ranking(atlas, site, regions)
    history = history or ClientHistory()
    for relation in atlas.relations_for(site.entry_id):
        _add_relation(ranking, relation, history)
    _add_history(ranking, history)
    _add_conditions(ranking, history)
    _add_clinic(ranking, clinic_counts or {})
    return ranking.candidates()


def _add_relation(ranking: _Ranking, relation: Relation, history: ClientHistory) -> None:
    me = ranking.site.entry_id
    if relation.kind == "reported" and relation.inhibited != me:
        return  # a reported pair runs from the inhibited to the facilitated entry only
    weight = RELATION_WEIGHTS.get((relation.kind, relation.evidence), 1.0)
    kind: ReasonKind = (
        "clinic"
        if relation.evidence == "clinic"
        else "reported"
        if relation.kind == "reported"
        else "anatomy"
    )
    # The atlas's sentence ends with "[evidence; source]", which the Reason carries itself.
    text = ranking.atlas.explain(relation, me).rpartition(" [")[0]
    reason = Reason(kind, text, weight, relation.evidence, relation.source)
    other = ranking.atlas.get(relation.other(me))
    if other.client_specific:
        for placed in _placed(ranking, other.id, history):
            ranking.add(placed, reason)
        return
    for other_site in ranking.atlas.other_sites(relation, ranking.site):
        ranking.add(str(other_site), reason)


def _placed(ranking: _Ranking, entry_id: str, history: ClientHistory) -> list[str]:
    """This client's scars (or old injuries) near the inhibited site, as sites."""
    places = (
        [(s.region, s.side) for s in history.scars]
        if entry_id == "scar"
        else [(i.region, i.side) for i in history.injuries]
    )
    return [
        _client_site(entry_id, region, side)
        for region, side in places
        if ranking.proximity([region]) != "elsewhere"
    ]


def _client_site(entry_id: str, region: str, side: str) -> str:
    return f"{entry_id}:{region}:{side if side in ('left', 'right') else 'midline'}"


def _add_history(ranking: _Ranking, history: ClientHistory) -> None:
    for scar in history.scars:
        when = f" ({scar.year})" if scar.year else ""
        what = scar.label or f"PastScar, {label(REGIONS, scar.region).lower()}{when}"
        _add_placed(ranking, "scar", scar.region, scar.side, what)
    for injury in history.injuries:
        what = injury.label or f"Old {injury.kind}, {label(REGIONS, injury.region).lower()}"
        _add_placed(ranking, "injury_site", injury.region, injury.side, what)
    for flag, structures in HISTORY_STRUCTURES.items():
        if getattr(history, flag):
            for entry_id, factor in structures:
                _add_flagged(ranking, flag, entry_id, factor)


def _add_placed(ranking: _Ranking, entry_id: str, region: str, side: str, what: str) -> None:
    if entry_id not in ranking.atlas.structures:
        return
    nearness = ranking.proximity([region])
    name = ranking.atlas.name(ranking.site.entry_id)
    where = {
        "same": f"in the same region as {name}",
        "neighbouring": f"next to the region of {name}",
        "elsewhere": "away from the inhibited site, which can still matter",
    }[nearness]
    structure = ranking.atlas.structures[entry_id]
    text = (
        f"{what}: {where}; {structure.name.lower()}s are asked about because they can hold "
        "back the muscles around them"
    )
    ranking.add(
        _client_site(entry_id, region, side),
        Reason("history", text, PROXIMITY_WEIGHTS[nearness], "reported", structure.sources[0]),
    )


def _add_flagged(ranking: _Ranking, flag: str, entry_id: str, factor: float) -> None:
    structure = ranking.atlas.structures.get(entry_id)
    if structure is None:
        return
    nearness = ranking.proximity(structure.regions)
    weight = PROXIMITY_WEIGHTS[nearness] * factor
    text = (
        f"The client {HISTORY_WORDS[flag]}, which raises the {structure.name.lower()} "
        f"({nearness} region)"
    )
    reason = Reason("history", text, weight, "reported", structure.sources[0])
    existing = [s for s in ranking.reasons if s.split(":")[0] == entry_id]
    for site in existing or [f"{entry_id}:midline"]:
        ranking.add(site, reason)


def _add_conditions(ranking: _Ranking, history: ClientHistory) -> None:
    for condition_id in history.conditions:
        condition = ranking.atlas.conditions.get(condition_id)
        if condition is None:
            continue
        for site in list(ranking.reasons):
            if site.split(":")[0] in condition.examined:
                text = f"Commonly examined for {condition.name.lower()}, which the client reports"
                ranking.add(
                    site,
                    Reason("history", text, CONDITION_WEIGHT, condition.evidence, condition.source),
                )


def _add_clinic(ranking: _Ranking, counts: Mapping[str, int]) -> None:
    name = ranking.atlas.name(ranking.site.entry_id)
    for key, count in counts.items():
        if not (isinstance(count, int) and not isinstance(count, bool) and count >= 0):
            raise InvalidWeight(
                f"The clinic count for {key!r} is {count!r}; counts are whole numbers, 0 or more."
            )
        site = absolute_site(key, ranking.site.side)
        try:
            ranking.atlas.get(site.split(":")[0])
        except UnknownStructure:
            continue  # an entry since removed from the atlas must not break a session
        if count:
            times = "once" if count == 1 else f"{count} times"
            text = (
                f"Confirmed {times} in this clinic when {name} tested weak "
                f"({key.rsplit(':', 1)[-1]} side), so it starts higher on the list"
            )
            ranking.add(
                site,
                Reason(
                    "clinic", text, CONFIRMED_WEIGHT * count, "clinic", "clinic confirmed patterns"
                ),
            )


def relative_site(compensator_site: str, inhibited_side: str) -> str:
    """A compensator site keyed to the inhibited side: its side becomes "same" or "other"."""
    head, _, side = compensator_site.rpartition(":")
    if side in ("left", "right"):
        side = "same" if side == inhibited_side else "other"
    return f"{head}:{side}"


def absolute_site(key: str, inhibited_side: str) -> str:
    """The inverse of `relative_site` for one inhibited side."""
    head, _, side = key.rpartition(":")
    if side == "same":
        side = inhibited_side
    elif side == "other":
        side = OPPOSITE_SIDE[inhibited_side]
    return f"{head}:{side}"


def clinic_counts(confirmed: Iterable[tuple[str, str]], inhibited_entry: str) -> dict[str, int]:
    """Counts for `rank_candidates` from confirmed (inhibited site, compensator site) pairs.

    Only patterns whose inhibited entry is `inhibited_entry` count, on either side.
    """
    counts: dict[str, int] = {}
    for inhibited, compensator in confirmed:
        entry, _, side = inhibited.rpartition(":")
        if entry == inhibited_entry:
            key = relative_site(compensator, side)
            counts[key] = counts.get(key, 0) + 1
    return counts
