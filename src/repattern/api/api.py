"""The JSON API at /api/v1/: its schema at openapi.json, interactive docs at docs."""

from __future__ import annotations

from ninja import NinjaAPI

from repattern.api import errors
from repattern.api.caller import TokenAuth
from repattern.api.routes import atlas, clients, events, fhir, outcomes, programs, treatment

DESCRIPTION = """\
Read a clinic's records and record session events, with an API token (a member makes one on
their account page: read, or read and write, for one clinic). Send it as
`Authorization: Bearer rp_…`. Every call is in the clinic's audit log.

Lists take `limit` and `offset`, and most take `client`, `since` and `until` (days, YYYY-MM-DD).
Every error is one shape: `code`, a `message` saying what to do, and `problems` per field.
Outcome measures are read here (filled in on the portal or in the room); notes are read here
and signed in the app.
"""

api = NinjaAPI(
    title="Repattern API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (clients, treatment, events, programs, outcomes, atlas, fhir):
    api.add_router("/", module.router)
