"""Pages and filters shared by every list: by client, by date, a page at a time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Generic, TypeVar

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Path, Schema
from pydantic import Field

# Record ids fit the databases' 64-bit keys; a longer number is no record at all.
MAX_ID = 999_999_999_999_999_999
RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id")]
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
Day = Annotated[date, Field(ge=EARLIEST, le=LATEST)]

T = TypeVar("T")


class Paging(Schema):
    limit: int = Field(100, ge=1, le=1000, description="How many records per page")
    offset: int = Field(0, ge=0, le=1_000_000_000, description="How many records to skip")


class Filters(Paging):
    client: int | None = Field(None, ge=1, le=MAX_ID, description="Only this client's records")
    since: Day | None = Field(None, description="From this day on (YYYY-MM-DD)")
    until: Day | None = Field(None, description="Up to and including this day (YYYY-MM-DD)")


class Page(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="How many records match, over all pages")
    limit: int
    offset: int


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(
    rows: QuerySet[Any], filters: Filters, *, client: str = "client_id", when: str = ""
) -> QuerySet[Any]:
    """Rows of one client and between two days, when those are asked for."""
    if filters.client is not None:
        rows = rows.filter(**{client: filters.client})
    # A date field compares with days; a time field with the local day's first moment.
    days = when.endswith("_date")
    if when and filters.since is not None:
        since = filters.since if days else _start(filters.since)
        rows = rows.filter(**{f"{when}__gte": since})
    if when and filters.until is not None:
        after = filters.until + timedelta(days=1)
        rows = rows.filter(**{f"{when}__lt": after if days else _start(after)})
    return rows


def page_of(rows: QuerySet[Any], paging: Paging) -> dict[str, Any]:
    items = list(rows[paging.offset : paging.offset + paging.limit])
    return {"items": items, "count": rows.count(), "limit": paging.limit, "offset": paging.offset}
