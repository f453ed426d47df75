"""The statistics the engine benchmark reports: paired bootstrap intervals, calibration, and
the Fano bound on mean tests."""

from __future__ import annotations

import math

import numpy as np

from repattern.bench.engine.episodes import Episodes
from repattern.engine.inference import binary_entropy


class Bootstrap:
    """Paired bootstrap over episodes: one set of resampling weights shared by every policy."""

    def __init__(self, n: int, replicates: int, rng: np.random.Generator) -> None:
        self.n = n
        self.w = rng.multinomial(n, np.full(n, 1.0 / n), size=replicates).astype(np.float32)

    def interval(self, point: float, reps: np.ndarray) -> list[float]:
        lo, hi = (
            np.nanpercentile(reps, [2.5, 97.5]) if np.isfinite(reps).any() else (np.nan, np.nan)
        )
        return [rounded(point), rounded(float(lo)), rounded(float(hi))]

    def mean(self, x: np.ndarray) -> list[float]:
        x = x.astype(np.float64)
        return self.interval(float(x.mean()), self.w @ x / self.n)

    def share(self, hits: np.ndarray, of: np.ndarray) -> list[float]:
        """hits/of among episodes where `of` holds (both boolean)."""
        num, den = self.w @ (hits & of).astype(float), self.w @ of.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            reps = num / den
        point = float((hits & of).sum() / of.sum()) if of.any() else float("nan")
        return self.interval(point, reps)

    def ratio(self, x: np.ndarray, y: np.ndarray) -> list[float]:
        with np.errstate(invalid="ignore", divide="ignore"):
            reps = (self.w @ x.astype(float)) / (self.w @ y.astype(float))
        return self.interval(float(x.mean() / y.mean()), reps)

    def quantile(self, x: np.ndarray, q: float) -> list[float]:
        order = np.argsort(x, kind="stable")
        ordered = x[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        counts = np.add.reduceat(self.w[:, order], starts, axis=1)
        reps = ordered[starts][np.argmax(np.cumsum(counts, axis=1) >= q * self.n, axis=1)]
        return self.interval(float(np.quantile(x, q, method="inverted_cdf")), reps)

    def ece(self, confidence: np.ndarray, correct: np.ndarray) -> list[float]:
        gap, bins = _calibration_gaps(confidence, correct)
        onehot = np.zeros((len(gap), 10))
        onehot[np.arange(len(gap)), bins] = gap
        reps = np.abs(self.w @ onehot).sum(axis=1) / self.n
        return self.interval(float(np.abs(onehot.sum(axis=0)).sum() / len(gap)), reps)


def _calibration_gaps(confidence: np.ndarray, correct: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    bins = np.minimum((confidence * 10).astype(int), 9)
    return confidence - correct, bins


def rounded(x: float) -> float:
    return round(x, 4) if math.isfinite(x) else float("nan")


def fano_bound(entropy: float, error: float, hypotheses: int, capacity: float) -> float:
    """(H - h(d) - d log2(M - 1)) / C: no policy can average fewer tests at error rate d."""
    d = min(max(error, 0.0), 1.0)
    spread = d * math.log2(hypotheses - 1) if hypotheses > 2 else 0.0
    return max(0.0, (entropy - float(binary_entropy(d)) - spread) / capacity)


def summarize(ep: Episodes, boot: Bootstrap) -> dict[str, list[float]]:
    """Every figure of one run, each as [point, low, high]."""
    out = {
        "mean_tests": boot.mean(ep.tests),
        "p95_tests": boot.quantile(ep.tests, 0.95),
        "accuracy": boot.mean(ep.correct),
        "success_in_window": boot.mean(ep.success_in_window),
        "confident_share": boot.mean(ep.confident),
        "accuracy_when_confident": boot.share(ep.correct, ep.confident),
        "false_confident": boot.share(ep.false_confident, ep.truth == ep.n),
        "leader_right": boot.mean(ep.leader_right),
        "leader_right_listed": boot.share(ep.leader_right, ep.listed),
        "regions_used": boot.mean(ep.regions_used),
    }
    if np.isfinite(ep.brier).all():
        out["brier"] = boot.mean(ep.brier)
        out["ece"] = boot.ece(ep.confidence, ep.correct.astype(float))
    return out
