"""Bad input gets a message that says what to fix, never a 500, and nothing saved half-way."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from repattern.clients import services
from repattern.clients.models import Client, Consent, Injury, PainArea, SafetyScreen, Scar

SCRIPT = "<script>alert('x')</script>"
HUGE = "x" * 10_000
GOOD_CLIENT = {
    "first_name": "Nora",
    "last_name": "Quinn",
    "date_of_birth": "1980-05-05",
    "gender": "female",
}


def register(browser, clinic, **changes):
    return browser.post(f"/clinics/{clinic.pk}/clients/new/", {**GOOD_CLIENT, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "This field is required."),
        ({"last_name": "   "}, "This field is required."),
        (
            {"date_of_birth": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "cannot be in the future",
        ),
        ({"date_of_birth": "2023-02-30"}, "Enter a real date"),
        ({"date_of_birth": "yesterday"}, "Enter a real date"),
        ({"date_of_birth": "1850-01-01"}, "must be after 1900"),
        ({"first_name": HUGE}, "at most 100 characters"),
        ({"notes": HUGE}, "at most 5000 characters"),
        ({"phone": "call me maybe"}, "digits, spaces"),
        ({"email": "not-an-address"}, "valid email"),
        ({"gender": "robot"}, "Select a valid choice"),
    ],
)
def test_a_bad_client_form_says_what_to_fix_and_saves_nothing(
    as_alice, northside, changes, message
):
    response = register(as_alice, northside, **changes)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Client.objects.exists()


def test_script_in_every_text_field_is_stored_and_shown_as_text(as_alice, northside):
    text = {f: SCRIPT for f in ["first_name", "last_name", "preferred_name", "notes"]}
    response = register(as_alice, northside, **text)
    client = Client.objects.get()
    assert client.first_name == SCRIPT
    page = as_alice.get(f"/clients/{client.pk}/").content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("entry", "data", "message"),
    [
        (
            "pain_area",
            {"region": "lower_back", "side": "left", "intensity": "11"},
            "from 0 (none) to 10",
        ),
        (
            "pain_area",
            {"region": "lower_back", "side": "left", "intensity": "-1"},
            "from 0 (none) to 10",
        ),
        (
            "pain_area",
            {"region": "moon", "side": "left", "intensity": "3"},
            "Select a valid choice",
        ),
        (
            "injury",
            {"kind": "sprain", "region": "ankle", "side": "left", "occurred_on": "2999-01-01"},
            "cannot be in the future",
        ),
        (
            "injury",
            {"kind": "sprain", "region": "ankle", "side": "left", "occurred_on": "1970-01-01"},
            "before the client's date of birth",
        ),
        (
            "injury",
            {"kind": "sprain", "region": "ankle", "side": "left", "age_at_injury": "90"},
            "the age must not be more",
        ),
        (
            "injury",
            {"kind": "sprain", "region": "ankle", "side": "left", "occurred_on": "2021-13-45"},
            "Enter a real date",
        ),
        ("scar", {"procedure": "", "region": "knee", "side": "left"}, "This field is required."),
        (
            "scar",
            {"procedure": "Op", "region": "knee", "side": "left", "year": "1960"},
            "before the client was born",
        ),
        (
            "scar",
            {"procedure": "Op", "region": "knee", "side": "left", "length_cm": "500"},
            "less than or equal to 99.9",
        ),
        ("scar", {"procedure": HUGE, "region": "knee", "side": "left"}, "at most 120 characters"),
    ],
)
def test_a_bad_history_entry_gets_its_error_inline(as_alice, maria, entry, data, message):
    before = (Injury.objects.count(), Scar.objects.count(), PainArea.objects.count())
    prefixed = {f"{entry}-{k}": v for k, v in data.items()}
    response = as_alice.post(
        f"/clients/{maria.pk}/history/{entry}/add/", prefixed, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert message in html.unescape(response.content.decode())
    assert (Injury.objects.count(), Scar.objects.count(), PainArea.objects.count()) == before


def test_an_unknown_history_kind_is_not_found(as_alice, maria):
    assert as_alice.post(f"/clients/{maria.pk}/history/horoscope/add/", {}).status_code == 404


def test_a_pain_of_eleven_cannot_reach_the_database_even_through_a_service(maria, alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.pain_area_add(client=maria, user=alice, region="knee", side="left", intensity=11)


def test_an_unanswered_screen_question_is_not_taken_as_no(as_alice, maria):
    screens = SafetyScreen.objects.count()
    response = as_alice.post(f"/clients/{maria.pk}/screen/", {"infection": "no"})
    assert response.status_code == 200 and "Answer yes or no." in response.content.decode()
    assert SafetyScreen.objects.count() == screens


def test_a_client_link_with_one_bad_answer_saves_none_of_the_rest(client, maria, alice):
    _, token = services.intake_link_create(client=maria, user=alice, days=7)
    answers = {f"screen-{q}": "no" for q in ["infection", "fever"]}  # the rest unanswered
    response = client.post(
        f"/intake/{token}/",
        {
            "intake-goals": "Run again",
            "consent-signed_name": "Maria Lopez",
            "consent-agree": "on",
            **answers,
        },
    )
    assert response.status_code == 422
    maria.intake.refresh_from_db()
    assert maria.intake.goals == ""
    assert Consent.objects.filter(client=maria).count() == 1
    assert SafetyScreen.objects.filter(client=maria).count() == 1
