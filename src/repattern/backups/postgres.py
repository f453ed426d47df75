"""PostgreSQL: pg_dump's custom format, one consistent snapshot; restored through pg_restore and
psql in one transaction, so a restore that fails leaves the database as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from repattern.backups.errors import BackupError, no_space

INSTALL = (
    "install the PostgreSQL client tools, of the server's version or newer "
    "(on Debian or Ubuntu: apt-get install postgresql-client), and try again."
)
# Tables a Repattern database always has; a dump without them is of some other database.
SIGNATURE = ("TABLE public django_migrations ", "TABLE public clients_client ")
MIGRATIONS_COPY = "COPY public.django_migrations "
DAMAGED = ("end of file", "corrupt", "not a valid archive", "did not find magic string")
# Reading a dump file needs no server.
NO_SERVER = {"LC_ALL": "C"}


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found on this machine's PATH: {INSTALL}")
    return found


def client_env(database: dict[str, Any]) -> dict[str, str]:
    """The libpq variables that point the client tools at the configured database."""
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database.get("NAME") or "",
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode", ""),
        "PGCONNECT_TIMEOUT": "10",
    }
    env = {key: value for key, value in values.items() if value}
    return {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", **env}


def failed(tool_name: str, stderr: str, where: Path) -> BackupError:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    said = lines[-1].removeprefix(f"{tool_name}: ").removeprefix("error: ") if lines else ""
    if "No space left on device" in stderr:
        return no_space(where)
    if any(sign in stderr for sign in DAMAGED):
        return BackupError(f"{where} is damaged or cut short ({said}): use another backup.")
    if "server version mismatch" in stderr or "unsupported version" in stderr:
        return BackupError(f"{tool_name} is too old for this server or file ({said}): {INSTALL}")
    return BackupError(f"{tool_name} failed: {said or 'it gave no reason'}.")


def run(command: list[str], env: dict[str, str], where: Path) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise failed(Path(command[0]).name, done.stderr, where)
    return done.stdout


def postgres_backup(database: dict[str, Any], into: Path) -> None:
    run(
        [tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={into}"],
        client_env(database),
        into,
    )


def postgres_check(backup: Path) -> None:
    """Refuse a dump that pg_restore cannot read, or that is not of a Repattern database."""
    contents = run([tool("pg_restore"), "--list", str(backup)], NO_SERVER, backup)
    if not all(entry in contents for entry in SIGNATURE):
        raise BackupError(
            f"{backup} is a PostgreSQL backup, but not of a Repattern database: "
            "restore a file made by 'repattern backup'."
        )


def postgres_migrations(backup: Path) -> set[tuple[str, str]]:
    """The migrations the database in the backup had, read from the dump's data."""
    script = run(
        [tool("pg_restore"), "--data-only", "--table=django_migrations", "--file=-", str(backup)],
        NO_SERVER,
        backup,
    )
    found, copying = set(), False
    for line in script.splitlines():
        if line.startswith(MIGRATIONS_COPY):
            copying = True
        elif copying and line == "\\.":
            break
        elif copying:
            _, app, name, *_ = line.split("\t")
            found.add((app, name))
    return found


def postgres_restore(database: dict[str, Any], backup: Path, drop: list[str]) -> None:
    """Drop the tables in `drop`, then load the dump, all in one transaction."""
    env = client_env(database)
    psql = [tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1"]
    psql += ["--single-transaction", "--file=-"]
    script = [tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(backup)]
    preamble = "SET client_min_messages = warning;\n"
    if drop:
        preamble += f"DROP TABLE IF EXISTS {', '.join(drop)} CASCADE;\n"
    # Errors go to files, not pipes, so neither program can stall on a full pipe.
    with tempfile.TemporaryFile("w+") as loading, tempfile.TemporaryFile("w+") as reading:
        with subprocess.Popen(
            psql, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=loading, env=env
        ) as loader:
            assert loader.stdin is not None
            try:
                loader.stdin.write(preamble.encode())
                loader.stdin.flush()
                script_code = subprocess.run(
                    script, stdout=loader.stdin, stderr=reading, check=False
                ).returncode
            except BrokenPipeError:
                script_code = 0  # psql stopped at once; its own errors say why.
            reading.seek(0)
            script_errors = reading.read()
            # pg_restore failing to write (a broken pipe, or killed by SIGPIPE) only means psql
            # stopped; psql's errors say why.
            stopped = script_code == -signal.SIGPIPE or "Broken pipe" in script_errors
            script_failed = script_code != 0 and not stopped
            if script_failed:
                # psql commits when its input ends: a script cut short must never end it.
                loader.kill()
            loader.stdin.close()
        if script_failed:
            raise failed("pg_restore", script_errors, backup)
        if loader.returncode != 0:
            loading.seek(0)
            raise failed("psql", loading.read(), backup)
