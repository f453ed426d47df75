"""Answers read and checked against their questionnaire, scored by the rules, and the change
from a baseline judged by the instrument's threshold. Pure functions: the tests work each
rule by hand."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from repattern.outcomes.instruments.catalogue import Instrument
from repattern.outcomes.instruments.schema import Item, Rules

Answer = int | float | str | bool | None
TEXT_LIMIT = 200
# A threshold reached to the last rounding error is reached: 30% of 10 is 3, not 3.0000000004.
EPSILON = 1e-9


def _number(item: Item, raw: str) -> tuple[Answer, str]:
    text = raw.replace(",", ".") if item.type != "integer" else raw
    try:
        value: float = int(text) if item.type == "integer" else float(text)
    except ValueError:
        kind = "a whole number" if item.type == "integer" else "a number"
        return None, f"Give {kind}."
    if not math.isfinite(value):
        return None, "Give a number."
    low, high = item.bounds()
    if (low is not None and value < low) or (high is not None and value > high):
        return None, f"Give a number from {_g(low)} to {_g(high)}."
    return value, ""


def _g(value: float | None) -> str:
    return "any" if value is None else f"{value:g}"


def _one(item: Item, raw: str) -> tuple[Answer, str]:
    if item.type in ("integer", "decimal", "quantity"):
        return _number(item, raw)
    if item.type == "choice":
        for option in item.answerOption:
            code = option.code()
            if raw == code:
                number = option.number()
                return (number if number is not None else code), ""
        return None, "Choose one of the answers given."
    if item.type == "boolean":
        if raw.lower() in ("true", "yes", "on", "1"):
            return True, ""
        if raw.lower() in ("false", "no", "off", "0"):
            return False, ""
        return None, "Answer yes or no."
    limit = item.maxLength or TEXT_LIMIT
    if len(raw) > limit:
        return None, f"Keep it to {limit} characters."
    return raw, ""


def read_answers(
    instrument: Instrument, raw: Mapping[str, str]
) -> tuple[dict[str, Answer], dict[str, str]]:
    """The answers by linkId, and the problems by linkId; an empty answer is None."""
    answers: dict[str, Answer] = {}
    problems: dict[str, str] = {}
    for item in instrument.items():
        text = str(raw.get(item.linkId, "") or "").strip()
        if not text:
            answers[item.linkId] = None
            if item.required:
                problems[item.linkId] = "Answer this question."
            continue
        value, message = _one(item, text)
        answers[item.linkId] = value
        if message:
            problems[item.linkId] = message
    if not problems and score(instrument.rules, answers) is None:
        needed = instrument.rules.score.min_answered or len(instrument.rules.score.items)
        problems[instrument.rules.score.items[0]] = f"Answer at least {needed} of the rated items."
    return answers, problems


def score(rules: Rules, answers: Mapping[str, Answer]) -> float | None:
    """The score, or None when too few scored items are answered."""
    s = rules.score
    values: list[float] = []
    for link_id in s.items:
        value = answers.get(link_id)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        v = float(value)
        values.append(s.item_min + s.item_max - v if link_id in s.reverse else v)
    needed = s.min_answered or len(s.items)
    if len(values) < needed:
        return None
    if s.method in ("item", "sum"):
        return sum(values)
    if s.method == "mean":
        return sum(values) / len(values)
    span = len(values) * (s.item_max - s.item_min)
    return sum(v - s.item_min for v in values) / span * 100


@dataclass(frozen=True)
class Verdict:
    """Baseline, latest and change of one measure, judged by the instrument's threshold.

    `important` is None when no threshold is claimed; `needed` is the change that would be
    important from this baseline (for the chart's band); `level` the score a rating of change
    must reach."""

    baseline: float
    latest: float
    change: float
    improvement: float
    important: bool | None
    needed: float | None
    level: float | None
    threshold: str


def threshold_words(rules: Rules, mdc: float | None = None) -> str:
    c = rules.change
    unit = f" {rules.unit}" if rules.unit and rules.unit != "points" else " points"
    if c is None:
        return "no threshold claimed"
    if c.level is not None:
        return f"{c.level:+g} or more"
    if c.mdc:
        if mdc is None:
            return "none claimed (too few repeated measurements to know the measuring error)"
        return f"{mdc:.3g}{unit} (the clinic's minimal detectable change)"
    parts = []
    if c.points is not None:
        parts.append(f"{c.points:g}{unit}")
    if c.percent is not None:
        parts.append(f"{c.percent:g}%")
    return " or ".join(parts)


def judge(rules: Rules, baseline: float, latest: float, mdc: float | None = None) -> Verdict:
    change = latest - baseline
    improvement = -change if rules.better == "lower" else change
    if rules.better == "none":
        improvement = abs(change)
    c = rules.change
    important: bool | None = None
    needed: float | None = None
    level: float | None = None
    if c is not None and c.level is not None:
        level = c.level
        important = latest + EPSILON >= c.level
    elif c is not None and c.mdc:
        needed = mdc
        important = None if mdc is None else improvement + EPSILON >= mdc
    elif c is not None:
        options = []
        if c.points is not None:
            options.append(c.points)
        if c.percent is not None and baseline != 0:
            options.append(abs(baseline) * c.percent / 100)
        if options:
            needed = min(options)
            important = improvement + EPSILON >= needed
    return Verdict(
        baseline=baseline,
        latest=latest,
        change=change,
        improvement=improvement,
        important=important,
        needed=needed,
        level=level,
        threshold=threshold_words(rules, mdc),
    )
