"""The atlas itself: muscles, other structures, their relations and the conditions they serve,
read from the YAML files in `repattern/data/` and validated on load."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from repattern.engine.atlas.files import AtlasFiles, read_atlas_files
from repattern.engine.atlas.relations import (
    Relation,
    derive_relations,
    shared_source,
)
from repattern.engine.atlas.schema import ChallengeRegion, Condition, Muscle, Source, Structure
from repattern.engine.atlas.search import Entry, Indexed, index, search
from repattern.engine.atlas.sites import OPPOSITE_SIDE, Site, parse_site
from repattern.engine.errors import AtlasError, DataFileError, InvalidSite, UnknownStructure

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Atlas:
    """The validated atlas; build it with `load_atlas()`, never by hand."""

    def __init__(
        self,
        muscles: dict[str, Muscle],
        structures: dict[str, Structure],
        sources: dict[str, Source],
        conditions: dict[str, Condition],
        relations: list[Relation],
        regions: dict[str, ChallengeRegion] | None = None,
    ) -> None:
        self.muscles = muscles
        self.regions = regions or {}
        self.structures = structures
        self.sources = sources
        self.conditions = conditions
        self.relations = relations
        self._by_entry: dict[str, list[Relation]] = defaultdict(list)
        for rel in relations:
            self._by_entry[rel.inhibited].append(rel)
            if rel.facilitated != rel.inhibited:
                self._by_entry[rel.facilitated].append(rel)
        self._index: list[Indexed] = index(self.entries())

    def entries(self) -> list[Entry]:
        return [*self.muscles.values(), *self.structures.values()]

    def get(self, entry_id: str) -> Entry:
        found = self.muscles.get(entry_id) or self.structures.get(entry_id)
        if found is None:
            raise UnknownStructure(self._unknown(entry_id))
        return found

    def _unknown(self, entry_id: str) -> str:
        if ":" in entry_id:
            return (
                f"{entry_id!r} looks like a site; pass its entry id "
                f"({entry_id.split(':')[0]!r}) or use atlas.site()"
            )
        close = [e.id for e in search(self._index, entry_id)[:3]]
        hint = f"; did you mean {', '.join(close)}?" if close else "; search the atlas by name"
        return f"{entry_id!r} is not a muscle or structure in the atlas{hint}"

    def name(self, entry_id: str) -> str:
        return self.get(entry_id).name

    def relations_for(self, entry_id: str) -> list[Relation]:
        """Every relation that involves entry_id; `relation.other(entry_id)` is the other entry."""
        self.get(entry_id)
        return list(self._by_entry.get(entry_id, ()))

    def condition(self, condition_id: str) -> Condition:
        try:
            return self.conditions[condition_id]
        except KeyError:
            raise AtlasError(
                f"{condition_id!r} is not a condition; use one of: "
                f"{', '.join(sorted(self.conditions))}"
            ) from None

    def search(
        self,
        text: str = "",
        region: str | None = None,
        action: str | None = None,
        joint: str | None = None,
        root: str | None = None,
    ) -> list[Entry]:
        """Entries matching text (ranked) and every given filter; raises AtlasError on an
        unknown region, action, joint or root."""
        return search(self._index, text, region, action, joint, root)

    def with_clinic_relations(self, relations: Iterable[Relation]) -> Atlas:
        """A new atlas for one clinic: this one plus its own relations, marked `clinic`."""
        added = [replace(r, evidence="clinic") for r in relations]
        for rel in added:
            self.get(rel.inhibited)
            self.get(rel.facilitated)
        return Atlas(
            self.muscles,
            self.structures,
            self.sources,
            self.conditions,
            [*self.relations, *added],
            self.regions,
        )

    def site(self, text: str) -> Site:
        """Parse a site and check it against the atlas: the entry exists and has that side."""
        site = parse_site(text)
        entry = self.get(site.entry_id)
        if site.side not in entry.sides:
            raise InvalidSite(
                f"{text!r}: {entry.name} has no {site.side} site; use {' or '.join(entry.sides)}"
            )
        if entry.client_specific and site.region is None:
            raise InvalidSite(
                f"{text!r}: a {entry.name.lower()} is placed with its region, "
                f"e.g. '{entry.id}:lower_abdomen:{site.side}'"
            )
        if not entry.client_specific and site.region is not None:
            raise InvalidSite(
                f"{text!r}: only a client-specific structure takes a region; "
                f"write '{entry.id}:{site.side}'"
            )
        return site

    def other_sites(self, relation: Relation, site: Site) -> list[Site]:
        """Where the other end of relation sits, given the site of one end.

        A client-specific other entry (a scar) comes back without a region unless the given site
        has one: match it against the client's own recorded scars.
        """
        other = self.get(relation.other(site.entry_id))
        sides = other.sides
        if site.side == "midline":
            wanted = [s for s in ("left", "right", "midline") if s in sides]
        elif relation.same_side:
            wanted = [site.side] if site.side in sides else ["midline"]
        else:
            wanted = [OPPOSITE_SIDE[site.side]] if site.side in sides else ["midline"]
        region = site.region if other.client_specific else None
        return [Site(other.id, s, region) for s in wanted if s in sides]

    def explain(self, relation: Relation, entry_id: str | None = None) -> str:
        """The relation in words, seen from entry_id (default: its first entry), with its
        evidence and source, for the session screen."""
        source = self.sources.get(relation.source)
        cited = source.title if source else relation.source
        side = "" if relation.same_side else " on the other side"
        if relation.kind in ("synergist", "antagonist"):
            this = entry_id or relation.inhibited
            other = relation.other(this)
            said = f"{self.name(other)}{side} is {relation.kind_words} of {self.name(this)}"
        else:
            said = (
                f"{self.name(relation.facilitated)}{side} is {relation.kind_words} when "
                f"{self.name(relation.inhibited)} tests weak"
            )
        return f"{said}: {relation.reason} [{relation.evidence}; {cited}]"


@dataclass
class CheckReport:
    """What `repattern check-data` prints: counts, then one line per error."""

    errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self) -> str:
        lines = [
            f"{name}: {self.counts.get(name, 0)}"
            for name in ("muscles", "structures", "relations", "conditions", "regions")
        ]
        if self.errors:
            lines.append(f"{len(self.errors)} error(s):")
            lines += self.errors
        else:
            lines.append("all data files are valid")
        return "\n".join(lines)


def _build(files: AtlasFiles) -> Atlas:
    def url_of(source_id: str) -> str | None:
        source = files.sources.get(source_id)
        return source.url if source else None

    relations = derive_relations(files.muscles.values(), shared_source, url_of)
    relations += [
        Relation(
            p.inhibited,
            p.facilitated,
            "reported",
            "reported",
            p.source,
            p.reason,
            p.same_side,
            p.url or url_of(p.source),
        )
        for p in files.pairs
    ]
    conditions = {c.id: Condition.from_map(c) for c in files.conditions}
    return Atlas(
        files.muscles, files.structures, files.sources, conditions, relations, files.regions
    )


def _read(data_dir: Path) -> tuple[Atlas, list[str]]:
    files = read_atlas_files(data_dir)
    return _build(files), files.errors


@functools.cache
def _shipped_atlas() -> Atlas:
    return load_atlas(DATA_DIR)


def load_atlas(data_dir: Path | None = None) -> Atlas:
    """The validated atlas: the shipped data (cached), or data_dir (read afresh each call).

    Raises DataFileError, whose `.errors` lists every problem, if any file is invalid.
    """
    if data_dir is None:
        return _shipped_atlas()
    atlas, errors = _read(Path(data_dir))
    if errors:
        raise DataFileError(errors)
    return atlas


def check_data(data_dir: Path | None = None) -> CheckReport:
    """Validate every data file and count what they hold; never raises for bad data."""
    atlas, errors = _read(Path(data_dir) if data_dir else DATA_DIR)
    counts = {
        "muscles": len(atlas.muscles),
        "structures": len(atlas.structures),
        "relations": len(atlas.relations),
        "conditions": len(atlas.conditions),
        "regions": len(atlas.regions),
    }
    return CheckReport(errors, counts)
