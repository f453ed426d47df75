"""Databases of the backup tests' own, beside the test database: SQLite files under a temporary
folder, or PostgreSQL databases named after the test database and dropped afterwards. The tests
drive them through the `repattern` command, as a clinic would."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.apps import apps
from django.conf import settings

REPATTERN = str(Path(sys.executable).parent / "repattern")
ROOT = Path(__file__).resolve().parents[2]
DATABASE = settings.DATABASES["default"]
ON_POSTGRESQL = DATABASE["ENGINE"] == "django.db.backends.postgresql"


def server(name: str) -> str:
    user, password = DATABASE.get("USER") or "", DATABASE.get("PASSWORD") or ""
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    return f"postgres://{login}{DATABASE['HOST']}:{DATABASE.get('PORT') or 5432}/{name}"


@dataclass
class Place:
    """A database of the test's own, and the environment that points `repattern` at it."""

    name: str
    folder: Path
    env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        command = [REPATTERN, *args] if args[0] != "-m" else [sys.executable, *args]
        return subprocess.run(
            command,
            env={**self.env, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def connect(self) -> Any:
        if ON_POSTGRESQL:
            return psycopg.connect(server(self.name), autocommit=True)
        return sqlite3.connect(self.folder / "repattern.sqlite3")

    def query(self, sql: str) -> list[dict[str, Any]]:
        with closing(self.connect()) as db:
            cursor = db.cursor()
            cursor.execute(sql)
            columns = [column[0] for column in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def execute(self, sql: str) -> None:
        with closing(self.connect()) as db:
            db.cursor().execute(sql)
            db.commit()

    def rows(self, table: str, key: str) -> list[dict[str, Any]]:
        return self.query(f'SELECT * FROM "{table}" ORDER BY "{key}"')

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every model's rows, by table."""
        return {
            model._meta.db_table: self.rows(model._meta.db_table, model._meta.pk.column)
            for model in apps.get_models()
        }


def database_name(label: str) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{DATABASE['NAME']}_{worker}_backup_{label}"


def place(folder: Path, label: str, template: str = "") -> Place:
    """An empty database (or a copy of `template`'s) in `folder`."""
    folder.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["REPATTERN_VAR_DIR"] = str(folder)
    name = database_name(label)
    if ON_POSTGRESQL:
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(server("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"{copy}')
        env["DATABASE_URL"] = server(name)
    return Place(name, folder, env)


def drop(*names: str) -> None:
    if ON_POSTGRESQL:
        with psycopg.connect(server("postgres"), autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    """The demo clinic and a treated session, seeded once; tests work on copies of it."""
    made = place(tmp_path_factory.mktemp("backups") / "template", "template")
    seeding = made.run("-m", "tests.backups.seeding")
    assert seeding.returncode == 0, seeding.stderr
    yield made
    drop(made.name)


@pytest.fixture(scope="session")
def good_backup(template: Place) -> Path:
    """A backup of the seeded database, made once."""
    path = template.folder.parent / "good.backup"
    made = template.run("backup", str(path))
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def places(tmp_path: Path) -> Iterator[Any]:
    """Makes empty databases for one test; they are dropped when it ends."""
    made: list[str] = []

    def make(label: str) -> Place:
        made.append(database_name(label))
        return place(tmp_path / label, label)

    yield make
    drop(*made)


@pytest.fixture
def seeded(template: Place, tmp_path: Path) -> Iterator[Place]:
    """A copy of the seeded database, for a test to change."""
    copy = place(tmp_path / "seeded", "seeded", template.name)
    if not ON_POSTGRESQL:
        shutil.copyfile(template.folder / "repattern.sqlite3", copy.folder / "repattern.sqlite3")
    yield copy
    drop(copy.name)
