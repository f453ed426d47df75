"""The research export bench runs end to end on a tiny SQLite database and prints the time and
the bytes (in a subprocess: the bench sets up Django for its own database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_research_bench_prints_its_time_and_size(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "repattern.bench.research", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "s for 300 clients (k = 5)" in done.stdout
    assert "bytes in all" in done.stdout
    assert "clients.parquet" in done.stdout and "data_dictionary.md" in done.stdout
    assert list(tmp_path.iterdir()) == []
