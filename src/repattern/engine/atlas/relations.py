"""Relations between atlas entries, and the derivation of synergists and antagonists.

Synergists and antagonists are never typed by hand: two muscles are synergists when they share
a (joint, action), antagonists when one's action is the other's opposite. The reason names the
shared actions, so a practitioner can see why a candidate was suggested.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from repattern.engine.atlas.movements import JOINTS, OPPOSITES, SIDED_ACTIONS
from repattern.engine.atlas.schema import Evidence, Muscle

RelationKind = Literal["synergist", "antagonist", "reported"]
RELATION_KINDS: tuple[str, ...] = get_args(RelationKind)

ROTATIONS = frozenset({"ipsilateral_rotation", "contralateral_rotation"})
# Sources that document anatomy; a derived relation cites one of these before anything else.
ANATOMY_SOURCES: tuple[str, ...] = ("gray1918", "openstax_ap2e", "wikipedia_muscles")


@dataclass(frozen=True)
class Relation:
    """Two entries related by anatomy, by public reports, or by a clinic's own chart.

    For reported and clinic relations, `facilitated` is the entry reported to take over when
    `inhibited` tests weak. Derived relations (synergist, antagonist) are symmetric: either entry
    can be the inhibited one, and the names only say which was listed first. `same_side` False
    means the other entry is on the other side of the body (a midline one matches either side).
    """

    inhibited: str
    facilitated: str
    kind: RelationKind
    evidence: Evidence
    source: str
    reason: str = ""
    same_side: bool = True
    url: str | None = None

    @property
    def kind_words(self) -> str:
        if self.kind == "reported" and self.evidence == "clinic":
            return "charted by the clinic as taking over"
        return {
            "synergist": "a synergist",
            "antagonist": "an antagonist",
            "reported": "reported to take over",
        }[self.kind]

    def involves(self, entry_id: str) -> bool:
        return entry_id in (self.inhibited, self.facilitated)

    def other(self, entry_id: str) -> str:
        """The other entry of this relation, seen from entry_id."""
        if entry_id == self.inhibited:
            return self.facilitated
        if entry_id == self.facilitated:
            return self.inhibited
        raise ValueError(
            f"{entry_id!r} is not part of the relation {self.inhibited} - {self.facilitated}"
        )


# (what two muscles do together, what one does alone); "{j}" is the joint.
_PHRASES: dict[str, tuple[str, str]] = {
    "flexion": ("flex the {j}", "flexes the {j}"),
    "extension": ("extend the {j}", "extends the {j}"),
    "abduction": ("abduct the {j}", "abducts the {j}"),
    "adduction": ("adduct the {j}", "adducts the {j}"),
    "medial_rotation": ("rotate the {j} medially", "rotates the {j} medially"),
    "lateral_rotation": ("rotate the {j} laterally", "rotates the {j} laterally"),
    "horizontal_abduction": ("horizontally abduct the {j}", "horizontally abducts the {j}"),
    "horizontal_adduction": ("horizontally adduct the {j}", "horizontally adducts the {j}"),
    "elevation": ("elevate the {j}", "elevates the {j}"),
    "depression": ("depress the {j}", "depresses the {j}"),
    "protraction": ("protract the {j}", "protracts the {j}"),
    "retraction": ("retract the {j}", "retracts the {j}"),
    "upward_rotation": ("rotate the {j} upward", "rotates the {j} upward"),
    "downward_rotation": ("rotate the {j} downward", "rotates the {j} downward"),
    "inversion": ("invert the {j}", "inverts the {j}"),
    "eversion": ("evert the {j}", "everts the {j}"),
    "dorsiflexion": ("dorsiflex the {j}", "dorsiflexes the {j}"),
    "plantarflexion": ("plantarflex the {j}", "plantarflexes the {j}"),
    "pronation": ("pronate the {j}", "pronates the {j}"),
    "supination": ("supinate the {j}", "supinates the {j}"),
    "anterior_tilt": ("tilt the {j} forward", "tilts the {j} forward"),
    "posterior_tilt": ("tilt the {j} backward", "tilts the {j} backward"),
    "inspiration": ("help breathe in", "helps breathe in"),
    "expiration": ("help breathe out", "helps breathe out"),
    "opposition": ("oppose the {j}", "opposes the {j}"),
    "reposition": ("reposition the {j}", "repositions the {j}"),
    "lateral_deviation": ("move the {j} sideways", "moves the {j} sideways"),
    "lateral_flexion": ("bend the {j} toward their own side", "bends the {j} toward its side"),
    "ipsilateral_rotation": ("turn the {j} toward their own side", "turns the {j} toward its side"),
    "contralateral_rotation": (
        "turn the {j} away from their own side",
        "turns the {j} away from its side",
    ),
}


def joint_words(joint: str) -> str:
    """'Ankle (talocrural)' -> 'ankle': the joint as it reads in a sentence."""
    return JOINTS[joint].split(" (")[0].lower()


def together(joint: str, action: str) -> str:
    return _PHRASES[action][0].format(j=joint_words(joint))


def alone(joint: str, action: str) -> str:
    return _PHRASES[action][1].format(j=joint_words(joint))


def join_words(parts: list[str]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def is_part(part: str, whole: str) -> bool:
    """gluteus_medius_anterior is part of gluteus_medius: a part is not its whole's synergist."""
    return part.startswith(whole + "_")


# A fact is one reason two muscles are related: (joint, action of a, action of b).
_Key = tuple[str, str, RelationKind, bool]  # (a, b, kind, same_side) with a <= b
_Fact = tuple[str, str, str]


class _Facts:
    """Collects facts per related pair, so one relation lists every shared action."""

    def __init__(self) -> None:
        self.by_pair: dict[_Key, dict[_Fact, None]] = defaultdict(dict)

    def add(self, a: str, b: str, kind: RelationKind, same_side: bool, fact: _Fact) -> None:
        if (a == b and same_side) or is_part(a, b) or is_part(b, a):
            return
        joint, act_a, act_b = fact
        if a > b:
            a, b, fact = b, a, (joint, act_b, act_a)
        self.by_pair[(a, b, kind, same_side)][fact] = None

    def pairs(
        self, kind: RelationKind, same_side: bool, left: list[str], right: list[str], fact: _Fact
    ) -> None:
        for a, b in itertools.product(left, right):
            self.add(a, b, kind, same_side, fact)

    def within(
        self,
        kind: RelationKind,
        same_side: bool,
        ids: list[str],
        fact: _Fact,
        with_self: bool = False,
    ) -> None:
        pairs = (
            itertools.combinations_with_replacement(ids, 2)
            if with_self
            else (itertools.combinations(ids, 2))
        )
        for a, b in pairs:
            self.add(a, b, kind, same_side, fact)


def _collect(by_action: dict[tuple[str, str], list[str]]) -> _Facts:
    facts = _Facts()
    for (joint, action), ids in by_action.items():
        fact = (joint, action, action)
        facts.within("synergist", True, ids, fact)
        if action in SIDED_ACTIONS:
            facts.within("antagonist", False, ids, fact, with_self=True)
        elif action == "ipsilateral_rotation":
            contra = by_action.get((joint, "contralateral_rotation"), [])
            facts.pairs("synergist", False, ids, contra, (joint, action, "contralateral_rotation"))
            facts.pairs("antagonist", True, ids, contra, (joint, action, "contralateral_rotation"))
            facts.within("antagonist", False, ids, fact, with_self=True)
        elif action == "contralateral_rotation":
            facts.within("antagonist", False, ids, fact, with_self=True)
        elif action < OPPOSITES[action]:
            opposite = by_action.get((joint, OPPOSITES[action]), [])
            facts.pairs("antagonist", True, ids, opposite, (joint, action, OPPOSITES[action]))
    return facts


def _reason(kind: str, same_side: bool, facts: list[_Fact], name_a: str, name_b: str) -> str:
    if kind == "synergist" and same_side:
        return "both " + join_words([together(j, x) for j, x, _ in facts])
    if kind == "synergist":
        joints = join_words([joint_words(j) for j, _, _ in facts])
        return f"from opposite sides, both turn the {joints} the same way"
    if same_side and all(x in ROTATIONS for _, x, _ in facts):
        joints = join_words([joint_words(j) for j, _, _ in facts])
        return f"on the same side, they turn the {joints} opposite ways"
    if same_side:
        return "opposite actions: " + "; ".join(
            f"{name_a} {alone(j, x)}, {name_b} {alone(j, y)}" for j, x, y in facts
        )
    return (
        "on opposite sides, both "
        + join_words([together(j, x) for j, x, _ in facts])
        + (", so they pull opposite ways")
    )


def derive_relations(
    muscles: Iterable[Muscle],
    source_of: Callable[[Muscle, Muscle], str],
    url_of: Callable[[str], str | None],
) -> list[Relation]:
    """Every synergist and antagonist pair among muscles, one relation per pair and kind."""
    by_id = {m.id: m for m in muscles}
    by_action: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in by_id.values():
        for act in m.actions:
            by_action[(act.joint, act.action)].append(m.id)
    relations = []
    for (a, b, kind, same_side), facts in _collect(by_action).by_pair.items():
        ma, mb = by_id[a], by_id[b]
        source = source_of(ma, mb)
        reason = _reason(kind, same_side, list(facts), ma.name, mb.name)
        relations.append(
            Relation(a, b, kind, "anatomical", source, reason, same_side, url_of(source))
        )
    return relations


def shared_source(a: Muscle, b: Muscle) -> str:
    """The anatomy source both entries cite, else the first anatomy source of either."""
    for candidates in ([s for s in a.sources if s in b.sources], a.sources, b.sources):
        for preferred in ANATOMY_SOURCES:
            if preferred in candidates:
                return preferred
    common = [s for s in a.sources if s in b.sources and s != "repattern_editors"]
    return common[0] if common else a.sources[0]
