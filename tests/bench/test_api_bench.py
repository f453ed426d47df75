"""The API bench runs end to end on a tiny SQLite database and prints its figures (in a
subprocess: the bench sets up Django for its own database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_api_bench_prints_the_list_and_bundle_lines(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "repattern.bench.api", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "300 clients" in done.stdout
    assert "list all (1000 a page)" in done.stdout
    assert "FHIR bundle, 3 sessions" in done.stdout
    assert list(tmp_path.iterdir()) == []
