"""`repattern serve` runs gunicorn with WhiteNoise, and refuses to serve a debug or stale setup."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPATTERN = str(Path(sys.executable).parent / "repattern")
STARTUP_SECONDS = 60  # a budget to wait for the server, not a figure: a loaded machine boots slowly


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REPATTERN_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def repattern(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [REPATTERN, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers["Content-Type"], response.read()


@pytest.fixture
def server(production_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    migrated = repattern(production_env, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    base = f"http://127.0.0.1:{free_port()}"
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [REPATTERN, "serve", "--bind", base.removeprefix("http://"), "--workers", "1"],
        env=production_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                get(f"{base}/accounts/login/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"No answer in {STARTUP_SECONDS} s: {tmp_path / 'serve.log'}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_it_serves_the_sign_in_page_and_the_static_files(server):
    status, content_type, body = get(f"{server}/accounts/login/")
    assert status == 200 and b"Sign in" in body
    status, content_type, body = get(f"{server}/static/css/app.css")
    assert status == 200 and content_type.startswith("text/css") and body


def test_it_refuses_to_serve_with_debug_on(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG is on: set DEBUG=false"):
        call_command("serve")


def test_it_refuses_to_serve_a_database_that_needs_migrating(production_env):
    refused = repattern(production_env, "serve", "--bind", f"127.0.0.1:{free_port()}")
    assert refused.returncode == 1
    assert "The database needs migrating first: run 'repattern migrate'." in refused.stderr
