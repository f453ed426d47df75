"""The shapes of the atlas data files, as pydantic models that are also the atlas's entries.

Each model forbids unknown keys and checks its values against the shared vocabularies, so a
typo in a data file becomes an error that names the field, never a silent gap in the atlas.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from repattern.engine.atlas.movements import ACTIONS, JOINTS
from repattern.engine.vocabulary import CONDITIONS, REGIONS, ids, label

REGION_IDS = ids(REGIONS)
CONDITION_IDS = ids(CONDITIONS)
Side = Literal["left", "right", "midline"]
StructureKind = Literal[
    "scar", "injury", "jaw", "diaphragm", "pelvic_floor", "gaze", "fascia", "other"
]
Evidence = Literal["anatomical", "reported", "clinic"]
SITE_SIDES: tuple[str, ...] = get_args(Side)
STRUCTURE_KINDS: tuple[str, ...] = get_args(StructureKind)
EVIDENCE_LEVELS: tuple[str, ...] = get_args(Evidence)

_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_ROOT = re.compile(
    r"^(C[1-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5]"
    r"|CN (I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII))$"
)
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_URL = re.compile(r"^https?://\S+$")


def one_of(value: str, allowed: Iterable[str], what: str) -> str:
    """Return value if allowed, else raise a ValueError that suggests the closest spelling."""
    allowed = list(allowed)
    if value in allowed:
        return value
    close = difflib.get_close_matches(value, allowed, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; use one of: {', '.join(allowed)}"
    raise ValueError(f"{value!r} is not {what}{hint}")


def _entry_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"{value!r} is not a snake_case id (lower-case words joined by _)")
    if {"left", "right"} & set(value.split("_")):
        raise ValueError(
            f"{value!r} names a side; the side belongs to a site such as "
            "'psoas_major:left', not to the entry"
        )
    return value


def _region(value: str) -> str:
    return one_of(value, sorted(REGION_IDS), "a region from the intake vocabulary")


def _joint(value: str) -> str:
    return one_of(value, JOINTS, "a joint in movements.JOINTS")


def _action(value: str) -> str:
    return one_of(value, ACTIONS, "an action in movements.ACTIONS")


def _root(value: str) -> str:
    if not _ROOT.match(value):
        raise ValueError(
            f"{value!r} is not a spinal root or cranial nerve; write roots like "
            "C5, T12, L4, S1, or cranial nerves like CN V, CN XI"
        )
    return value


def _wikidata(value: str) -> str:
    if not _WIKIDATA.match(value):
        raise ValueError(f"{value!r} is not a Wikidata item id such as Q1132434")
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"{value!r} is not a web address starting with http:// or https://")
    return value


def _condition(value: str) -> str:
    return one_of(value, sorted(CONDITION_IDS), "a condition in vocabulary.CONDITIONS")


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# What the learning window shows: read at a glance while the seconds run. The full technique
# stays in `release` and `activation`; the client's version goes home in the program.
WINDOW_TEXT_MAX = 90
WindowText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=WINDOW_TEXT_MAX)
]
EntryId = Annotated[str, AfterValidator(_entry_id)]
RegionId = Annotated[str, AfterValidator(_region)]
Root = Annotated[str, AfterValidator(_root)]
Url = Annotated[str, AfterValidator(_url)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Action(Record):
    """One movement a muscle produces: a joint and an action from the fixed vocabulary."""

    joint: Annotated[str, AfterValidator(_joint)]
    action: Annotated[str, AfterValidator(_action)]


class Innervation(Record):
    nerve: Text
    roots: list[Root] = Field(min_length=1)


class MuscleTest(Record):
    """A manual muscle test: how the client lies, what is held still, where to push, what holds."""

    position: Text
    stabilization: Text
    force: Text
    holds: Text


class Muscle(Record):
    id: EntryId
    name: Text
    aliases: list[Text] = []
    region: RegionId
    origin: Text
    insertion: Text
    innervation: Innervation
    actions: list[Action] = Field(min_length=1)
    test: MuscleTest
    release: Text
    window_release: WindowText
    home_release: Text
    activation: Text
    window_activation: WindowText
    home_activation: Text | None = None
    wikidata: Annotated[str, AfterValidator(_wikidata)] | None = None
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_repeated_action(self) -> Muscle:
        seen: set[Action] = set()
        for i, act in enumerate(self.actions):
            if act in seen:
                raise ValueError(f"actions[{i}] repeats {act.joint} {act.action}")
            seen.add(act)
        return self

    kind: ClassVar[str] = "muscle"
    client_specific: ClassVar[bool] = False
    sides: ClassVar[tuple[str, ...]] = ("left", "right")

    @property
    def regions(self) -> list[str]:
        return [self.region]


class Structure(Record):
    """A compensator that is not a skeletal muscle entry: a scar, the jaw, the diaphragm, fascia."""

    id: EntryId
    name: Text
    aliases: list[Text] = []
    kind: StructureKind
    regions: list[RegionId] = []
    sides: list[Side] = Field(min_length=1)
    description: Text
    challenge: Text
    release: Text
    window_release: WindowText
    home_release: Text
    activation: Text | None = None
    window_activation: WindowText | None = None
    client_specific: bool = False
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _window_activation_with_activation(self) -> Structure:
        if bool(self.activation) != bool(self.window_activation):
            raise ValueError(
                "activation and window_activation come together: write both (the full "
                "technique and the short text the learning window shows) or neither"
            )
        return self

    @model_validator(mode="after")
    def _placed_somewhere(self) -> Structure:
        if not self.regions and not self.client_specific:
            raise ValueError(
                "regions is empty; only a client-specific structure may leave it "
                "empty (it is placed on the body per client)"
            )
        return self


class ChallengeRegion(Record):
    """A place one contact covers: the atlas entries under it, per side, and the intake regions
    whose scars and old injuries it covers too (regions.yaml)."""

    id: EntryId
    name: Text
    sides: list[Side] = Field(min_length=1)
    covers: list[EntryId] = Field(min_length=1)
    places: list[RegionId] = []
    contact: Text
    sources: list[str] = Field(min_length=1)

    @field_validator("covers", "sides")
    @classmethod
    def _listed_once(cls, values: list[str]) -> list[str]:
        for i, value in enumerate(values):
            if value in values[:i]:
                raise ValueError(f"item {i} repeats {value!r}; list it once")
        return values


class Source(Record):
    id: EntryId
    title: Text
    authors: Text | None = None
    year: int | None = None
    url: Url | None = None
    licence: Text | None = None
    notes: Text | None = None


class ReportedPair(Record):
    """A pair that public material reports: `facilitated` takes over when `inhibited` tests weak."""

    inhibited: EntryId
    facilitated: EntryId
    same_side: bool = True
    reason: Text
    source: str
    url: Url | None = None


class ConditionMap(Record):
    """One condition's line in conditions.yaml: what is commonly examined for it, and why."""

    id: Annotated[str, AfterValidator(_condition)]
    examined: list[EntryId] = Field(min_length=1)
    evidence: Literal["anatomical", "reported"]
    sources: list[str] = Field(min_length=1)
    note: Text


class Condition(Record):
    """A condition from the intake vocabulary, with the entries commonly examined for it."""

    id: str
    name: str
    examined: list[str]
    evidence: Evidence
    sources: list[str]
    note: str

    @property
    def source(self) -> str:
        return self.sources[0]

    @classmethod
    def from_map(cls, entry: ConditionMap) -> Condition:
        return cls(
            id=entry.id,
            name=label(CONDITIONS, entry.id),
            examined=entry.examined,
            evidence=entry.evidence,
            sources=entry.sources,
            note=entry.note,
        )
