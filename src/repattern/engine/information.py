"""What one challenge tells, in bits: the binary entropy and the information of a yes/no test.

DOMAIN.md section 3: I(p) = h(f + p(s - f)) - p h(s) - (1 - p) h(f), whose largest value over p
is the capacity C of the challenge. Reasons never quote bits; the policies weigh them.
"""

from __future__ import annotations

import numpy as np


def binary_entropy(p: np.ndarray | float) -> np.ndarray:
    """h(p) in bits, with h(0) = h(1) = 0."""
    q = np.clip(np.asarray(p, dtype=float), 1e-300, 1.0 - 1e-16)
    return np.asarray(-(q * np.log2(q) + (1.0 - q) * np.log2(1.0 - q)))


def information(p: np.ndarray | float, s: np.ndarray | float, f: np.ndarray | float) -> np.ndarray:
    """Expected bits one challenge gives about whether the compensator is in what it covers.

    I(p) = h(f + p(s - f)) - p h(s) - (1 - p) h(f), p the probability held by the challenged
    candidate (or the region's members together). The result depends on the hypothesis only
    through "is it one of these?", so this is also the expected drop in the whole belief's
    entropy.
    """
    p = np.asarray(p, dtype=float)
    return np.asarray(
        binary_entropy(f + p * (s - f)) - p * binary_entropy(s) - (1.0 - p) * binary_entropy(f)
    )
