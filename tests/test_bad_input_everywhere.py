"""Whatever is typed, pasted or forged into any form or address, the answer is a page or a
message, never a server error: generated text, numbers, ids, dates and files go to every
route of the app, as the clinic's owner (who may open the most), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repattern.atlas.services import chart_upload
from repattern.clients import services as clients
from repattern.treatment import services as treatment
from repattern.treatment.models import Pattern
from tests.treatment.conftest import confirm, correct

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
FIELD = re.compile(r'name="([\w-]+)"')
# Names forms here use, so that a POST-only action gets fields it reads even with no page.
COMMON_FIELDS = (
    "q", "page", "record", "archived", "action", "days", "reason", "text", "role", "membership",
    "event_id", "kind", "site", "candidate", "result", "outcome", "pattern_id", "force_newtons",
    "recorded_by", "window_seconds", "care_plan", "subjective", "plan", "sign", "chart",
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=100, max_size=6000),
    st.sampled_from(
        ["", " ", "0", "-1", "9" * 25, "1e308", "NaN", "2026-02-30", "31/12/2026", "²", "١٢",
         "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "a\x00b", "\ud7ff", "🦴" * 30,
         str(uuid.uuid4()), "psoas_major:left", "scar:lower_abdomen:right", "on", "yes"]
    ),
)  # fmt: skip
FILE = st.binary(max_size=3000).map(lambda data: SimpleUploadedFile("chart.csv", data))


def routes(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    found: list[str] = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found += routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append(prefix + str(entry.pattern))
    return found


ROUTES = [r for r in routes() if not r.startswith(("static/", "accounts/logout"))]


@pytest.fixture
def world(northside, olivia, alice, maria, session) -> dict[str, Any]:
    """A record of every kind, and the values that fill each route's parameters."""
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    treatment.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    plan = treatment.careplan_create(client=maria, user=alice, complaint="Low back pain")
    link, token = clients.intake_link_create(client=maria, user=alice, days=7)
    _, feed = treatment.feed_create(membership=olivia.memberships.get())
    chart = chart_upload(
        clinic=northside,
        user=olivia,
        filename="ours.csv",
        text="inhibited,facilitated,kind\npsoas_major,iliacus,reported\n",
    )
    return {
        "clinic_id": northside.pk,
        "client_id": maria.pk,
        "session_id": session.pk,
        "plan_id": plan.pk,
        "program_id": maria.home_programs.get().pk,
        "number": 1,
        "pattern_id": Pattern.objects.filter(session=session).first().pk,
        "membership_id": alice.memberships.get().pk,
        "link_id": link.pk,
        "row_id": maria.scars.get().pk,
        "chart_id": chart.pk,
        "kind": "scar",
        "entry_id": "psoas_major",
        "token": token,
        "uidb64": "MQ",
        "feed": feed,
    }


def path_of(route: str, values: dict[str, Any]) -> str:
    """The route filled with the world's records; a calendar feed takes the feed's token."""
    if route.startswith("calendar/"):
        values = {**values, "token": values["feed"]}
    return "/" + PARAMETER.sub(lambda m: str(values.get(m.group(1), "x")), route)


@pytest.mark.parametrize("route", ROUTES)
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_makes_a_server_error(route: str, data: st.DataObject, world, olivia) -> None:
    browser = Browser(raise_request_exception=False)
    browser.force_login(olivia)
    path = path_of(route, world)
    page = browser.get(path)
    assert page.status_code < 500, f"GET {path}: {page.status_code}"
    names = sorted(set(FIELD.findall(page.content.decode(errors="replace")))) or list(COMMON_FIELDS)
    names = [n for n in names if n != "csrfmiddlewaretoken"]
    fields = data.draw(st.dictionaries(st.sampled_from(names or ["q"]), TEXT, max_size=8))
    query = data.draw(st.dictionaries(st.sampled_from(COMMON_FIELDS), TEXT, max_size=3))
    if "chart" in names and data.draw(st.booleans()):
        fields["chart"] = data.draw(FILE)
    answered = browser.post(path, fields)
    assert answered.status_code < 500, f"POST {path} {fields!r}: {answered.status_code}"
    searched = browser.get(path, query)
    assert searched.status_code < 500, f"GET {path} {query!r}: {searched.status_code}"
