"""The observed-session rubric: read from data, checked on load, and a grade in words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RUBRIC_FILE = Path(__file__).resolve().parent.parent / "data" / "observed_session_rubric.yaml"


class BadRubric(ValueError):
    """The rubric file is not as the grading expects; the message names the field."""


class BadGrade(ValueError):
    """A grade that misses a criterion or uses a score off the scale."""


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    looks_for: str


@dataclass(frozen=True)
class Grade:
    total: int
    highest: int
    percent: float
    passed: bool
    below: tuple[str, ...]

    def explain(self) -> str:
        verdict = "Passed" if self.passed else "Not yet passed"
        words = f"{verdict}: {self.total} of {self.highest} ({self.percent:.0f}%)"
        if self.below:
            words += f"; below the minimum on {', '.join(self.below)}"
        return words + "."


@dataclass(frozen=True)
class Rubric:
    id: str
    version: int
    scale: tuple[tuple[int, str], ...]
    pass_percent: float
    each_at_least: int
    criteria: tuple[Criterion, ...]

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def top(self) -> int:
        return max(score for score, _ in self.scale)

    def grade(self, scores: dict[str, int]) -> Grade:
        """The grade of one set of scores, one per criterion."""
        allowed = {score for score, _ in self.scale}
        for criterion in self.criteria:
            if scores.get(criterion.id) not in allowed:
                raise BadGrade(f"Give {criterion.title} a score from the scale.")
        total = sum(scores[c.id] for c in self.criteria)
        highest = self.top * len(self.criteria)
        percent = 100 * total / highest
        below = tuple(c.title for c in self.criteria if scores[c.id] < self.each_at_least)
        passed = percent >= self.pass_percent and not below
        return Grade(total, highest, percent, passed, below)


def _field(entry: dict[str, Any], name: str, where: str) -> Any:
    if name not in entry:
        raise BadRubric(f"{RUBRIC_FILE.name}: {where} has no '{name}'.")
    return entry[name]


def parse(data: dict[str, Any]) -> Rubric:
    scale = tuple(
        (int(_field(s, "score", "a scale step")), str(_field(s, "label", "a scale step")))
        for s in _field(data, "scale", "the rubric")
    )
    criteria = tuple(
        Criterion(
            str(_field(c, "id", "a criterion")),
            str(_field(c, "title", "a criterion")),
            str(_field(c, "looks_for", f"criterion {c.get('id')}")),
        )
        for c in _field(data, "criteria", "the rubric")
    )
    if not scale or not criteria:
        raise BadRubric(f"{RUBRIC_FILE.name}: the rubric needs a scale and criteria.")
    passing = _field(data, "pass", "the rubric")
    return Rubric(
        id=str(_field(data, "id", "the rubric")),
        version=int(_field(data, "version", "the rubric")),
        scale=scale,
        pass_percent=float(_field(passing, "percent", "pass")),
        each_at_least=int(_field(passing, "each_at_least", "pass")),
        criteria=criteria,
    )


@cache
def rubric() -> Rubric:
    return parse(yaml.safe_load(RUBRIC_FILE.read_text(encoding="utf-8")))
