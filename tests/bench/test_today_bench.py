"""The Today bench runs end to end on a tiny SQLite database and prints a line per page (in a
subprocess: the bench sets up Django for its own database), leaving nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_today_bench_prints_the_day_and_the_portal(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "repattern.cli", "bench", "today", "--quick", "--samples", "5"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "portal home" in done.stdout
    assert list(tmp_path.iterdir()) == []
