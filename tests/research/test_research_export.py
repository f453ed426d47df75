"""A research export of a clinic whose records are full of names, phone numbers, e-mails and
free text: none of them, and no exact date, is anywhere in the files; DuckDB reads them back."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from django.core.management import CommandError, call_command

from repattern.accounts.models import Clinic
from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients.models import Client, Intake
from repattern.outcomes.models import Response
from repattern.outcomes.services import response_record
from repattern.research.dictionary import TABLES
from repattern.research.export import ExportRefused, research_export
from tests.clients.conftest import maria_everything  # noqa: F401  (a fixture)

SECRETS = [
    "Maria",
    "Lopez",
    "7700 900101",
    "maria@example.com",
    "Lift my toddler",
    "Low back pain",
    "Appendectomy",
    "soreness gone",
    "Maria said it eased",
]
ISO_DATE = re.compile(rb"(19|20)\d\d-[01]\d-[0-3]\d")
NOTE = "Rang Zebedee Quill about the invoice"
ACTIVITY = "Carrying Zebedee's violin case"


def neighbours(clinic: Clinic, count: int) -> list[str]:
    """Clients born the same year as Maria with neck pain, each with their own details."""
    written = []
    for n in range(count):
        first, last = f"Ottoline{n}", f"Brackenbury{n}"
        phone, email = f"+44 7700 9{n:05d}", f"ottoline{n}@brackenbury.example"
        client = Client.objects.create(
            clinic=clinic,
            first_name=first,
            last_name=last,
            date_of_birth=date(1981, 6, 1 + n),
            gender="female",
            phone=phone,
            email=email,
            notes=f"{NOTE} {n}",
        )
        Intake.objects.create(
            client=client,
            conditions=["neck_pain"],
            goals=f"Swim with Xanthippe {n}",
            other_conditions="Gout, says her GP Dr Ferdinand",
        )
        written += [first, last, phone, email, f"Xanthippe {n}"]
    return written


@pytest.fixture
def secrets(maria_everything: Client, northside: Clinic) -> list[str]:  # noqa: F811
    Intake.objects.filter(client=maria_everything).update(conditions=["neck_pain"])
    Client.objects.filter(pk=maria_everything.pk).update(gender="female")
    response_record(
        client=maria_everything,
        instrument_id="psfs",
        raw={
            "activity_1": ACTIVITY,
            "score_1": "3",
            "activity_2": "Running",
            "score_2": "2",
            "activity_3": "Lifting",
            "score_3": "4",
        },
        entered_by=Response.EnteredBy.CLIENT,
        actor="Maria Lopez (portal)",
    )
    return [*SECRETS, *neighbours(northside, 6), NOTE, ACTIVITY, "Ferdinand", "1981"]


@pytest.fixture
def exported(secrets: list[str], northside: Clinic, tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    call_command("export", "research", "--out", str(folder), "--k", "5", "--seed", "7")
    return folder


def every_value(parquet: Path) -> str:
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{parquet}')").fetchall()
    return "\n".join(str(value) for row in rows for value in row)


def test_no_name_phone_email_free_text_or_date_is_anywhere_in_the_files(exported, secrets):
    files = sorted(exported.iterdir())
    assert {f.name for f in files} == {
        "data_dictionary.md",
        *(f"{t}.{ext}" for t in TABLES for ext in ("parquet", "csv")),
    }
    for file in files:
        raw = file.read_bytes()
        text = every_value(file) if file.suffix == ".parquet" else raw.decode()
        for secret in secrets:
            assert secret.lower() not in text.lower(), (secret, file.name)
            assert secret.encode() not in raw, (secret, file.name)
        assert not ISO_DATE.search(raw) and not ISO_DATE.search(text.encode()), file.name


def test_duckdb_reads_every_table_with_the_columns_the_dictionary_names(exported):
    for table, (_, columns) in TABLES.items():
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{exported / table}.parquet')")
        assert relation.columns == [c.name for c in columns], table
    dictionary = (exported / "data_dictionary.md").read_text()
    for _, columns in TABLES.values():
        assert all(f"| {c.name} |" in dictionary for c in columns)


def test_the_seven_alike_clients_leave_with_banded_ages_and_random_research_ids(exported):
    clients = duckdb.sql(
        f"SELECT research_id, age_band, sex, condition FROM '{exported}/clients.parquet'"
    ).fetchall()
    assert len(clients) == 7
    assert {row[1:] for row in clients} == {("45-49", "female", "neck_pain")}
    assert all(re.fullmatch(r"r[0-9a-f]{16}", row[0]) for row in clients)
    sessions = duckdb.sql(
        f"SELECT s.day, s.patterns_corrected FROM '{exported}/sessions.parquet' s "
        f"JOIN '{exported}/clients.parquet' c USING (research_id)"
    ).fetchall()
    assert len(sessions) == 1 and 0 <= sessions[0][0] <= 30 and sessions[0][1] == 1
    scores = duckdb.sql(f"SELECT instrument, score FROM '{exported}/responses.parquet'")
    assert ("psfs", 3.0) in scores.fetchall()
    patterns = duckdb.sql(f"SELECT inhibited, status FROM '{exported}/patterns.parquet'")
    assert patterns.fetchall() == [("psoas_major:left", "corrected")]


def test_the_export_reports_what_it_generalized_and_suppressed_and_is_audited(
    secrets, northside, tmp_path, capsys
):
    call_command("export", "research", "--out", str(tmp_path / "k8"), "--k", "8")
    said = capsys.readouterr().out
    assert "Exported 0 of 7 clients" in said
    assert "0 clients generalized, 7 suppressed" in said
    assert "7 were suppressed" in (tmp_path / "k8" / "data_dictionary.md").read_text()
    trail = AuditEvent.objects.get(action=AuditAction.RESEARCH_EXPORT)
    assert (trail.clinic, trail.client_number) == (northside, None)
    assert "0 of 7 clients exported" in trail.summary


def test_two_exports_of_one_clinic_share_no_research_id(secrets, northside, tmp_path):
    ids = []
    for name in ("a", "b"):
        research_export(northside, tmp_path / name, k=1)
        found = duckdb.sql(f"SELECT research_id FROM '{tmp_path / name}/clients.parquet'")
        ids.append({row[0] for row in found.fetchall()})
    assert len(ids[0]) == 7 and not ids[0] & ids[1]


def test_exports_pool_in_duckdb_as_the_readme_shows(secrets, northside, tmp_path):
    for name in ("north", "south"):
        research_export(northside, tmp_path / name, k=1)
    pooled = duckdb.sql(
        f"""
        SELECT c.clinic_code, c.condition, count(DISTINCT c.research_id) AS clients,
               avg(s.patterns_corrected) AS corrected_per_session
        FROM read_parquet(['{tmp_path}/north/clients.parquet',
                           '{tmp_path}/south/clients.parquet']) c
        JOIN read_parquet('{tmp_path}/*/sessions.parquet') s USING (research_id)
        GROUP BY ALL ORDER BY clients DESC
        """
    ).fetchall()
    assert len({row[0] for row in pooled}) == 2
    assert [(row[1], row[2], row[3]) for row in pooled] == [("neck_pain", 1, 1.0)] * 2


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--k", "0"], "--k must be at least 1"),
        (["--k", "many"], "--k must be a whole number"),
        (["--clinic", "Nowhere"], "No clinic is named 'Nowhere'"),
    ],
)
def test_bad_options_are_refused_in_words(northside, tmp_path, options, words):
    with pytest.raises(CommandError, match=words):
        call_command("export", "research", "--out", str(tmp_path / "x"), *options)
    assert not (tmp_path / "x").exists()


def test_a_folder_with_files_in_it_is_refused(northside, tmp_path):
    (tmp_path / "old.csv").write_text("kept")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("export", "research", "--out", str(tmp_path))
    with pytest.raises(ExportRefused, match="is a file"):
        research_export(northside, tmp_path / "old.csv")


def test_several_clinics_need_one_named(northside, southside, tmp_path: Any):
    with pytest.raises(CommandError, match="several clinics"):
        call_command("export", "research", "--out", str(tmp_path / "x"))
    call_command("export", "research", "--out", str(tmp_path / "x"), "--clinic", "Southside Clinic")
    assert (tmp_path / "x" / "clients.parquet").exists()
