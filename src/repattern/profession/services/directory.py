"""The public directory listing: what a practitioner chose to publish, and how long it lasts."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.engine.vocabulary import CONDITIONS, ids
from repattern.profession.models import Certification, DirectoryListing
from repattern.profession.places import city_find
from repattern.profession.rules import listing_until
from repattern.profession.services.audit import audit_practitioner


@transaction.atomic
def listing_update(
    *,
    practitioner: User,
    opted_in: bool,
    display_name: str,
    city: str,
    country: str,
    languages: str = "",
    conditions: list[str] | None = None,
    about: str = "",
    booking_url: str = "",
) -> DirectoryListing:
    place = city_find(city, country)
    if place is None:
        raise ValidationError({"city": "No city of that name in that country; check both."})
    unknown = set(conditions or []) - ids(CONDITIONS)
    if unknown:
        raise ValidationError({"conditions": f"Unknown conditions: {', '.join(sorted(unknown))}."})
    listing = DirectoryListing.objects.filter(practitioner=practitioner).first()
    listing = listing or DirectoryListing(practitioner=practitioner)
    listing.opted_in, listing.display_name = opted_in, display_name.strip()
    listing.city, listing.country = place.name, place.country
    listing.latitude, listing.longitude = place.latitude, place.longitude
    listing.languages, listing.conditions = languages.strip(), sorted(set(conditions or []))
    listing.about, listing.booking_url = about.strip(), booking_url.strip()
    _follow_certification(listing)
    listing.full_clean()
    listing.save()
    audit_practitioner(
        practitioner=practitioner,
        by=practitioner,
        action=AuditAction.LISTING_UPDATE,
        record=listing,
        summary="listed" if opted_in else "not listed",
    )
    return listing


def _follow_certification(listing: DirectoryListing) -> None:
    held = (
        Certification.objects.filter(
            practitioner_id=listing.practitioner_id, result=Certification.Result.CERTIFIED
        )
        .order_by("-level")
        .first()
    )
    if held is None or held.certified_on is None:
        listing.level, listing.certified_on, listing.listed_until = 0, None, None
        return
    listing.level, listing.certified_on = held.level, held.certified_on
    listing.listed_until = listing_until(held.certified_on, listing.renewed_on)


def listing_raise(*, certification: Certification) -> None:
    """A new level renews the listing: called inside the grading service's transaction, which
    writes the audit row."""
    listing = DirectoryListing.objects.filter(practitioner_id=certification.practitioner_id).first()
    if listing is not None:
        _follow_certification(listing)
        listing.save()


@transaction.atomic
def listing_renew(*, practitioner: User) -> DirectoryListing:
    listing = DirectoryListing.objects.filter(practitioner=practitioner).first()
    if listing is None or listing.level < 1:
        raise ValidationError("Only a certified practitioner's listing can be renewed.")
    listing.renewed_on = timezone.localdate()
    _follow_certification(listing)
    listing.save()
    audit_practitioner(
        practitioner=practitioner,
        by=practitioner,
        action=AuditAction.LISTING_RENEW,
        record=listing,
        summary=f"until {listing.listed_until:%Y-%m-%d}",
    )
    return listing
