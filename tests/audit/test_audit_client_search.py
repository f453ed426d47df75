"""Olivia narrows the audit log to a client by typing their name, and sees whose record each row
is about by name; the client page's "Audit trail" link still narrows it straight away."""

from __future__ import annotations

import html
from datetime import date

import pytest

from repattern.clients import services
from repattern.clients.models import Client
from repattern.clients.services import ClientDetails


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def james(northside, alice) -> Client:
    return services.client_create(
        clinic=northside,
        user=alice,
        details=ClientDetails(
            first_name="James", last_name="Carter", date_of_birth=date(1975, 7, 2)
        ),
    )


def audit(browser, clinic_id: int, **params):
    return browser.get(f"/clinics/{clinic_id}/audit/", params)


@pytest.mark.parametrize("query", ["Lopez", "maria", "Maria Lopez"])
def test_typing_a_name_shows_only_that_clients_rows(as_olivia, maria, james, query):
    response = audit(as_olivia, maria.clinic_id, q=query)
    shown = list(response.context["page"])
    assert shown and all(e.client_id == maria.pk for e in shown)
    assert f'Rows about <a href="/clients/{maria.pk}/">Maria Lopez</a> (born 1981-03-14)' in page(
        response
    )


def test_a_name_that_matches_several_clients_names_each(as_olivia, maria, james):
    text = page(audit(as_olivia, maria.clinic_id, q="a"))
    assert "James Carter</a> (born 1975-07-02)" in text
    assert "Maria Lopez</a> (born 1981-03-14)" in text


def test_an_unknown_name_says_so_instead_of_showing_everything(as_olivia, maria):
    response = audit(as_olivia, maria.clinic_id, q="Zebedee")
    text = page(response)
    assert "No client matches “Zebedee”." in text
    assert "<table" not in text


def test_the_client_number_box_is_gone(as_olivia, maria):
    text = page(audit(as_olivia, maria.clinic_id))
    assert "Client number" not in text
    assert 'name="q"' in text


def test_the_audit_trail_link_still_narrows_to_the_client_and_names_them(as_olivia, maria, james):
    response = audit(as_olivia, maria.clinic_id, record=maria.pk)
    assert {e.client_id for e in response.context["page"]} == {maria.pk}
    assert "Rows about" in page(response) and "Maria Lopez</a>" in page(response)


def test_a_client_of_another_clinic_is_not_found_by_name_or_number(as_bob, bob, maria, southside):
    text = page(audit(as_bob, southside.pk, q="Lopez"))
    assert "No client matches “Lopez”." in text and "Maria" not in text
    text = page(audit(as_bob, southside.pk, record=maria.pk))
    assert "Maria" not in text and "Lopez" not in text


def test_each_row_names_the_client_it_is_about(as_olivia, as_alice, maria):
    as_alice.get(f"/clients/{maria.pk}/")
    text = page(audit(as_olivia, maria.clinic_id))
    assert f'<td><a href="/clients/{maria.pk}/">Maria Lopez</a></td><td>client {maria.pk}</td>' in (
        text
    )
