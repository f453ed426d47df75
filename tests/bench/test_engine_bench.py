"""The engine benchmark runs end to end in its quick mode, names every target, reports its
progress in plain lines, and stays a package of small modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import repattern.bench.engine as engine_bench
from repattern.bench.engine import main
from repattern.cli import bench_names

TARGETS = (
    "With regions (10 random regions",
    "With regions: mean tests with no limit",
    "Without regions: success within 12 tests",
    "from_record counts of 40 blinded tests: accuracy when confident",
    "false-confident rate <= 8%",
    "Right model, no limit: false-confident rate <= 5%",
    "ECE <= 0.03 when 2% or 15% of compensators are unlisted",
    "next_test with 10 regions at N=200",
)
FIRST_TARGETS = (
    "Accuracy >= 0.95",
    "Expected calibration error",
    "Fano bound, no limit, single challenges",
    "Learned clinic priors",
    "next_test p99 < 1 ms",
)


def test_the_quick_benchmark_writes_markdown_json_and_a_plot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--quick", "--episodes", "100", "--out", str(tmp_path)]) == 0
    for name in ("engine.md", "engine.json", "engine.png"):
        assert (tmp_path / name).stat().st_size > 0
    markdown = (tmp_path / "engine.md").read_text()
    for target in (*TARGETS, *FIRST_TARGETS):
        assert target in markdown
    report = json.loads((tmp_path / "engine.json").read_text())
    assert len(report["targets"]) == len(TARGETS)
    assert len(report["first_targets"]) == len(FIRST_TARGETS)
    captured = capsys.readouterr()
    progress = captured.err.splitlines()
    assert progress and all(line.startswith("bench engine: ") for line in progress)
    assert progress[-1].split()[2].split("/")[0] == progress[-1].split()[2].split("/")[1]
    assert "\r" not in captured.err


def test_the_benchmark_is_still_run_by_name_and_its_helpers_are_not_benches() -> None:
    assert "engine" in bench_names()
    assert "simulate" not in bench_names()


def test_every_module_of_the_benchmark_is_short_and_free_of_progress_bars() -> None:
    folder = Path(engine_bench.__file__).parent
    for module in folder.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 400, module.name
        assert "tqdm" not in text, module.name
