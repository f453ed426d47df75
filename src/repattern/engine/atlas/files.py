"""Reading and validating the atlas data files, and checking references between them.

Validation goes on after a problem, so one run of `repattern check-data` lists everything there
is to fix, one line each (see atlas_yaml for the form of a line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from repattern.engine.atlas.documents import Document, Place, problem, read_yaml, validate_entries
from repattern.engine.atlas.schema import (
    CONDITION_IDS,
    ChallengeRegion,
    ConditionMap,
    Muscle,
    ReportedPair,
    Source,
    Structure,
)

SOURCES_FILE = "sources.yaml"
STRUCTURES_FILE = "structures.yaml"
RELATIONS_FILE = "relations.yaml"
CONDITIONS_FILE = "conditions.yaml"
REGIONS_FILE = "regions.yaml"
MUSCLES_DIR = "muscles"


@dataclass
class AtlasFiles:
    """Everything the data files hold once each entry is valid on its own."""

    muscles: dict[str, Muscle] = field(default_factory=dict)
    structures: dict[str, Structure] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    pairs: list[ReportedPair] = field(default_factory=list)
    conditions: list[ConditionMap] = field(default_factory=list)
    regions: dict[str, ChallengeRegion] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)


def read_atlas_files(data_dir: Path) -> AtlasFiles:
    """Read and validate every file under data_dir, collecting every problem."""
    files = AtlasFiles()
    _read_sources(data_dir, files)
    _read_entries(data_dir, files)
    _read_pairs(data_dir, files)
    _read_conditions(data_dir, files)
    _read_regions(data_dir, files)
    return files


def _document(data_dir: Path, name: str, files: AtlasFiles) -> Document | None:
    path = data_dir / name
    if not path.is_file():
        files.errors.append(problem(name, "(file)", "file", f"is missing from {data_dir}"))
        return None
    return read_yaml(path, name, files.errors)


def _read_sources(data_dir: Path, files: AtlasFiles) -> None:
    doc = _document(data_dir, SOURCES_FILE, files)
    for source, place in validate_entries(doc, Source, files.errors) if doc else []:
        if source.id in files.sources:
            files.errors.append(problem(place.at("id"), source.id, "id", "duplicate source id"))
        files.sources[source.id] = source


def _check_sources(
    cited: list[str], place: Place, entry: str, field_name: str, files: AtlasFiles
) -> bool:
    ok = True
    for i, source in enumerate(cited):
        if source not in files.sources:
            ok = False
            files.errors.append(
                problem(
                    place.at(field_name, i),
                    entry,
                    f"{field_name}[{i}]",
                    f"{source!r} is not a source id in {SOURCES_FILE}",
                )
            )
    return ok


def _read_entries(data_dir: Path, files: AtlasFiles) -> None:
    muscle_files = sorted((data_dir / MUSCLES_DIR).glob("*.yaml"))
    if not muscle_files:
        files.errors.append(
            problem(MUSCLES_DIR, "(folder)", "file", f"holds no .yaml muscle files in {data_dir}")
        )
    found: list[tuple[Muscle | Structure, Place]] = []
    for path in muscle_files:
        doc = read_yaml(path, f"{MUSCLES_DIR}/{path.name}", files.errors)
        found += validate_entries(doc, Muscle, files.errors, broken=files.broken) if doc else []
    doc = _document(data_dir, STRUCTURES_FILE, files)
    found += validate_entries(doc, Structure, files.errors, broken=files.broken) if doc else []
    for entry, place in found:
        if entry.id in files.where:
            files.errors.append(
                problem(
                    place.at("id"),
                    entry.id,
                    "id",
                    f"duplicate id; also defined at {files.where[entry.id]}",
                )
            )
            continue
        files.where[entry.id] = str(place)
        _check_sources(entry.sources, place, entry.id, "sources", files)
        if isinstance(entry, Muscle):
            files.muscles[entry.id] = entry
        else:
            files.structures[entry.id] = entry


def _check_entry(entry_id: str, where: str, label: str, field_name: str, files: AtlasFiles) -> bool:
    if entry_id in files.where:
        return True
    if entry_id not in files.broken:  # its own errors are already listed
        files.errors.append(
            problem(
                where,
                label,
                field_name,
                f"{entry_id!r} is not a muscle or structure id in the atlas",
            )
        )
    return False


def _read_pairs(data_dir: Path, files: AtlasFiles) -> None:
    doc = _document(data_dir, RELATIONS_FILE, files)
    seen: dict[tuple[str, str, bool], str] = {}
    pairs = (
        validate_entries(doc, ReportedPair, files.errors, "inhibited", "facilitated") if doc else []
    )
    for pair, place in pairs:
        label = f"{pair.inhibited} -> {pair.facilitated}"
        ok = _check_entry(pair.inhibited, place.at("inhibited"), label, "inhibited", files)
        ok = (
            _check_entry(pair.facilitated, place.at("facilitated"), label, "facilitated", files)
            and ok
        )
        if pair.source not in files.sources:
            ok = False
            files.errors.append(
                problem(
                    place.at("source"),
                    label,
                    "source",
                    f"{pair.source!r} is not a source id in {SOURCES_FILE}",
                )
            )
        key = (pair.inhibited, pair.facilitated, pair.same_side)
        if key in seen:
            files.errors.append(
                problem(
                    str(place),
                    label,
                    "facilitated",
                    f"the same pair is already listed at {seen[key]}",
                )
            )
        elif ok:
            seen[key] = str(place)
            files.pairs.append(pair)


def _read_conditions(data_dir: Path, files: AtlasFiles) -> None:
    doc = _document(data_dir, CONDITIONS_FILE, files)
    mapped: dict[str, str] = {}
    for entry, place in validate_entries(doc, ConditionMap, files.errors) if doc else []:
        if entry.id in mapped:
            files.errors.append(
                problem(place.at("id"), entry.id, "id", f"already mapped at {mapped[entry.id]}")
            )
            continue
        mapped[entry.id] = str(place)
        ok = all(
            [
                _check_entry(e, place.at("examined", i), entry.id, f"examined[{i}]", files)
                for i, e in enumerate(entry.examined)
            ]
        )
        ok = _check_sources(entry.sources, place, entry.id, "sources", files) and ok
        if ok:
            files.conditions.append(entry)
    if doc is not None:
        for missing in sorted(CONDITION_IDS - set(mapped)):
            files.errors.append(
                problem(
                    CONDITIONS_FILE,
                    missing,
                    "id",
                    "this condition from vocabulary.CONDITIONS is not mapped; add an entry",
                )
            )


def _read_regions(data_dir: Path, files: AtlasFiles) -> None:
    doc = _document(data_dir, REGIONS_FILE, files)
    for region, place in validate_entries(doc, ChallengeRegion, files.errors) if doc else []:
        if region.id in files.regions:
            files.errors.append(problem(place.at("id"), region.id, "id", "duplicate region id"))
            continue
        ok = _check_sources(region.sources, place, region.id, "sources", files)
        for i, entry_id in enumerate(region.covers):
            ok = (
                _check_entry(entry_id, place.at("covers", i), region.id, f"covers[{i}]", files)
                and ok
            )
        if ok:
            files.regions[region.id] = region
