from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from repattern.accounts.models import Clinic
from repattern.research.export import ExportRefused, research_export


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"--k must be a whole number, not {text!r}.") from None
    if value < 1:
        raise CommandError("--k must be at least 1 (5 is usual).")
    return value


def find_clinic(named: str) -> Clinic:
    clinics = list(Clinic.objects.all()[:2]) if not named else []
    if not named:
        if len(clinics) == 1:
            return clinics[0]
        if not clinics:
            raise CommandError("There is no clinic to export yet.")
        raise CommandError("There are several clinics: say which with --clinic NAME or number.")
    if named.isdigit():
        found = Clinic.objects.filter(pk=int(named)).first()
        if found is not None:
            return found
    matches = list(Clinic.objects.filter(name=named)[:2])
    if not matches:
        raise CommandError(f"No clinic is named {named!r}; give its exact name or its number.")
    if len(matches) > 1:
        raise CommandError(f"Several clinics are named {named!r}; give its number instead.")
    return matches[0]


class Command(BaseCommand):
    help = (
        "Export data for research: `repattern export research --out DIR` writes the clinic's "
        "records de-identified (no names, contact details, free text or exact dates), "
        "k-anonymous on age band, sex, region and condition, as Parquet and CSV with a data "
        "dictionary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["research"], help="what to export: research")
        parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
        parser.add_argument(
            "--k",
            type=str,
            default="5",
            help="each quasi-identifier combination is shared by at least k clients (default 5)",
        )
        parser.add_argument("--clinic", default="", help="the clinic's name or number")
        parser.add_argument(
            "--region",
            default="*",
            help="the clinic's coarse region, e.g. a country or state (default: not given)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="repeatable research ids and day shifts, for tests only; by default they are "
            "drawn from the system's secure random source",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        k = positive(options["k"])
        clinic = find_clinic(options["clinic"])
        started = time.perf_counter()
        try:
            report = research_export(
                clinic, options["out"], k=k, region=options["region"], seed=options["seed"]
            )
        except ExportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        seconds = time.perf_counter() - started
        rows = ", ".join(f"{n:,} {name}" for name, n in report.rows.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {report.kept:,} of {report.clients:,} clients to {report.folder} "
                f"({report.bytes / 1_000_000:.2f} MB, {seconds:.2f} s)."
            )
        )
        self.stdout.write(
            f"k = {k}: {report.generalized:,} clients generalized, "
            f"{report.suppressed:,} suppressed."
        )
        self.stdout.write(f"Rows: {rows}. The columns are described in data_dictionary.md.")
