"""When the name signed is not the client's, the consent says who signed for them.

Nora is 15: her mother, Ruth Quinn, signs for her. Maria signs for herself, as "maria lopez" or as
"Mari Lopez", her preferred name.
"""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from repattern.clients import services
from repattern.clients.models import Client, Consent
from repattern.clients.screening import QUESTION_IDS
from repattern.clients.services import ClientDetails

SIGNER_NEEDED = (
    "The name signed is not the client's: say who signed for them, e.g. parent, guardian or carer."
)


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def nora(northside, alice) -> Client:
    return services.client_create(
        clinic=northside,
        user=alice,
        details=ClientDetails(first_name="Nora", last_name="Quinn", date_of_birth=date(2011, 5, 5)),
    )


def sign(browser, client, **data):
    return browser.post(f"/clients/{client.pk}/consent/", {"agree": "on", **data}, follow=True)


def test_a_signature_by_someone_else_needs_their_relationship(as_alice, nora):
    response = sign(as_alice, nora, signed_name="Ruth Quinn")
    assert SIGNER_NEEDED in page(response)
    assert not Consent.objects.filter(client=nora).exists()


def test_the_relationship_is_stored_and_shown_on_the_client_page(as_alice, nora):
    response = sign(as_alice, nora, signed_name="Ruth Quinn", signer_relationship="Mother")
    assert "Consent recorded." in page(response)
    consent = Consent.objects.get(client=nora)
    assert (consent.signed_name, consent.signer_relationship) == ("Ruth Quinn", "Mother")
    assert "Signed by “Ruth Quinn” (Mother)" in page(response)


@pytest.mark.parametrize("signed_name", ["maria lopez", "  MARIA   Lopez ", "MariaLopez"])
def test_the_clients_own_name_needs_no_relationship_whatever_its_case_or_spacing(
    as_alice, maria, signed_name
):
    Consent.objects.filter(client=maria).delete()
    response = sign(as_alice, maria, signed_name=signed_name)
    assert "Consent recorded." in page(response)


def test_the_preferred_name_with_the_last_name_counts_as_the_clients_own(as_alice, maria):
    Client.objects.filter(pk=maria.pk).update(preferred_name="Mari")
    Consent.objects.filter(client=maria).delete()
    response = sign(as_alice, maria, signed_name="Mari Lopez")
    assert "Consent recorded." in page(response)
    assert Consent.objects.get(client=maria).signer_relationship == ""


def test_the_public_link_asks_who_signed_too(client, nora, alice):
    _, token = services.intake_link_create(client=nora, user=alice, days=7)
    answers = {
        **{f"screen-{q}": "no" for q in QUESTION_IDS},
        "consent-signed_name": "Ruth Quinn",
        "consent-agree": "on",
    }
    response = client.post(f"/intake/{token}/", answers)
    assert response.status_code == 422 and SIGNER_NEEDED in page(response)
    response = client.post(f"/intake/{token}/", {**answers, "consent-signer_relationship": "Mum"})
    assert "Thank you, Nora" in page(response)
    assert Consent.objects.get(client=nora).signer_relationship == "Mum"


def test_the_service_refuses_a_signature_by_someone_else_without_a_relationship(nora, alice):
    with pytest.raises(ValidationError) as refused:
        services.consent_record(client=nora, user=alice, signed_name="Ruth Quinn")
    assert refused.value.message_dict == {"signer_relationship": [SIGNER_NEEDED]}


def test_consent_recorded_by_staff_names_them_as_the_witness(as_olivia, maria, sam):
    from tests.characters import signed_in

    signed_in(sam).post(
        f"/clients/{maria.pk}/consent/", {"signed_name": "Maria Lopez", "agree": "on"}
    )
    consent = maria.consents.latest("accepted_at")
    assert consent.witnessed_by == sam
    text = as_olivia.get(f"/clients/{maria.pk}/").content.decode()
    assert "witnessed by Sam" in text or "witnessed by sam" in text


def test_the_consent_form_tells_the_member_they_witness_it(as_alice, maria):
    text = as_alice.get(f"/clients/{maria.pk}/consent/").content.decode()
    assert "witness this signature" in text
