"""A backup taken while the app writes holds one consistent moment: restored into an empty
database, it has every record there was when it began, each field as it was, and no
transaction in part."""

from __future__ import annotations

import time
from pathlib import Path
from subprocess import Popen

from repattern.audit.models import AuditEvent
from repattern.clients.models import Client, Intake
from tests.backups.conftest import Place
from tests.backups.writing import PREFIX

# The writer registers clients: each is a client, an intake and an audit row, together.
WRITTEN = [model._meta.db_table for model in (Client, Intake, AuditEvent)]


def writer_clients(place: Place) -> list[str]:
    """The last names of the writer's clients, in the order they were written."""
    rows = place.query(
        f"SELECT last_name FROM clients_client WHERE first_name = '{PREFIX}' ORDER BY id"
    )
    return [row["last_name"] for row in rows]


def wait_for(path: Path, process: Popen[str]) -> None:
    while not path.exists():
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)


def test_a_backup_taken_while_the_app_writes_restores_every_record(seeded, places, tmp_path):
    before = seeded.tables()
    writer = seeded.start("-m", "tests.backups.writing", str(seeded.folder))
    wait_for(seeded.folder / "ready", writer)
    at_start = len(writer_clients(seeded))
    backup = tmp_path / "backups" / "live.db"
    made = seeded.run("backup", str(backup))
    after_backup = len(writer_clients(seeded))
    (seeded.folder / "stop").touch()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert made.returncode == 0, made.stderr
    assert after_backup > at_start, "the app was writing while the backup ran"

    empty = places("restored")
    restored = empty.run("restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "migrate" not in restored.stdout, "the restored database needs no migration"

    source, copy = seeded.tables(), empty.tables()
    for table, rows in before.items():
        if table not in WRITTEN:
            assert copy[table] == rows == source[table], table
    for table in WRITTEN:
        by_id = {row["id"]: row for row in source[table]}
        assert [by_id[row["id"]] for row in copy[table]] == copy[table], table
    grew = [len(copy[table]) - len(before[table]) for table in WRITTEN]
    assert grew[0] == grew[1] == grew[2], "each registration is whole, or not there at all"
    names = writer_clients(empty)
    assert at_start <= len(names) <= int(out)
    assert names == [f"{n:06d}" for n in range(1, len(names) + 1)], "no gap in what was written"
