"""Alice registers, edits, finds, archives and restores clients."""

from __future__ import annotations

import html
from datetime import date

import pytest

from repattern.clients import services
from repattern.clients.models import Client, Intake
from repattern.clients.services import ClientDetails
from tests.characters import signed_in


def page(response) -> str:
    return html.unescape(response.content.decode())


def list_url(clinic) -> str:
    return f"/clinics/{clinic.pk}/clients/"


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
            email="james.carter@example.com",
        ),
    )


def test_alice_registers_a_client_and_goes_on_to_the_history(as_alice, northside):
    response = as_alice.post(
        f"/clinics/{northside.pk}/clients/new/",
        {
            "first_name": "Nora",
            "last_name": "Quinn",
            "date_of_birth": "1980-05-05",
            "gender": "female",
            "phone": "+44 7700 900999",
            "email": "nora@example.com",
        },
    )
    nora = Client.objects.get()
    assert (nora.clinic, nora.full_name, nora.date_of_birth) == (
        northside,
        "Nora Quinn",
        date(1980, 5, 5),
    )
    assert Intake.objects.filter(client=nora).exists()
    assert response.status_code == 302 and response["Location"] == f"/clients/{nora.pk}/intake/"


def test_alice_edits_a_client(as_alice, maria):
    response = as_alice.post(
        f"/clients/{maria.pk}/edit/",
        {
            "first_name": "Maria",
            "last_name": "Lopez Vidal",
            "preferred_name": "Mari",
            "date_of_birth": "1981-03-14",
            "gender": "female",
            "phone": "+44 7700 900111",
            "email": "maria@example.com",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/clients/{maria.pk}/"
    maria.refresh_from_db()
    assert (maria.last_name, maria.preferred_name, maria.phone) == (
        "Lopez Vidal",
        "Mari",
        "+44 7700 900111",
    )
    assert "Lopez Vidal" in page(as_alice.get(response["Location"]))


def test_the_list_shows_the_clinics_clients_by_last_name(as_alice, northside, maria, james):
    text = page(as_alice.get(list_url(northside)))
    assert text.index("Carter, James") < text.index("Lopez, Maria")


@pytest.mark.parametrize(
    "query",
    [
        "lopez",
        "Maria Lopez",
        "1981-03-14",
        "7700 900101",
        "7700900101",
        "+447700900101",
        "maria@example.com",
    ],
)
def test_alice_finds_a_client_by_name_birth_date_phone_or_e_mail(
    as_alice, northside, maria, james, query
):
    text = page(as_alice.get(list_url(northside), {"q": query}))
    assert "Lopez, Maria" in text
    assert "Carter, James" not in text


def test_a_search_that_matches_nobody_says_so(as_alice, northside, maria):
    text = page(as_alice.get(list_url(northside), {"q": "Zebedee"}))
    assert "No client matches “Zebedee”." in text


def test_an_htmx_search_returns_just_the_rows(as_alice, northside, maria, james):
    response = as_alice.get(list_url(northside), {"q": "Carter"}, HTTP_HX_REQUEST="true")
    text = page(response)
    assert response.status_code == 200
    assert "Carter, James" in text and "Lopez, Maria" not in text
    assert "<html" not in text and "<h1>" not in text
    assert text.lstrip().startswith('<div class="table-wrap"><table class="clients">')


def test_an_archived_client_leaves_the_list_until_show_archived_is_ticked(
    as_alice, northside, maria, james
):
    response = as_alice.post(f"/clients/{maria.pk}/archive/", {"action": "archive"}, follow=True)
    assert "Maria Lopez archived; the record is kept and can be restored." in page(response)
    maria.refresh_from_db()
    assert maria.is_archived
    assert "Lopez" not in page(as_alice.get(list_url(northside)))
    shown = page(as_alice.get(list_url(northside), {"archived": "on"}))
    assert "Lopez, Maria" in shown and "archived</span>" in shown
    assert "Carter, James" in shown


def test_restoring_an_archived_client_brings_them_back(as_alice, northside, maria):
    as_alice.post(f"/clients/{maria.pk}/archive/", {"action": "archive"})
    response = as_alice.post(f"/clients/{maria.pk}/archive/", {"action": "restore"}, follow=True)
    assert "Maria Lopez restored." in page(response)
    maria.refresh_from_db()
    assert not maria.is_archived
    assert "Lopez, Maria" in page(as_alice.get(list_url(northside)))


def test_a_double_tap_on_archive_leaves_the_client_archived(as_alice, maria):
    for _ in range(2):
        as_alice.post(f"/clients/{maria.pk}/archive/", {"action": "archive"})
    maria.refresh_from_db()
    assert maria.is_archived


def test_an_assistant_cannot_archive_a_client(sam, maria):
    response = signed_in(sam).post(f"/clients/{maria.pk}/archive/")
    assert response.status_code == 403
    maria.refresh_from_db()
    assert not maria.is_archived


def test_an_assistant_registers_and_edits_clients(sam, northside, maria):
    as_sam = signed_in(sam)
    assert as_sam.get(f"/clients/{maria.pk}/edit/").status_code == 200
    assert as_sam.get(f"/clinics/{northside.pk}/clients/new/").status_code == 200
