"""The server under load: `repattern serve` (gunicorn, DEBUG off, WhiteNoise) in a subprocess,
on a free port of 127.0.0.1, with its output kept in a log the report reads afterwards."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from repattern.bench.load.observations import Kind

# gunicorn's default access log line, and the request's seconds in the worker at its end.
ACCESS_LOG = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s'
ACCESS_LINE = re.compile(r'"(GET|POST) (\S+) HTTP/[\d.]+" \d{3} .*" (\d+\.\d+)$')
PROBE = "repattern-load-probe"
# Which kind of request a method and path are; the server cannot tell a double tap or a resend
# from any other event POST.
KINDS = (
    ("GET", re.compile(r"/accounts/login/$"), Kind.SIGN_IN_PAGE),
    ("POST", re.compile(r"/accounts/login/$"), Kind.SIGN_IN),
    ("GET", re.compile(r"/clients/\d+/sessions/new/$"), Kind.START_FORM),
    ("POST", re.compile(r"/clients/\d+/sessions/new/$"), Kind.START),
    ("GET", re.compile(r"/sessions/\d+/$"), Kind.SCREEN),
    ("GET", re.compile(r"/sessions/\d+/state/$"), Kind.STATE),
    ("POST", re.compile(r"/sessions/\d+/events/$"), Kind.EVENT),
)

# collectstatic runs before gunicorn starts, and the machine may be busy: give it time.
START_SECONDS = 120.0
STOP_SECONDS = 35.0


class ServerDidNotStart(Exception):
    """`repattern serve` exited or never answered; the message says what it printed."""


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    workers: int
    ready_seconds: float = 0.0

    def cpu_seconds(self) -> float | None:
        """CPU time the server's processes have used so far, from /proc; None without /proc.

        It runs in a session of its own, so its processes are those of that session: gunicorn's
        master and its workers.
        """
        if not Path("/proc/self/stat").exists():
            return None
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # After "(command)": state, ppid, pgrp, session, ..., utime and stime at 11, 12.
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self.process.pid:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """A graceful stop (SIGTERM lets workers finish their request), then a kill."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(log: Path, workers: int) -> Server:
    """Start `repattern serve` with this process's environment and wait until it answers."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "repattern.cli",
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    started = time.monotonic()
    with log.open("wb") as output:
        # A session of its own: the bench stops it, so Ctrl-C reaches the bench alone.
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                "SECURE_COOKIES": "false",
                # gunicorn's control socket is one path per user by default, which any other
                # gunicorn on the machine shares; the bench has no use for it. Its access log
                # gets each request's time in the worker, which the report sets beside the
                # time the practitioner waited.
                "GUNICORN_CMD_ARGS": f"--no-control-socket --access-logformat '{ACCESS_LOG}'",
            },
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log, workers)
    try:
        _wait_until_it_answers(server, started)
    except ServerDidNotStart:
        server.stop()
        raise
    server.ready_seconds = time.monotonic() - started
    return server


def _wait_until_it_answers(server: Server, started: float) -> None:
    while time.monotonic() - started < START_SECONDS:
        if server.process.poll() is not None:
            raise ServerDidNotStart(
                f"repattern serve exited with code {server.process.returncode}; it printed:\n"
                + _tail(server.log)
            )
        try:
            answer = httpx.get(
                f"{server.url}/accounts/login/", timeout=5, headers={"User-Agent": PROBE}
            )
            if answer.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise ServerDidNotStart(
        f"repattern serve did not answer at {server.url} within {START_SECONDS:.0f} s; "
        f"it printed:\n{_tail(server.log)}"
    )


def _tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class ServerLog:
    """What the server's own output says about the run: crashes, locks, workers."""

    # Django logs "Internal Server Error: <path>" once for each request it answered with a 500.
    internal_errors: int = 0
    locked: int = 0
    worker_timeouts: int = 0
    workers_booted: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    # Milliseconds from the worker reading the request to its last byte, by kind of request.
    ms: dict[Kind, list[float]] = field(default_factory=dict)


# The last line of a Python traceback: the exception and its message.
EXCEPTION_LINE = re.compile(r"^([\w.]+(?:Error|Exception|Locked)\b.*)$")


def read_log(log: Path) -> ServerLog:
    found = ServerLog()
    for line in log.read_text(errors="replace").splitlines():
        if "Internal Server Error:" in line:
            found.internal_errors += 1
        if "database is locked" in line:
            found.locked += 1
        if "WORKER TIMEOUT" in line:
            found.worker_timeouts += 1
        if "Booting worker with pid" in line:
            found.workers_booted += 1
        exception = EXCEPTION_LINE.match(line)
        if exception:
            found.errors[exception.group(1)[:160]] += 1
        request = ACCESS_LINE.search(line)
        if request and PROBE not in line:
            method, path, seconds = request.groups()
            kind = next((k for m, p, k in KINDS if m == method and p.match(path)), None)
            if kind is not None:
                found.ms.setdefault(kind, []).append(float(seconds) * 1000)
    return found
