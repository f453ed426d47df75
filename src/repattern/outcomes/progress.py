"""What the client page, the portal and the session screen show of a client's outcomes."""

from __future__ import annotations

from dataclasses import dataclass

from repattern.clients.models import Client
from repattern.outcomes.change import Series, client_series
from repattern.outcomes.models import Response


@dataclass(frozen=True)
class Shown:
    series: Series
    chart: str
    alt: str


def progress(client: Client, limit: int | None = None) -> list[Shown]:
    """Each measure of the client, with its chart; the first `limit` only, if given."""
    series = client_series(client.pk, client.clinic_id)[:limit]
    dates = list(
        client.treatment_sessions.order_by("started_at").values_list("started_at", flat=True)
    )
    from repattern.outcomes.charts import (  # loaded on first use: it takes seconds
        chart_svg,
        data_uri,
        describe,
    )

    return [Shown(s, data_uri(chart_svg(s, dates)), describe(s)) for s in series]


def pain_now(client: Client) -> Response | None:
    """The latest pain rating, wherever it was made: a session, the portal or the room."""
    return (
        Response.objects.filter(client=client, instrument="nprs").order_by("authored", "id").last()
    )
