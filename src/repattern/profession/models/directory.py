"""A practitioner's entry in the public directory: only what they chose to publish."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from repattern.engine.vocabulary import CONDITIONS, label
from repattern.profession.rules import listing_shown

ABOUT_MAX = 600


class ListingQuerySet(models.QuerySet["DirectoryListing"]):
    def shown(self, today: date) -> ListingQuerySet:
        """Opted in, certified, and not expired: an expired listing drops out by itself."""
        return self.filter(opted_in=True, level__gte=1, listed_until__gt=today)


class DirectoryListing(models.Model):
    practitioner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing"
    )
    opted_in = models.BooleanField("List me in the public directory", default=False)
    display_name = models.CharField("Name shown", max_length=120)
    city = models.CharField(max_length=120)
    country = models.CharField(max_length=2, help_text="Two-letter country code")
    latitude = models.FloatField()
    longitude = models.FloatField()
    languages = models.CharField(max_length=200, blank=True, help_text="Separated by commas")
    conditions = models.JSONField(default=list, blank=True)
    about = models.TextField("A short text", max_length=ABOUT_MAX, blank=True)
    booking_url = models.URLField("Booking link", blank=True)
    # Kept in step with the certifications and renewals by the services.
    level = models.PositiveSmallIntegerField(default=0)
    certified_on = models.DateField(null=True, blank=True)
    renewed_on = models.DateField(null=True, blank=True)
    listed_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "id"]
        indexes = [models.Index(fields=["opted_in", "listed_until"])]

    def __str__(self) -> str:
        return self.display_name

    def is_shown(self, today: date) -> bool:
        return self.opted_in and self.level >= 1 and listing_shown(self.listed_until, today)

    def condition_names(self) -> list[str]:
        return [label(CONDITIONS, c) for c in self.conditions]

    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]
