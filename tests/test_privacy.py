"""Bob owns another clinic: every URL that names a Northside record gives him nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from repattern.atlas.services import chart_upload
from repattern.audit.models import AuditEvent
from repattern.clients import services
from repattern.clients.models import Client, IntakeLink
from repattern.programs.models import HomeProgram
from repattern.programs.services import ExerciseDose, program_revise
from repattern.treatment.models import TreatmentSession
from repattern.treatment.services import appointment_book, careplan_create

ID_PARAMETERS = {
    "clinic_id",
    "client_id",
    "session_id",
    "plan_id",
    "program_id",
    "appointment_id",
    "membership_id",
    "link_id",
    "row_id",
    "chart_id",
}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def patterns_with_ids(
    resolver: URLResolver = None, prefix: str = ""
) -> list[tuple[str, list[str]]]:
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found += patterns_with_ids(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            converters = list(entry.pattern.converters)
            if ID_PARAMETERS & set(converters):
                found.append((prefix + str(entry.pattern), converters))
    return found


def fill(route: str, values: dict[str, object]) -> str:
    """The route with each parameter replaced by the record's value; every one must be known."""
    path = PARAMETER.sub(lambda m: str(values[m.group(1)]), route)
    assert "<" not in path, f"{route} has a parameter the walk does not fill"
    return "/" + path


def test_another_clinics_user_gets_404_or_403_on_every_url_that_names_a_record(
    as_bob, as_alice, maria, olivia, alice
):
    session = TreatmentSession.objects.create(client=maria, practitioner=alice)
    plan = careplan_create(client=maria, user=alice, complaint="Low back pain")
    program = HomeProgram.objects.create(client=maria)
    program_revise(
        program=program,
        user=alice,
        doses=[
            ExerciseDose(
                key="psoas_major:left>iliacus:left",
                inhibited="psoas_major:left",
                facilitated="iliacus:left",
                title="Rub, lift",
                release="Rub",
                activation="Lift",
            )
        ],
        note_for_client="",
    )
    link, _ = services.intake_link_create(client=maria, user=alice, days=7)
    appointment = appointment_book(
        client=maria, practitioner=alice, starts_at=timezone.now() + timedelta(days=1), by=alice
    )
    chart = chart_upload(
        clinic=maria.clinic,
        user=olivia,
        filename="ours.csv",
        text="inhibited,facilitated,kind\npsoas_major,iliacus,reported\n",
    )
    values = {
        "clinic_id": maria.clinic_id,
        "client_id": maria.pk,
        "session_id": session.pk,
        "plan_id": plan.pk,
        "program_id": program.pk,
        "appointment_id": appointment.pk,
        "number": 1,
        "chart_id": chart.pk,
        "membership_id": olivia.memberships.get().pk,
        "link_id": link.pk,
        "row_id": maria.scars.get().pk,
        "kind": "scar",
        "entry_id": "psoas_major",
        "instrument_id": "nprs",
    }
    routes = patterns_with_ids()
    assert len(routes) >= 20, "the walk must cover the app's record URLs"
    audit_rows = AuditEvent.objects.count()
    for route, _ in routes:
        path = fill(route, values)
        for method, allowed in ((as_bob.get, (403, 404, 405)), (as_bob.post, (403, 404))):
            # 405 only answers a GET to a POST-only action: it says nothing about the record.
            response = method(path)
            if path.startswith("/portal/") and response.status_code == 302:
                # A portal page without a portal session goes to the portal's sign-in page.
                assert response["Location"] == "/portal/signed-out/", path
                continue
            # The API asks a browser for a token (tests/api walk it with another clinic's).
            api = (401, 405) if path.startswith("/api/") else ()
            assert response.status_code in (*allowed, *api), f"{path} gave {response.status_code}"
            assert b"Lopez" not in response.content and b"Maria" not in response.content
    maria.refresh_from_db()
    assert not maria.is_archived and maria.scars.count() == 1
    assert IntakeLink.objects.get(pk=link.pk).revoked_at is None
    assert chart.relations.count() == 1
    plan.refresh_from_db()
    assert plan.is_open and program.is_active and program.versions.count() == 1
    assert AuditEvent.objects.count() == audit_rows, "Bob's attempts changed nothing"


def test_the_walk_reaches_the_same_urls_for_a_member(as_alice, maria):
    response = as_alice.get(f"/clients/{maria.pk}/")
    assert response.status_code == 200 and b"Lopez" in response.content


def test_a_client_list_shows_only_the_users_own_clinic(as_bob, bob, maria, southside):
    Client.objects.create(
        clinic=southside, first_name="Sven", last_name="Berg", date_of_birth="1970-01-01"
    )
    response = as_bob.get(f"/clinics/{southside.pk}/clients/")
    assert b"Berg" in response.content and b"Lopez" not in response.content
    assert as_bob.get(f"/clinics/{maria.clinic_id}/clients/?q=Lopez").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, maria):
    response = client.get(f"/clients/{maria.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
