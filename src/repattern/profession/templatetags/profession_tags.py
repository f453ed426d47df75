from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import timezone

from repattern.profession.models import Certification, DirectoryListing

register = template.Library()


@register.filter
def standing(certification: Certification, today: date) -> str:
    return certification.standing(today)


@register.filter
def shown(listing: DirectoryListing, today: date) -> bool:
    return listing.is_shown(today)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.inclusion_tag("profession/_deadlines.html")
def certification_deadlines(user: Any) -> dict[str, Any]:
    """The practitioner's open levels and their next deadline, for the Today page."""
    today = timezone.localdate()
    open_levels = [
        (c, c.deadlines.explain(today))
        for c in Certification.objects.filter(
            practitioner_id=getattr(user, "pk", None),
            result__in=[Certification.Result.IN_PROGRESS, Certification.Result.NOT_YET],
        )
    ]
    return {"open_levels": open_levels}
