"""The Bland-Altman plot of repeated force readings, drawn as SVG for the report page."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from repattern.readings.agreement import Limits


def bland_altman_svg(first: list[float], second: list[float], limits: Limits) -> str:
    """A data: address of the SVG: the difference of each pair against its mean, with the
    bias and the 95% limits of agreement as lines."""
    a, b = np.asarray(first), np.asarray(second)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    try:
        ax.scatter((a + b) / 2, b - a, s=14, color="#2f5d8a")
        for value, style, name in (
            (limits.bias.estimate, "-", "bias"),
            (limits.lower.estimate, "--", "lower limit"),
            (limits.upper.estimate, "--", "upper limit"),
        ):
            ax.axhline(value, linestyle=style, color="#444", linewidth=1)
            ax.annotate(
                f"{name} {value:.1f} N",
                (1, value),
                xycoords=("axes fraction", "data"),
                ha="right",
                va="bottom",
                fontsize=8,
            )
        ax.set(xlabel="Mean of the two trials (N)", ylabel="Second minus first (N)")
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg")
    finally:
        plt.close(fig)
    encoded = base64.b64encode(out.getvalue().encode()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
