"""A real worker for tests: Huey's consumer, in this process's threads, on a real queue (a
SQLite file, or Redis db 7), sending through a real SMTP server on 127.0.0.1.

The consumer runs in threads so that it sees the test's database on SQLite too (an in-memory
database no other process can open): there its one worker thread uses the test's connection,
as Django's live-server tests do; on PostgreSQL it opens its own."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message as Email
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from django.db import connection, connections
from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer
from huey.contrib.djhuey import HUEY

REDIS = "redis://127.0.0.1:6379/7"
PATIENCE = 60  # seconds a test waits for the worker before it fails, saying what it saw


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.received: list[Email] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"

    def wait_for(self, count: int) -> list[Email]:
        deadline = time.monotonic() + PATIENCE
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, f"only {self.received} arrived"
        return self.received


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(settings: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()


class ThreadConsumer(Consumer):
    def _set_signal_handlers(self) -> None:
        """The test runner keeps its own signal handlers."""


def queue_storage(kind: str, folder: Path) -> Any:
    name = f"repattern-test-{uuid.uuid4().hex}"
    if kind == "redis":
        storage = RedisHuey(name, url=REDIS).storage
        try:
            storage.conn.ping()
        except Exception as problem:  # any failure to reach it says the same
            raise AssertionError(
                f"Redis is not answering at {REDIS}: start it. {problem}"
            ) from None
        return storage
    return SqliteHuey(name, filename=str(folder / "queue.sqlite3")).storage


@contextmanager
def real_worker(kind: str, folder: Path) -> Iterator[Any]:
    """The app's task queue on a real backend, with a consumer running; yields the queue."""
    shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
    main = connections["default"]

    def startup() -> None:
        if shared:
            connections["default"] = main

    def shutdown() -> None:
        if not shared:
            connections.close_all()

    HUEY.immediate = False
    HUEY.storage = queue_storage(kind, folder)
    HUEY.on_startup("test-database")(startup)
    HUEY.on_shutdown("test-database")(shutdown)
    if shared:
        main.inc_thread_sharing()
    consumer = ThreadConsumer(HUEY, workers=1, periodic=False, max_delay=0.2)
    consumer.start()
    try:
        yield HUEY
        deadline = time.monotonic() + PATIENCE
        while HUEY.pending_count() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        consumer.stop(graceful=True)
        HUEY.unregister_on_startup("test-database")
        HUEY.unregister_on_shutdown("test-database")
        if shared:
            main.dec_thread_sharing()
        HUEY.storage.flush_all()
        HUEY.immediate = True
