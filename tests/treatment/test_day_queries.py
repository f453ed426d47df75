"""The day reads what stands in the way of each visit for all its clients at once: a full day
costs no more queries than a short one, and each client's blockers are still their own."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from repattern.clients import services as clients
from repattern.clients.screening import QUESTION_IDS
from repattern.treatment import services

NO_FLAGS = dict.fromkeys(QUESTION_IDS, False)


def today_at(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(hour)))


def new_client(clinic, alice, n: int, *, flagged=False, cleared=False, consented=True):
    client = clients.client_create(
        clinic=clinic,
        user=alice,
        details=clients.ClientDetails(
            first_name="Client", last_name=f"Number {n}", date_of_birth=date(1980, 1, n + 1)
        ),
    )
    clients.screen_record(client=client, user=alice, answers={**NO_FLAGS, "fever": flagged})
    if cleared:
        clients.clearance_record(
            client=client,
            user=alice,
            cleared_by="Dr Patel",
            cleared_on=timezone.localdate(),
            note="Fit to treat.",
        )
    if consented:
        clients.consent_record(client=client, user=alice, signed_name=client.full_name)
    return client


def book(client, alice, hour: int):
    return services.appointment_book(
        client=client, practitioner=alice, starts_at=today_at(hour), by=alice
    )


def queries_for_the_day(as_alice, clinic_id: int) -> int:
    as_alice.get(f"/clinics/{clinic_id}/today/")
    with CaptureQueriesContext(connection) as captured:
        assert as_alice.get(f"/clinics/{clinic_id}/today/").status_code == 200
    return len(captured.captured_queries)


def test_a_full_day_costs_no_more_queries_than_a_short_one(as_alice, northside, alice):
    for n in range(2):
        book(new_client(northside, alice, n), alice, 8 + n)
    short = queries_for_the_day(as_alice, northside.pk)
    for n in range(2, 8):
        book(new_client(northside, alice, n, flagged=n % 2 == 0, cleared=n == 4), alice, 8 + n)
    assert queries_for_the_day(as_alice, northside.pk) == short


def test_each_visit_shows_its_own_clients_blockers(as_alice, northside, alice):
    clear = book(new_client(northside, alice, 1), alice, 9)
    flagged = book(new_client(northside, alice, 2, flagged=True), alice, 10)
    cleared = book(new_client(northside, alice, 3, flagged=True, cleared=True), alice, 11)
    unsigned = book(new_client(northside, alice, 4, consented=False), alice, 12)
    text = as_alice.get(f"/clinics/{northside.pk}/today/").content.decode()
    assert f"?appointment={clear.pk}" in text and f"?appointment={cleared.pk}" in text
    assert f"?appointment={flagged.pk}" not in text and f"?appointment={unsigned.pk}" not in text
    assert text.count("see a doctor first") == 1
    assert text.count("has not signed the current consent") == 1
