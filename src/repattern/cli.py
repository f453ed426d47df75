"""The `repattern` console command.

`check-data` and `bench` need no database, so they run without Django; every other word is a
Django management command (demo, serve, createclinic, migrate, ...).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.util
import os
import pkgutil
import sys
from pathlib import Path

import repattern.bench

HELP_WORDS = {"help", "--help", "-h"}
OWN_COMMANDS = (
    ("check-data", "Check the atlas data files and count what they hold; needs no database"),
    ("bench", "Run a benchmark of the atlas, the engine or the session screen"),
)


def own_commands_help() -> str:
    lines = ["Repattern commands:"]
    lines += [f"    {name:12} {summary}" for name, summary in OWN_COMMANDS]
    lines.append("    Type 'repattern <command> --help' for its options.")
    return "\n".join(lines) + "\n"


# Modules of repattern.bench that are helpers of the benches, not benches themselves.
# Modules of the bench package that serve the benches and are not one themselves.
BENCH_HELPERS = frozenset({"own_database"})


def bench_names() -> list[str]:
    found = pkgutil.iter_modules(repattern.bench.__path__)
    return sorted(
        m.name for m in found if not m.name.startswith("_") and m.name not in BENCH_HELPERS
    )


def bench_summary(name: str) -> str:
    """The first line of the bench's docstring, read without running it."""
    spec = importlib.util.find_spec(f"repattern.bench.{name}")
    if spec is None or spec.origin is None:
        return ""
    source = Path(spec.origin).read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(source)) or ""
    return docstring.splitlines()[0] if docstring else ""


def bench_help() -> str:
    lines = ["usage: repattern bench <name> [options]", "", "Benches:"]
    lines += [f"    {name:10} {bench_summary(name)}" for name in bench_names()]
    lines.append("")
    lines.append("Type 'repattern bench <name> --help' for a bench's options.")
    return "\n".join(lines)


def run_bench(argv: list[str]) -> int:
    names = bench_names()
    if argv and argv[0] in HELP_WORDS:
        print(bench_help())
        return 0
    if not argv or argv[0] not in names:
        print(bench_help(), file=sys.stderr)
        return 2
    module = importlib.import_module(f"repattern.bench.{argv[0]}")
    return int(module.main(argv[1:]) or 0)


def run_check_data(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="repattern check-data",
        description="Check every atlas data file and count what they hold. "
        "Exits with 1 if any file has a problem.",
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, help="a folder of data files (default: the shipped data)"
    )
    options = parser.parse_args(argv)
    from repattern.engine.atlas import check_data
    from repattern.outcomes.instruments import check_instruments

    report = check_data(options.folder)
    instruments = check_instruments(options.folder)
    print(report.format())
    print(instruments.format())
    return 0 if report.ok and instruments.ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "check-data":
        return run_check_data(argv[1:])
    if argv and argv[0] == "bench":
        return run_bench(argv[1:])
    if argv[:1] == ["help"] and argv[1:2] and argv[1] in dict(OWN_COMMANDS):
        return main([argv[1], "--help"])
    if not argv or (argv[0] in HELP_WORDS and len(argv) == 1):
        print(own_commands_help(), end="")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repattern.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["repattern", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
