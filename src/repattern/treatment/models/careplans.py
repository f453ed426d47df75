from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from repattern.clients.models import TEXT_MAX, Client

PLAN_HORIZON_DAYS = 730


class CarePlan(models.Model):
    """An episode of care: a complaint, goals and a course of planned sessions."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="care_plans")
    complaint = models.CharField(max_length=200)
    goals = models.TextField(max_length=TEXT_MAX, blank=True)
    planned_sessions = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Usually 4 to 8",
    )
    interval_days = models.PositiveSmallIntegerField(
        "Days between sessions",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="7 for weekly, 14 for every two weeks",
    )
    start_date = models.DateField(default=timezone.localdate)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.complaint} ({self.client})"

    def clean(self) -> None:
        # A plan belongs to the present: a date decades away is a typing slip.
        today = timezone.localdate()
        if self.start_date and abs((self.start_date - today).days) > PLAN_HORIZON_DAYS:
            raise ValidationError(
                {"start_date": "Start the plan within two years of today (check the year)."}
            )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def schedule(self, today: date | None = None) -> list[tuple[int, date, bool]]:
        """(number, date, held) for each session of the course: held ones on the day they
        happened, the rest from the suggested next date on, one interval apart."""
        held = [
            timezone.localdate(t)
            for t in self.sessions.order_by("started_at").values_list("started_at", flat=True)
        ]
        rows = [(n, day, True) for n, day in enumerate(held, start=1)]
        upcoming = self.next_date(today)
        for offset in range(max(0, self.planned_sessions - len(held))):
            if upcoming is None:
                break
            rows.append(
                (
                    len(held) + offset + 1,
                    upcoming + timedelta(days=offset * self.interval_days),
                    False,
                )
            )
        return rows

    def sessions_held(self) -> int:
        return self.sessions.count()

    def next_date(self, today: date | None = None) -> date | None:
        """When the next session should be: one interval after the last, never in the past."""
        today = today or timezone.localdate()
        if not self.is_open:
            return None
        held = list(self.sessions.order_by("-started_at").values_list("started_at", flat=True)[:1])
        if self.sessions_held() >= self.planned_sessions:
            return None
        if not held:
            return max(self.start_date, today)
        last = timezone.localdate(held[0])
        return max(last + timedelta(days=self.interval_days), today)
