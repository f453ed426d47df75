"""Agreement statistics for the clinic's tests: pure functions of numbers, no database.

Two kinds of repeated test:

- a muscle test done twice, blinded, with a result of holds or weak: percent agreement, Cohen's
  kappa (statsmodels) with its asymptotic 95% interval, and the prevalence- and bias-adjusted
  kappa, PABAK = 2 po - 1, whose interval follows from the Wilson interval of po;
- a force in newtons measured on the same subjects more than once: the intraclass correlation
  from a two-way analysis of variance (Shrout and Fleiss 1979, forms (2,1) and (3,1), with the
  McGraw and Wong 1996 intervals), the standard error of measurement sqrt(mean square error),
  the minimal detectable change MDC95 = 1.96 sqrt(2) SEM, and the Bland-Altman limits of
  agreement with their approximate intervals (Bland and Altman 1999).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

# scipy and statsmodels are imported where they are used: loading them takes seconds, and a
# server process should not pay that before its first page.

__all__ = [
    "Interval",
    "Kappa",
    "Limits",
    "Repeatability",
    "bland_altman",
    "icc",
    "kappa_of_pairs",
    "repeatability",
]

LEVEL = 0.95
Z = NormalDist().inv_cdf(0.5 + LEVEL / 2)


@dataclass(frozen=True)
class Interval:
    """An estimate and its 95% interval; `low` and `high` are None where none can be given."""

    estimate: float
    low: float | None = None
    high: float | None = None

    @property
    def defined(self) -> bool:
        """False for a statistic that is 0/0 here, such as kappa when every result is the same."""
        return not math.isnan(self.estimate)

    def __str__(self) -> str:
        if not self.defined:
            return "not defined"
        if self.low is None or self.high is None:
            return f"{self.estimate:.2f}"
        return f"{self.estimate:.2f} (95% CI {self.low:.2f} to {self.high:.2f})"


@dataclass(frozen=True)
class Kappa:
    """Agreement between two binary results on the same pairs."""

    pairs: int
    agreement: Interval  # proportion of pairs that agree
    kappa: Interval
    pabak: Interval


@dataclass(frozen=True)
class Limits:
    """Bland-Altman: the mean difference (bias) and the limits within which 95% fall."""

    pairs: int
    bias: Interval
    lower: Interval
    upper: Interval


@dataclass(frozen=True)
class Repeatability:
    """Intraclass correlation and what it means in newtons for a table of measurements."""

    subjects: int
    raters: int
    icc: Interval
    sem: float  # newtons
    mdc95: float  # newtons
    limits: Limits


def kappa_of_pairs(pairs: list[tuple[bool, bool]]) -> Kappa:
    """Agreement between the first and second result of each pair (True for holds)."""
    from statsmodels.stats.proportion import proportion_confint

    if not pairs:
        raise ValueError("Kappa needs at least one pair.")
    table = np.zeros((2, 2))
    for first, second in pairs:
        table[int(bool(first)), int(bool(second))] += 1
    n = len(pairs)
    agree = int(table[0, 0] + table[1, 1])
    low, high = proportion_confint(agree, n, alpha=1 - LEVEL, method="wilson")
    po = agree / n
    agreement = Interval(po, float(low), float(high))
    pabak = Interval(2 * po - 1, 2 * float(low) - 1, 2 * float(high) - 1)
    return Kappa(n, agreement, _kappa(table, po), pabak)


def _kappa(table: np.ndarray, po: float) -> Interval:
    from statsmodels.stats.inter_rater import cohens_kappa

    n = table.sum()
    pe = float((table.sum(axis=0) * table.sum(axis=1)).sum() / n**2)
    if math.isclose(pe, 1.0):
        # Every result was the same: kappa is undefined (0/0); agreement and PABAK still speak.
        return Interval(float("nan"))
    with np.errstate(invalid="ignore", divide="ignore"):
        result = cohens_kappa(table)
    value = float(result.kappa)
    std = float(result.std_kappa)
    if not math.isfinite(std):
        return Interval(value)
    low = max(-1.0, value - Z * std)
    high = min(1.0, value + Z * std)
    return Interval(value, low, high)


@dataclass(frozen=True)
class _Anova:
    n: int
    k: int
    rows: float  # mean square between subjects
    columns: float  # mean square between raters
    error: float  # residual mean square


def _anova(table: np.ndarray) -> _Anova:
    data = np.asarray(table, dtype=float)
    if data.ndim != 2 or data.shape[0] < 2 or data.shape[1] < 2:
        raise ValueError("An ICC needs at least two subjects, each measured at least twice.")
    if not np.isfinite(data).all():
        raise ValueError("Every subject needs a measurement from every rater.")
    n, k = data.shape
    grand = data.mean()
    ss_rows = k * ((data.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((data.mean(axis=0) - grand) ** 2).sum()
    # The residuals themselves, not total less the rest: exact zero when raters agree exactly.
    residuals = data - data.mean(axis=1, keepdims=True) - data.mean(axis=0, keepdims=True) + grand
    ss_error = (residuals**2).sum()
    return _Anova(
        n,
        k,
        ss_rows / (n - 1),
        ss_cols / (k - 1),
        max(0.0, ss_error) / ((n - 1) * (k - 1)),
    )


def icc(table: np.ndarray | list[list[float]], form: str) -> Interval:
    """ICC of an n subjects x k raters table: `form` is "2,1" (raters a random sample, absolute
    agreement) or "3,1" (these raters only, consistency), with the 95% interval."""
    a = _anova(np.asarray(table, dtype=float))
    if form == "3,1":
        return _icc3(a)
    if form == "2,1":
        return _icc2(a)
    raise ValueError(f"ICC form {form!r} is not one of 2,1 or 3,1.")


def _icc3(a: _Anova) -> Interval:
    from scipy import stats

    n, k = a.n, a.k
    if a.error == 0:
        return Interval(1.0, 1.0, 1.0) if a.rows > 0 else Interval(float("nan"))
    value = (a.rows - a.error) / (a.rows + (k - 1) * a.error)
    f_obs = a.rows / a.error
    df1, df2 = n - 1, (n - 1) * (k - 1)
    f_low = f_obs / stats.f.ppf(0.5 + LEVEL / 2, df1, df2)
    f_high = f_obs * stats.f.ppf(0.5 + LEVEL / 2, df2, df1)
    low, high = (f_low - 1) / (f_low + k - 1), (f_high - 1) / (f_high + k - 1)
    return Interval(float(value), float(low), float(high))


def _icc2(a: _Anova) -> Interval:
    from scipy import stats

    n, k = a.n, a.k
    denominator = a.rows + (k - 1) * a.error + k * (a.columns - a.error) / n
    if denominator == 0:
        return Interval(float("nan"))
    value = (a.rows - a.error) / denominator
    if a.error == 0 and a.columns == 0:
        return Interval(value, value, value)
    # McGraw and Wong (1996), case 2A: Satterthwaite's degrees of freedom for the denominator.
    fj = a.columns / a.error if a.error > 0 else math.inf
    vn = (k - 1) * (n - 1) * (k * value * fj + n * (1 + (k - 1) * value) - k * value) ** 2
    vd = (n - 1) * k**2 * value**2 * fj**2 + (n * (1 + (k - 1) * value) - k * value) ** 2
    v = vn / vd if vd > 0 and math.isfinite(vn) else (n - 1) * (k - 1)
    f_up = stats.f.ppf(0.5 + LEVEL / 2, n - 1, v)
    f_down = stats.f.ppf(0.5 + LEVEL / 2, v, n - 1)
    low = (n * (a.rows - f_up * a.error)) / (
        f_up * (k * a.columns + (k * n - k - n) * a.error) + n * a.rows
    )
    high = (n * (f_down * a.rows - a.error)) / (
        k * a.columns + (k * n - k - n) * a.error + n * f_down * a.rows
    )
    if not (math.isfinite(low) and math.isfinite(high)):
        return Interval(float(value))
    return Interval(float(value), float(low), float(high))


def bland_altman(first: list[float], second: list[float]) -> Limits:
    """Limits of agreement of `second - first`, with approximate 95% intervals."""
    from scipy import stats

    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if a.shape != b.shape or a.size < 2:
        raise ValueError("Limits of agreement need two or more pairs of measurements.")
    diff = b - a
    n = diff.size
    bias = float(diff.mean())
    sd = float(diff.std(ddof=1))
    t = float(stats.t.ppf(0.5 + LEVEL / 2, n - 1))
    se_bias = sd / math.sqrt(n)
    se_limit = math.sqrt(3 * sd**2 / n)
    lower, upper = bias - Z * sd, bias + Z * sd
    return Limits(
        n,
        Interval(bias, bias - t * se_bias, bias + t * se_bias),
        Interval(lower, lower - t * se_limit, lower + t * se_limit),
        Interval(upper, upper - t * se_limit, upper + t * se_limit),
    )


def repeatability(table: np.ndarray | list[list[float]], form: str) -> Repeatability:
    """ICC, SEM, MDC95 and Bland-Altman limits (of the second column against the first)."""
    data = np.asarray(table, dtype=float)
    a = _anova(data)
    sem = math.sqrt(a.error)
    return Repeatability(
        subjects=a.n,
        raters=a.k,
        icc=icc(data, form),
        sem=sem,
        mdc95=Z * math.sqrt(2) * sem,
        limits=bland_altman(list(data[:, 0]), list(data[:, 1])),
    )
