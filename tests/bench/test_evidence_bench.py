"""The evidence bench runs end to end on a tiny SQLite database and prints its figures (in a
subprocess, as the session bench's test explains)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_evidence_bench_times_both_readers(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "repattern.cli", "bench", "evidence", "--quick", "--samples", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "60 episodes" in done.stdout
    lines = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    assert {"owner", "practitioner"} <= lines
    assert list(tmp_path.iterdir()) == []
