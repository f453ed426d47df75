"""Reading the instruments under `repattern/data/instruments/`: one folder each, with
`rules.json` (scoring and change thresholds) and, unless the text is licensed, the
`questionnaire.json` it scores. Every problem is one line, "FILE: ITEM: FIELD: message"."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from repattern.outcomes.instruments.schema import Item, Questionnaire, Rules

INSTRUMENTS_DIR = Path(__file__).resolve().parents[2] / "data" / "instruments"
RULES_FILE = "rules.json"
QUESTIONNAIRE_FILE = "questionnaire.json"
MAX_FILE_BYTES = 1_000_000


def problem(where: str, item: str, field_name: str, message: str) -> str:
    return f"{where}: {item}: {field_name}: {message}"


@dataclass(frozen=True)
class Instrument:
    """An instrument ready to use: its rules, and its questionnaire when the text is held
    (shipped, or uploaded by a clinic that holds the licence)."""

    rules: Rules
    questionnaire: Questionnaire | None
    source: str = "shipped"

    @property
    def id(self) -> str:
        return self.rules.id

    @property
    def title(self) -> str:
        return self.rules.title

    @property
    def usable(self) -> bool:
        return self.questionnaire is not None

    def items(self) -> list[Item]:
        """The items that take an answer, groups opened up, in order."""
        if self.questionnaire is None:
            return []
        return [i for i in _flatten(self.questionnaire.item) if i.type not in ("group", "display")]

    def item(self, link_id: str) -> Item | None:
        return next((i for i in self.items() if i.linkId == link_id), None)


def _flatten(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out += _flatten(item.item)
    return out


@dataclass
class Catalogue:
    instruments: dict[str, Instrument] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _item_label(data: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """For a pydantic error location inside a questionnaire: the innermost item's linkId, and
    the field path below it."""
    label, rest, node = "(questionnaire)", list(loc), data
    i = 0
    while i < len(loc):
        key = loc[i]
        if key == "item" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            try:
                node = node["item"][loc[i + 1]]
            except (KeyError, IndexError, TypeError):
                break
            link = node.get("linkId") if isinstance(node, dict) else None
            label = f"item {link}" if link else f"item #{loc[i + 1] + 1}"
            rest = list(loc[i + 2 :])
            i += 2
            continue
        i += 1
    return label, ".".join(str(p) for p in rest) or "(item)"


def validation_problems(where: str, data: Any, error: ValidationError, entry: str) -> list[str]:
    lines = []
    for e in error.errors():
        loc = tuple(e["loc"])
        if entry == "questionnaire":
            label, field_name = _item_label(data, loc)
        else:
            label, field_name = entry, ".".join(str(p) for p in loc) or "(file)"
        message = str(e["msg"]).removeprefix("Value error, ")
        lines.append(problem(where, label, field_name, message))
    return lines


def _parse(path: Path, where: str, model: type[BaseModel], entry: str, errors: list[str]) -> Any:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            errors.append(problem(where, "(file)", "file", "is larger than 1 MB"))
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        errors.append(problem(where, "(file)", "file", f"is not readable JSON: {error}"))
        return None
    return parse_document(data, where, model, entry, errors)


def parse_document(
    data: Any, where: str, model: type[BaseModel], entry: str, errors: list[str]
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors.extend(validation_problems(where, data, error, entry))
        return None


def match_problems(rules: Rules, questionnaire: Questionnaire, where: str) -> list[str]:
    """What stops the rules scoring this questionnaire: a scored or qualifying item missing,
    or a scored item whose answers do not run over the range the rules expect."""
    found: list[str] = []
    instrument = Instrument(rules, questionnaire)
    seen: set[str] = set()
    for each in _flatten(questionnaire.item):
        if each.linkId in seen:
            found.append(problem(where, f"item {each.linkId}", "linkId", "is used twice"))
        seen.add(each.linkId)
    for link_id in rules.score.items:
        item = instrument.item(link_id)
        if item is None:
            found.append(problem(where, f"item {link_id}", "linkId", "the rules score it; add it"))
            continue
        if item.type not in ("integer", "decimal", "choice", "quantity"):
            found.append(problem(where, f"item {link_id}", "type", "a scored item takes a number"))
            continue
        low, high = item.bounds()
        if (low, high) != (rules.score.item_min, rules.score.item_max):
            found.append(
                problem(
                    where,
                    f"item {link_id}",
                    "answer range",
                    f"runs {_range(low, high)}; the rules score "
                    f"{rules.score.item_min:g} to {rules.score.item_max:g}",
                )
            )
    for link_id in rules.qualifiers:
        if instrument.item(link_id) is None:
            found.append(problem(where, f"item {link_id}", "linkId", "the rules name it; add it"))
    if questionnaire.id != rules.id:
        found.append(
            problem(where, "(questionnaire)", "id", f"is {questionnaire.id!r}; use {rules.id!r}")
        )
    return found


def _range(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "without a minValue and a maxValue"
    return f"{low:g} to {high:g}"


def read_catalogue(folder: Path) -> Catalogue:
    """Read and validate every instrument folder, collecting every problem."""
    catalogue = Catalogue()
    if not folder.is_dir():
        catalogue.errors.append(problem(str(folder), "(folder)", "folder", "is missing"))
        return catalogue
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        name = f"instruments/{sub.name}"
        rules_path, text_path = sub / RULES_FILE, sub / QUESTIONNAIRE_FILE
        if not rules_path.is_file():
            catalogue.errors.append(problem(f"{name}/{RULES_FILE}", "(file)", "file", "is missing"))
            continue
        errors: list[str] = []
        rules = _parse(rules_path, f"{name}/{RULES_FILE}", Rules, sub.name, errors)
        questionnaire = None
        if text_path.is_file():
            where = f"{name}/{QUESTIONNAIRE_FILE}"
            questionnaire = _parse(text_path, where, Questionnaire, "questionnaire", errors)
            if rules is not None and questionnaire is not None:
                errors += match_problems(rules, questionnaire, where)
        if rules is not None:
            if rules.id != sub.name:
                errors.append(
                    problem(f"{name}/{RULES_FILE}", sub.name, "id", "must match the folder name")
                )
            if rules.licensed and text_path.is_file():
                errors.append(
                    problem(
                        f"{name}/{QUESTIONNAIRE_FILE}",
                        "(file)",
                        "file",
                        "the text is licensed: ship the rules only",
                    )
                )
            if not rules.licensed and not text_path.is_file():
                errors.append(
                    problem(f"{name}/{QUESTIONNAIRE_FILE}", "(file)", "file", "is missing")
                )
        catalogue.errors += errors
        if rules is not None and not errors:
            catalogue.instruments[rules.id] = Instrument(rules, questionnaire)
    return catalogue


@functools.cache
def shipped() -> dict[str, Instrument]:
    """The shipped instruments; raises ValueError listing every problem if any is broken."""
    catalogue = read_catalogue(INSTRUMENTS_DIR)
    if catalogue.errors:
        raise ValueError("\n".join(catalogue.errors))
    return catalogue.instruments


@dataclass
class InstrumentReport:
    """What `repattern check-data` prints about the instruments."""

    checked: bool
    count: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self) -> str:
        if not self.checked:
            return "instruments: none in this folder"
        lines = [f"instruments: {self.count}"]
        if self.errors:
            lines.append(f"{len(self.errors)} instrument error(s):")
            lines += self.errors
        else:
            lines.append("all instrument files are valid")
        return "\n".join(lines)


def check_instruments(data_dir: Path | None = None) -> InstrumentReport:
    """Validate the instruments of a data folder (default: the shipped one); never raises."""
    folder = INSTRUMENTS_DIR if data_dir is None else Path(data_dir) / "instruments"
    if data_dir is not None and not folder.exists():
        return InstrumentReport(checked=False)
    catalogue = read_catalogue(folder)
    return InstrumentReport(True, len(catalogue.instruments), catalogue.errors)
