"""The production settings the README gives pass Django's deployment checks, and the headers
they promise are sent."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def production_environment(var_dir: Path) -> dict[str, str]:
    # The browser tests allow sync database calls from Playwright's loop; a server never does.
    harness_only = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in harness_only}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="clinic.example.org",
        CSRF_TRUSTED_ORIGINS="https://clinic.example.org",
        SECURE_COOKIES="true",
        REPATTERN_VAR_DIR=str(var_dir),
    )
    return env


def test_check_deploy_is_clean_under_the_readmes_production_settings(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "repattern.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_every_page_forbids_inline_script_and_framing(client, alice) -> None:
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def test_a_signed_in_page_and_a_token_page_are_never_stored(as_alice, client, maria) -> None:
    signed_in = as_alice.get(f"/clients/{maria.pk}/")
    token_page = client.get("/intake/not-a-real-token/")
    assert "no-store" in signed_in["Cache-Control"]
    assert "no-store" in token_page["Cache-Control"]
