"""What the bench prints: the machine, the database, the rows, and the figures."""

from __future__ import annotations

import os
import sqlite3


def database_words() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = getattr(connection, "pg_version", 0)
        return (
            f"PostgreSQL {version // 10000}.{version % 10000} "
            f"({connection.settings_dict['NAME']} on {connection.settings_dict['HOST']})"
        )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    return f"SQLite {sqlite3.sqlite_version}, journal {mode} ({connection.settings_dict['NAME']})"


def machine_words() -> str:
    """Cores and load: the figures are wall times, and other work on the machine shows in them."""
    if not hasattr(os, "getloadavg"):
        return f"{os.cpu_count()} cores"
    return "{} cores, load average {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(
        os.cpu_count(), *os.getloadavg()
    )


def row_counts() -> str:
    from repattern.clients.models import Client
    from repattern.engine.session import PatternStatus
    from repattern.treatment.models import Pattern, SessionEvent, TreatmentSession

    corrected = Pattern.objects.filter(status=PatternStatus.CORRECTED).count()
    return (
        f"{Client.objects.count():,} clients, {TreatmentSession.objects.count():,} sessions, "
        f"{SessionEvent.objects.count():,} events, {Pattern.objects.count():,} patterns "
        f"({corrected:,} corrected)"
    )
