"""Maria fills in her intake on her own phone through a one-time link, without an account."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from repattern.clients import services
from repattern.clients.models import EnteredBy, IntakeLink, PainArea, SafetyScreen, Scar
from repattern.clients.screening import CONSENT_VERSION, QUESTION_IDS
from repattern.clients.services import ClientDetails

LINK_CLOSED = "This link has expired or has already been used. Ask your clinic for a new one."


def page(response) -> str:
    return html.unescape(response.content.decode())


def full_answers(**changes: str) -> dict[str, str]:
    return {
        "intake-goals": "Lift my toddler without back pain.",
        "intake-activities": "Yoga",
        "intake-jaw_clenching": "on",
        "intake-conditions": ["low_back_pain"],
        **{f"screen-{q}": "no" for q in QUESTION_IDS},
        "consent-signed_name": "Maria Lopez",
        "consent-agree": "on",
        **changes,
    }


@pytest.fixture
def token(maria, alice) -> str:
    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    return token


def test_staff_make_a_link_that_is_shown_once_and_stored_only_as_a_hash(as_alice, maria):
    response = as_alice.post(f"/clients/{maria.pk}/intake-links/", {"days": "3"})
    text = page(response)
    assert "It is shown only now" in text
    url = re.search(r'value="(http://testserver/intake/([^"/]+)/)"', text)
    assert url, text
    token = url.group(2)
    link = IntakeLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in link.token_hash
    assert timedelta(days=2, hours=23) < link.expires_at - timezone.now() <= timedelta(days=3)
    again = page(as_alice.get(f"/clients/{maria.pk}/intake-links/"))
    assert token not in again and "open" in again


def test_the_link_opens_without_signing_in(client, maria, token):
    response = client.get(f"/intake/{token}/")
    text = page(response)
    assert response.status_code == 200
    assert "Hello Maria" in text and "Northside Clinic" in text
    assert f"Version {CONSENT_VERSION}" in text
    assert "Remove" not in text, "the client cannot remove what the clinic recorded"


def test_the_client_adds_a_scar_through_the_link_with_htmx(client, maria, token):
    response = client.post(
        f"/intake/{token}/history/scar/add/",
        {
            "scar-procedure": "Tonsillectomy",
            "scar-region": "neck_front",
            "scar-side": "midline",
            "scar-healing": "well_healed",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Tonsillectomy scar, midline front of neck" in page(response)
    assert maria.scars.filter(procedure="Tonsillectomy").exists()


def test_the_client_adds_an_injury_and_a_pain_area_with_plain_posts(client, maria, token):
    response = client.post(
        f"/intake/{token}/history/injury/add/",
        {"injury-kind": "sprain", "injury-region": "ankle", "injury-side": "left"},
    )
    assert response.status_code == 302 and response["Location"] == f"/intake/{token}/"
    client.post(
        f"/intake/{token}/history/pain_area/add/",
        {"pain_area-region": "knee", "pain_area-side": "left", "pain_area-intensity": "4"},
    )
    assert maria.injuries.get().kind == "sprain"
    assert PainArea.objects.filter(client=maria, region="knee", intensity=4).exists()
    assert "Sprain, left ankle" in page(client.get(f"/intake/{token}/"))


def test_a_bad_entry_through_the_link_says_what_to_fix(client, maria, token):
    response = client.post(
        f"/intake/{token}/history/pain_area/add/",
        {"pain_area-region": "knee", "pain_area-side": "left", "pain_area-intensity": "12"},
        follow=True,
    )
    assert "Rate pain from 0 (none) to 10 (worst imaginable)." in page(response)
    assert not PainArea.objects.filter(client=maria, region="knee").exists()


def test_submitting_every_answer_stores_intake_screen_and_consent_and_closes_the_link(
    client, maria, token
):
    screens, consents = maria.screens.count(), maria.consents.count()
    response = client.post(f"/intake/{token}/", full_answers(**{"screen-fever": "yes"}))
    assert response.status_code == 200
    assert "Thank you, Maria" in page(response)

    maria.intake.refresh_from_db()
    assert maria.intake.goals == "Lift my toddler without back pain."
    assert maria.intake.jaw_clenching and maria.intake.conditions == ["low_back_pain"]
    assert maria.screens.count() == screens + 1
    screen = maria.latest_screen()
    assert screen.entered_by == EnteredBy.CLIENT_LINK and screen.recorded_by is None
    assert screen.flags() == ["Fever"]
    assert maria.consents.count() == consents + 1
    consent = maria.consents.order_by("-accepted_at", "-id").first()
    assert (consent.entered_by, consent.version, consent.signed_name) == (
        EnteredBy.CLIENT_LINK,
        CONSENT_VERSION,
        "Maria Lopez",
    )
    assert IntakeLink.objects.get().completed_at is not None


def test_a_used_link_gives_404_and_says_to_ask_for_a_new_one(client, maria, token):
    client.post(f"/intake/{token}/", full_answers())
    for response in (
        client.get(f"/intake/{token}/"),
        client.post(f"/intake/{token}/", full_answers()),
        client.post(
            f"/intake/{token}/history/scar/add/",
            {"scar-procedure": "X", "scar-region": "knee", "scar-side": "left"},
        ),
    ):
        assert response.status_code == 404
        assert LINK_CLOSED in page(response)
    assert SafetyScreen.objects.filter(client=maria).count() == 2
    assert not Scar.objects.filter(procedure="X").exists()


def test_an_expired_link_gives_404(client, token):
    IntakeLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(f"/intake/{token}/")
    assert response.status_code == 404 and LINK_CLOSED in page(response)


def test_a_revoked_link_gives_404(client, as_alice, maria, token):
    link = IntakeLink.objects.get()
    as_alice.post(f"/clients/{maria.pk}/intake-links/{link.pk}/revoke/")
    link.refresh_from_db()
    assert link.revoked_at is not None
    response = client.get(f"/intake/{token}/")
    assert response.status_code == 404 and LINK_CLOSED in page(response)


@pytest.mark.parametrize("bad", ["nonsense", "x" * 43])
def test_a_bad_token_gives_404(client, token, bad):
    assert client.get(f"/intake/{bad}/").status_code == 404


def test_a_token_with_a_nul_character_gets_a_page_saying_so(client, token):
    response = client.get("/intake/%00/")
    assert response.status_code == 400 and "NUL character" in page(response)


def test_a_link_only_opens_its_own_clients_record(client, maria, alice, token):
    other = services.client_create(
        clinic=maria.clinic,
        user=alice,
        details=ClientDetails(
            first_name="James", last_name="Carter", date_of_birth=maria.date_of_birth
        ),
    )
    _, other_token = services.intake_link_create(client=other, user=alice, days=7)
    assert "Hello James" in page(client.get(f"/intake/{other_token}/"))
    assert "Carter" not in page(client.get(f"/intake/{token}/"))


def test_a_link_claimed_by_a_simultaneous_submit_refuses_the_second_with_a_page(
    client, maria, alice
):
    from django.core.exceptions import ValidationError

    link, _ = services.intake_link_create(client=maria, user=alice, days=7)
    answers = dict.fromkeys(QUESTION_IDS, False)
    sent = {
        "intake": services.IntakeAnswers(),
        "screen_answers": answers,
        "screen_notes": "",
        "signed_name": "Maria Lopez",
    }
    services.intake_link_submit(link=link, **sent)
    with pytest.raises(ValidationError, match="already been sent"):
        services.intake_link_submit(link=link, **sent)
    assert IntakeLink.objects.get(pk=link.pk).completed_at is not None
    assert maria.consents.count() == 2  # the fixture's, and the link's one


def test_the_link_shows_only_what_the_client_adds_and_each_opening_is_audited(client, maria, alice):
    from repattern.audit.models import AuditEvent

    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    page = html.unescape(client.get(f"/intake/{token}/").content.decode())
    assert "Appendectomy" not in page, "staff-entered history stays with the clinic"
    assert AuditEvent.objects.filter(
        client=maria, action="intake_link_open", actor__startswith="client via link"
    ).exists()
