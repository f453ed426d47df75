"""Each measure of a client over time as an SVG image (matplotlib, no JavaScript): the
points, the baseline, the band of change too small to matter (or the level that matters) and
the session dates. Shown as a data: image, so the page's no-inline-style policy holds."""

from __future__ import annotations

import base64
import io
from datetime import datetime

import matplotlib

matplotlib.use("Agg")
from django.utils import timezone
from matplotlib import dates as mdates
from matplotlib.figure import Figure

from repattern.outcomes.change import Series
from repattern.outcomes.models import Response

INK, BRAND, BAND, GOOD, GRID = "#1f2933", "#2f6f8f", "#f0b429", "#2f855a", "#b8c2cc"
matplotlib.rcParams["svg.hashsalt"] = "repattern"  # the same chart makes the same file


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def _x(moment: datetime) -> float:
    """Where a moment falls on the chart's time axis."""
    return float(mdates.date2num(_local(moment)))


def chart_svg(series: Series, session_dates: list[datetime]) -> str:
    rules = series.instrument.rules
    fig = Figure(figsize=(5.2, 3.0), dpi=96)
    ax = fig.add_subplot()
    xs = [_x(p.authored) for p in series.points]
    for i, when in enumerate(session_dates):
        ax.axvline(_x(when), color=GRID, lw=0.8, zorder=0, label="Sessions" if i == 0 else None)
    verdict = series.verdict
    if verdict is not None:
        base = verdict.baseline
        if verdict.needed:
            if rules.better == "none":
                low, high = base - verdict.needed, base + verdict.needed
            elif rules.better == "lower":
                low, high = base - verdict.needed, base
            else:
                low, high = base, base + verdict.needed
            ax.axhspan(low, high, color=BAND, alpha=0.18, lw=0, label="Change too small to matter")
        if verdict.level is not None:
            ax.axhline(verdict.level, color=GOOD, lw=1.2, ls=":", label="Important improvement")
        if verdict.level is None:  # a rating of change is read as it is, not from a baseline
            ax.axhline(base, color=INK, lw=1, ls="--", label="Baseline")
    # The line joins the points the change is judged on; pain just after a session stands apart.
    judged = [(x, p.score) for x, p in zip(xs, series.points, strict=True) if p.phase != "after"]
    after = [(x, p.score) for x, p in zip(xs, series.points, strict=True) if p.phase == "after"]
    if judged:
        ax.plot(
            *zip(*judged, strict=True), color=BRAND, lw=1.6, marker="o", ms=5, label=series.label
        )
    if after:
        ax.plot(
            *zip(*after, strict=True),
            ls="none",
            marker="o",
            ms=6,
            mfc="white",
            mec=BRAND,
            label="Just after a session",
        )
    if rules.kind == "questionnaire":
        low_end, high_end = rules.score_range()
        pad = (high_end - low_end) * 0.05
        ax.set_ylim(low_end - pad, high_end + pad)
    ax.set_ylabel(rules.unit if rules.unit != "points" else rules.short, fontsize=10)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=6))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    if len(set(xs)) < 2 and xs:
        ax.set_xlim(xs[0] - 1, xs[0] + 1)
    ax.tick_params(labelsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize=9, frameon=False)
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def describe(series: Series) -> str:
    """The chart in words, for its alt text."""
    points = ", ".join(
        f"{p.score:g} on {_local(p.authored):%d %b}"
        + (" just after a session" if p.phase == Response.Phase.AFTER else "")
        for p in series.points[:12]
    )
    more = f" and {len(series.points) - 12} more" if len(series.points) > 12 else ""
    v = series.verdict
    if v is None:
        return f"{series.label}: {points}{more}."
    judged = (
        "an important change"
        if v.important
        else "no threshold claimed"
        if v.important is None
        else "not yet an important change"
    )
    if v.level is not None:
        latest = f"Latest rating {v.latest:+g}"
        return f"{series.label}: {points}{more}. {latest}: {judged} ({v.threshold})."
    return (
        f"{series.label}: {points}{more}. Baseline {v.baseline:g}, latest {v.latest:g}, "
        f"change {v.change:+g}: {judged} ({v.threshold})."
    )
