"""Numbers in the words the engine gives a practitioner.

A probability is shown as a whole percentage, with as many decimals as it takes never to land
on the other side of the stop threshold: 0.948 reads "94.8%" against a threshold of 0.95,
never "95%", so a reason cannot contradict the stop rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from repattern.engine.none_of_these import NONE_OF_THESE

# Probabilities this close are a tie: the engine has no reason to prefer one.
TIE = 1e-9


def percent(p: float, threshold: float) -> str:
    """p as a whole percentage, with decimals only where rounding would cross `threshold`."""
    if 0.0 < p < 0.01:
        return "under 1%"
    if 0.995 <= p < 1.0 and threshold <= 0.99:
        return "over 99%"
    for digits in range(4):
        shown = round(p * 100.0, digits)
        if (shown / 100.0 >= threshold) == (p >= threshold):
            return f"{shown:.{digits}f}%"
    # Closer to the threshold than a thousandth of a point: round away from it.
    scale = 1000.0
    edge = math.ceil if p >= threshold else math.floor
    return f"{edge(p * 100.0 * scale) / scale:.3f}%"


def hypothesis(name: str) -> str:
    """A hypothesis by name, "none of these" in words."""
    return "'none of these'" if name == NONE_OF_THESE else name


def listing(names: Sequence[str]) -> str:
    """a; a and b; a, b and c."""
    names = [hypothesis(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def tests(n: int) -> str:
    return f"{n} test{'s' if n != 1 else ''}"


def tied_with(ranked: Sequence[tuple[str, float]], name: str) -> list[str]:
    """The other hypotheses held at the same probability as `name` in a ranked list."""
    mine = dict(ranked)[name]
    return [other for other, p in ranked if other != name and abs(p - mine) <= TIE]
