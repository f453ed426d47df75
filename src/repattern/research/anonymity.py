"""k-anonymity on the quasi-identifiers, by generalizing each client up a ladder of levels.

Plain Python, no Django: a client is (age, sex, region, condition); a level says how coarsely
each is written. Clients whose combination is shared by fewer than k are lifted a level, one
level at a time; those still alone at the last level are suppressed (left out altogether).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

ANY = "*"
OLDEST_BAND = 90  # ages from 90 are one band, "90+", at every level

# Conditions in groups a reader can still use, from vocabulary.CONDITIONS.
CONDITION_GROUPS: dict[str, str] = {
    "low_back_pain": "spine",
    "neck_pain": "spine",
    "whiplash": "spine",
    "jaw_tmj_pain": "head_and_jaw",
    "headache_migraine": "head_and_jaw",
    "sinus_pressure": "head_and_jaw",
    "carpal_tunnel": "upper_limb",
    "tennis_elbow": "upper_limb",
    "golfers_elbow": "upper_limb",
    "frozen_shoulder": "upper_limb",
    "rotator_cuff_pain": "upper_limb",
    "wrist_strain": "upper_limb",
    "shoulder_strain": "upper_limb",
    "elbow_strain": "upper_limb",
    "hip_bursitis": "lower_limb",
    "plantar_fasciitis": "lower_limb",
    "it_band_syndrome": "lower_limb",
    "knee_strain": "lower_limb",
    "ankle_strain": "lower_limb",
    "stroke": "neurological",
    "brain_injury": "neurological",
    "spinal_cord_injury": "neurological",
    "parkinsons": "neurological",
    "fibromyalgia": "whole_body",
    "tendonitis": "whole_body",
    "muscle_spasm_cramp": "whole_body",
    "stress": "whole_body",
}
NO_CONDITION = "none"


@dataclass(frozen=True)
class Level:
    """How coarsely each quasi-identifier is written at one rung of the ladder."""

    age_years: int  # band width; 0 means the age is not given
    sex: bool
    region: bool
    condition: str  # "condition", "group" or "" (not given)


LADDER: tuple[Level, ...] = (
    Level(5, True, True, "condition"),
    Level(10, True, True, "condition"),
    Level(10, True, True, "group"),
    Level(0, True, True, "group"),
    Level(0, True, True, ""),
    Level(0, False, True, ""),
    Level(0, False, False, ""),
)


@dataclass(frozen=True)
class Person:
    age: int
    sex: str
    region: str
    condition: str  # a condition id, or "none"


Combination = tuple[str, str, str, str]


def age_band(age: int, width: int) -> str:
    if width == 0:
        return ANY
    if age >= OLDEST_BAND:
        return f"{OLDEST_BAND}+"
    low = max(0, age) // width * width
    return f"{low}-{low + width - 1}"


def condition_words(condition: str, how: str) -> str:
    if how == "condition" or condition == NO_CONDITION:
        return condition if how else ANY
    if how == "group":
        return "group:" + CONDITION_GROUPS.get(condition, "other")
    return ANY


def written(person: Person, level: Level) -> Combination:
    return (
        age_band(person.age, level.age_years),
        person.sex if level.sex else ANY,
        person.region if level.region else ANY,
        condition_words(person.condition, level.condition),
    )


@dataclass(frozen=True)
class Anonymized:
    """Each person's combination as exported, or None when suppressed; and the counts."""

    combinations: list[Combination | None]
    generalized: int
    suppressed: int


def anonymize(people: Sequence[Person], k: int) -> Anonymized:
    """Every combination in the result is shared by at least k of the kept people."""
    if k < 1:
        raise ValueError("k must be at least 1.")
    result: list[Combination | None] = [None] * len(people)
    waiting = list(range(len(people)))
    for level in LADDER:
        combos = {i: written(people[i], level) for i in waiting}
        sizes = Counter(combos.values())
        lifted = []
        for i in waiting:
            if sizes[combos[i]] >= k:
                result[i] = combos[i]
            else:
                lifted.append(i)
        waiting = lifted
        if not waiting:
            break
    suppressed = len(waiting)
    generalized = sum(
        1
        for person, combo in zip(people, result, strict=True)
        if combo is not None and combo != written(person, LADDER[0])
    )
    return Anonymized(result, generalized, suppressed)
