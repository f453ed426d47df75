"""The engine benchmark runs end to end in its quick mode and names every target."""

from __future__ import annotations

import json
from pathlib import Path

from repattern.bench.engine import main

TARGETS = (
    "Success within 12 tests",
    "Accuracy >= 0.95",
    "Expected calibration error",
    "False-confident rate",
    "Fano bound",
    "Learned clinic priors",
    "next_test p99",
)


def test_the_quick_benchmark_writes_markdown_json_and_a_plot(tmp_path: Path) -> None:
    assert main(["--quick", "--episodes", "100", "--out", str(tmp_path)]) == 0
    for name in ("engine.md", "engine.json", "engine.png"):
        assert (tmp_path / name).stat().st_size > 0
    markdown = (tmp_path / "engine.md").read_text()
    for target in TARGETS:
        assert target in markdown
    report = json.loads((tmp_path / "engine.json").read_text())
    assert len(report["targets"]) == len(TARGETS)
