"""The dashboard's chart as an SVG (matplotlib): for each measure, the share of responders with
its 95% interval, and the share of episodes with a discharge measurement beside it."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure

from repattern.evidence.dashboard import Row
from repattern.outcomes.charts import BRAND, GRID, INK


def responders_svg(rows: list[Row]) -> str:
    """Rows should be one per measure (all conditions)."""
    fig = Figure(figsize=(6.0, 0.5 + 0.45 * max(len(rows), 1)), dpi=96)
    ax = fig.add_subplot()
    for y, row in enumerate(reversed(rows)):
        f = row.figures
        ax.plot(
            [f.completion * 100],
            [y],
            ls="none",
            marker="s",
            ms=6,
            mfc="white",
            mec=INK,
            label="With a discharge measure" if y == 0 else None,
        )
        share, interval = f.responder_share, f.responder_interval
        if share is None:
            continue
        if interval is not None:
            ax.plot([interval[0] * 100, interval[1] * 100], [y, y], color=BRAND, lw=2)
        ax.plot(
            [share * 100],
            [y],
            ls="none",
            marker="o",
            ms=7,
            color=BRAND,
            label="Responders (95% interval)" if y == 0 else None,
        )
    ax.set_yticks(range(len(rows)), [r.measure for r in reversed(rows)], fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of episodes", fontsize=10)
    ax.grid(axis="x", color=GRID, lw=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=2, fontsize=9, frameon=False)
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()
