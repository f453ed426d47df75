"""Alice finds Maria by her birth year, and by her phone number written the national way
("07700 900101") although it is stored the international way ("+44 7700 900101")."""

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
            first_name="James",
            last_name="Carter",
            date_of_birth=date(1975, 7, 2),
            phone="+44 7700 900102",
        ),
    )


def found(browser, clinic, query: str) -> str:
    return page(browser.get(f"/clinics/{clinic.pk}/clients/", {"q": query}))


def test_a_four_digit_year_finds_the_clients_born_that_year(as_alice, northside, maria, james):
    text = found(as_alice, northside, "1981")
    assert "Lopez, Maria" in text and "Carter, James" not in text


def test_a_year_and_a_name_narrow_together(as_alice, northside, maria, james):
    assert "No client matches" in found(as_alice, northside, "1975 Lopez")


@pytest.mark.parametrize("query", ["07700 900101", "07700900101", "(0)7700-900-101"])
def test_a_national_number_finds_the_international_one(as_alice, northside, maria, james, query):
    text = found(as_alice, northside, query)
    assert "Lopez, Maria" in text and "Carter, James" not in text


def test_an_international_number_finds_a_national_one(as_alice, northside, maria, james):
    Client.objects.filter(pk=maria.pk).update(phone="07700 900101")
    text = found(as_alice, northside, "+44 7700 900101")
    assert "Lopez, Maria" in text and "Carter, James" not in text
