from __future__ import annotations

from django.conf import settings
from django.db import models

from repattern.accounts.models import Clinic


class ClinicChart(models.Model):
    """A chart of relations a clinic uploaded; its rows join the atlas for that clinic only."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="charts")
    filename = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class ClinicRelation(models.Model):
    """One row of a clinic chart: `facilitated` takes over when `inhibited` tests weak."""

    chart = models.ForeignKey(ClinicChart, on_delete=models.CASCADE, related_name="relations")
    inhibited = models.CharField(max_length=80)
    facilitated = models.CharField(max_length=80)
    kind = models.CharField(max_length=20)
    same_side = models.BooleanField(default=True)
    note = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["chart", "id"]
        indexes = [models.Index(fields=["inhibited"]), models.Index(fields=["facilitated"])]
