"""Clinic charts: relations a clinic uploads for its own use, joined to the atlas as `clinic`.

A chart is CSV (header `inhibited,facilitated,kind,note,source`, the last two optional, plus an
optional `same_side` column) or YAML (a list of mappings with the same keys). Entries may be
named by atlas id, name or unambiguous alias. A chart with any problem is rejected whole, and
the ChartError lists every problem by line and field, so the owner can fix it in one pass.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from repattern.engine.atlas.documents import compose
from repattern.engine.atlas.relations import Relation, RelationKind
from repattern.engine.atlas.search import normalize
from repattern.engine.errors import ChartError, ChartProblem

if TYPE_CHECKING:
    from repattern.engine.atlas import Atlas

REQUIRED = ("inhibited", "facilitated", "kind")
OPTIONAL = ("note", "source", "same_side")
COLUMNS = REQUIRED + OPTIONAL
MAX_CHARS = 1_000_000
MAX_ROWS = 5_000
MAX_NOTE = 500
KINDS: dict[str, RelationKind] = {
    "synergist": "synergist",
    "antagonist": "antagonist",
    "reported": "reported",
}
_YES = {"yes", "y", "true", "1", "same", ""}
_NO = {"no", "n", "false", "0", "opposite", "other"}

Row = tuple[int, dict[str, Any], Callable[[str], int]]  # line, values, line of a field


class _Names:
    """Resolves what a clinic wrote (id, name or alias, any case) to an atlas id."""

    def __init__(self, atlas: Atlas) -> None:
        self.ids: dict[str, set[str]] = {}
        for entry in atlas.entries():
            for text in (entry.id, entry.name, *entry.aliases):
                self.ids.setdefault(normalize(text), set()).add(entry.id)

    def resolve(self, text: str) -> tuple[str | None, str]:
        found = self.ids.get(normalize(text), set())
        if len(found) == 1:
            return next(iter(found)), ""
        if found:
            return None, f"{text!r} could mean {', '.join(sorted(found))}; write the id"
        close = difflib.get_close_matches(normalize(text), list(self.ids), n=1, cutoff=0.75)
        hint = f"; did you mean {sorted(self.ids[close[0]])[0]!r}?" if close else ""
        return None, f"{text!r} is not a muscle or structure in the atlas{hint}"


def parse_chart(text: str, filename: str, atlas: Atlas) -> list[Relation]:
    """The chart's relations, or ChartError listing every problem (the chart is not used)."""
    problems: list[ChartProblem] = []
    rows = _rows(text, filename, problems)
    if not rows and not problems:
        problems.append(
            ChartProblem(1, "file", "holds no relations; add one per line under the header")
        )
    relations = _relations(rows, filename, atlas, problems)
    if problems:
        raise ChartError(filename, sorted(problems, key=lambda p: p.line))
    return relations


def _rows(text: str, filename: str, problems: list[ChartProblem]) -> list[Row]:
    if len(text) > MAX_CHARS:
        problems.append(
            ChartProblem(
                1, "file", f"is larger than {MAX_CHARS:,} characters; split it into smaller charts"
            )
        )
        return []
    text = text.removeprefix("\ufeff")
    if not text.strip():
        problems.append(
            ChartProblem(
                1,
                "file",
                "is empty; the first line should be the header "
                f"{','.join(REQUIRED + OPTIONAL[:2])}",
            )
        )
        return []
    suffix = filename.lower().rsplit(".", 1)[-1]
    if suffix == "csv":
        return _csv_rows(text, problems)
    if suffix in ("yaml", "yml"):
        return _yaml_rows(text, problems)
    problems.append(
        ChartProblem(
            1,
            "file",
            f"{filename!r} is neither .csv nor .yaml; upload a chart in one of those formats",
        )
    )
    return []


def _lines(fields: dict[str, int], line: int) -> Callable[[str], int]:
    """The line of each field: its own line in YAML, the row's line in CSV."""
    return lambda name: fields.get(name, line)


def _check_columns(columns: list[str], line: int, problems: list[ChartProblem]) -> bool:
    before = len(problems)
    for col in dict.fromkeys(columns):
        if col not in COLUMNS:
            problems.append(
                ChartProblem(
                    line,
                    col or "(blank)",
                    f"is not a chart column; columns are {', '.join(COLUMNS)}",
                )
            )
        elif columns.count(col) > 1:
            problems.append(ChartProblem(line, col, "appears more than once"))
    for col in REQUIRED:
        if col not in columns:
            problems.append(
                ChartProblem(
                    line, col, f"column is missing; the header must name {', '.join(REQUIRED)}"
                )
            )
    return len(problems) == before


def _csv_rows(text: str, problems: list[ChartProblem]) -> list[Row]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [normalize(c).replace(" ", "_") for c in next(reader)]
        if not _check_columns(header, 1, problems):
            return []
        rows: list[Row] = []
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                problems.append(ChartProblem(line, "file", f"has more than {MAX_ROWS} rows"))
                break
            if len(values) != len(header):
                problems.append(
                    ChartProblem(
                        line, "row", f"has {len(values)} fields; the header has {len(header)}"
                    )
                )
                continue
            rows.append((line, dict(zip(header, values, strict=True)), _lines({}, line)))
        return rows
    except csv.Error as exc:
        problems.append(ChartProblem(reader.line_num or 1, "file", f"is not valid CSV: {exc}"))
        return []


def _yaml_rows(text: str, problems: list[ChartProblem]) -> list[Row]:
    try:
        data, node = compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = getattr(exc, "problem", None) or getattr(exc, "context", None) or exc
        problems.append(
            ChartProblem(mark.line + 1 if mark else 1, "yaml", f"not valid YAML: {what}")
        )
        return []
    if isinstance(data, dict) and set(data) == {"relations"} and isinstance(node, yaml.MappingNode):
        data, node = data["relations"], node.value[0][1]
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        problems.append(
            ChartProblem(
                1,
                "file",
                f"should be a list of relations, each a mapping with {', '.join(REQUIRED)}",
            )
        )
        return []
    if len(data) > MAX_ROWS:
        problems.append(ChartProblem(1, "file", f"has more than {MAX_ROWS} relations"))
        return []
    rows: list[Row] = []
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            problems.append(
                ChartProblem(line, "row", f"should be a mapping with {', '.join(REQUIRED)}")
            )
            continue
        keys = {str(k.value): k.start_mark.line + 1 for k, _ in item_node.value}
        for key in keys:
            if key not in COLUMNS:
                problems.append(
                    ChartProblem(
                        keys[key], key, f"is not a chart field; fields are {', '.join(COLUMNS)}"
                    )
                )
        rows.append((line, item, _lines(keys, line)))
    return rows


def _text(
    values: dict[str, Any], name: str, line_of: Callable[[str], int], problems: list[ChartProblem]
) -> str:
    value = values.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(ChartProblem(line_of(name), name, f"should be text, not {value!r}"))
        return ""
    return value.strip()


def _same_side(
    values: dict[str, Any], line_of: Callable[[str], int], problems: list[ChartProblem]
) -> bool:
    value = values.get("same_side", "")
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES or word in _NO:
        return word in _YES
    problems.append(
        ChartProblem(
            line_of("same_side"), "same_side", f"{value!r} should be yes or no (blank means yes)"
        )
    )
    return True


def _relation(
    row: Row, filename: str, names: _Names, problems: list[ChartProblem]
) -> Relation | None:
    _, values, line_of = row
    before = len(problems)
    ends = {}
    for end in ("inhibited", "facilitated"):
        written = _text(values, end, line_of, problems)
        found, why = names.resolve(written) if written else (None, "is empty; name an atlas entry")
        if found is None:
            problems.append(ChartProblem(line_of(end), end, why))
        ends[end] = found
    written_kind = _text(values, "kind", line_of, problems).lower()
    kind = KINDS.get(written_kind)
    if kind is None:
        said = f"{written_kind!r} is not a kind" if written_kind else "is missing"
        problems.append(ChartProblem(line_of("kind"), "kind", f"{said}; use {', '.join(KINDS)}"))
    note = _text(values, "note", line_of, problems)
    if len(note) > MAX_NOTE:
        problems.append(
            ChartProblem(line_of("note"), "note", f"is longer than {MAX_NOTE} characters")
        )
    source = _text(values, "source", line_of, problems) or f"clinic chart {filename}"
    same_side = _same_side(values, line_of, problems)
    a, b = ends["inhibited"], ends["facilitated"]
    if a and a == b and same_side:
        problems.append(
            ChartProblem(
                line_of("facilitated"),
                "facilitated",
                "is the inhibited entry on the same side; a structure cannot compensate for itself",
            )
        )
    if len(problems) > before or a is None or b is None or kind is None:
        return None
    return Relation(a, b, kind, "clinic", source, note or f"from {filename}", same_side, None)


def _relations(
    rows: list[Row], filename: str, atlas: Atlas, problems: list[ChartProblem]
) -> list[Relation]:
    names = _Names(atlas)
    seen: dict[tuple[str, str, bool], int] = {}
    relations = []
    for row in rows:
        rel = _relation(row, filename, names, problems)
        if rel is None:
            continue
        key = (rel.inhibited, rel.facilitated, rel.same_side)
        if key in seen:
            problems.append(
                ChartProblem(row[0], "facilitated", f"repeats the pair on line {seen[key]}")
            )
            continue
        seen[key] = row[0]
        relations.append(rel)
    return relations
