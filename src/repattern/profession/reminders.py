"""E-mail reminders of certification deadlines, through the outbox, once per deadline."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from repattern.outbox.send import deliver
from repattern.profession.models import Certification

OPEN = [Certification.Result.IN_PROGRESS, Certification.Result.NOT_YET]


def certification_reminders_send(today: date) -> int:
    """Queue today's reminders; the outbox key makes each one once-only, so a second run on
    the same day, or a second worker, sends nothing more. Returns how many were queued."""
    queued = 0
    for certification in Certification.objects.filter(result__in=OPEN).select_related(
        "practitioner"
    ):
        key = certification.deadlines.reminder(today)
        email = certification.practitioner.email
        if key is None or not email:
            continue
        message = deliver(
            kind="certification_reminder",
            key=f"certification-{certification.pk}-{key}",
            to=email,
            subject=f"Level {certification.level}: {certification.deadlines.explain(today)}",
            text=(
                f"{certification.deadlines.explain(today)}\n\n"
                f"Your certification page: {settings.SITE_URL}/profession/"
                f"certifications/{certification.pk}/\n"
            ),
        )
        queued += message is not None
    return queued
