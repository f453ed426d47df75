"""The load bench starts the real server on a tiny SQLite clinic, plays practitioners against
it over HTTP, prints its figures and finds every acknowledged event stored exactly once.

It runs in a subprocess: the bench sets up Django for its own database, which must not meet the
set-up pytest-django has already done in this process. It never asserts on times.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_quick_bench(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "repattern.bench.load", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_the_quick_load_bench_reports_every_figure_and_loses_no_event(tmp_path: Path) -> None:
    done = run_quick_bench(tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for start in ("machine ", "database      SQLite", "server ", "throughput ", "errors "):
        assert re.search(rf"^{start}", out, re.MULTILINE), out
    assert "3 sync workers" in out
    assert "load average" in out
    for kind in ("sign-in", "start session", "screen", "event"):
        assert re.search(rf"^{kind} +\d+ ", out, re.MULTILINE), out
    events = re.search(r"^events +(\d+) acknowledged, \d+ stored: 0 lost, 0 duplicated", out, re.M)
    assert events, out
    assert int(events.group(1)) > 0, out
    replays = re.search(r"^replays .*: (\d+) of (\d+) stored exactly once", out, re.MULTILINE)
    assert replays and replays.group(1) == replays.group(2), out
    assert list(tmp_path.iterdir()) == [], "the bench left files behind"
