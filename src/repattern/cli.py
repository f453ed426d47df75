"""The `repattern` console command.

`check-data` and `bench` need no database, so they run without Django; every other word is a
Django management command (demo, serve, createclinic, migrate, ...).
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


def run_bench(argv: list[str]) -> int:
    names = sorted(p.stem for p in BENCH_DIR.glob("*.py") if not p.stem.startswith("_"))
    if not argv or argv[0] not in names:
        print(f"usage: repattern bench {{{','.join(names)}}} [options]", file=sys.stderr)
        return 2
    module = runpy.run_path(str(BENCH_DIR / f"{argv[0]}.py"), run_name="repattern_bench")
    return int(module["main"](argv[1:]) or 0)


def run_check_data(argv: list[str]) -> int:
    from repattern.engine.atlas import check_data

    data_dir = Path(argv[0]) if argv else None
    report = check_data(data_dir)
    print(report.format())
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "check-data":
        return run_check_data(argv[1:])
    if argv and argv[0] == "bench":
        return run_bench(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repattern.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["repattern", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
