"""The session bench runs end to end on a tiny SQLite database and prints its figures.

It runs in a subprocess: the bench sets up Django for its own database, which must not meet the
set-up pytest-django has already done in this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_bench_prints_the_p95_line(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "repattern.bench.session", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "p95 event+ranking (HTTP):" in done.stdout
    assert "60 clients" in done.stdout
    assert list(tmp_path.iterdir()) == []
