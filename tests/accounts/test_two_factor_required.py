"""Olivia, Northside's owner, requires two-factor sign-in of every member: Alice, who has not
set it up, is taken to set it up before anything else, yet can still sign out or change her
password. Bob at Southside is not affected."""

from __future__ import annotations

import pytest

from repattern.audit.models import AuditAction, AuditEvent
from tests.accounts.two_factor_helpers import SECRET, code_now, with_two_factor
from tests.characters import PASSWORD

SET_UP = "/account/two-factor/"


@pytest.fixture
def required(northside):
    northside.two_factor_required = True
    northside.save()
    return northside


def test_the_owner_requires_it_on_the_members_page_and_it_is_audited(as_olivia, olivia, northside):
    with_two_factor(olivia)
    page = as_olivia.get(f"/clinics/{northside.pk}/members/").content.decode()
    assert "Require two-factor sign-in of every member" in page
    response = as_olivia.post(f"/clinics/{northside.pk}/members/two-factor/", {"required": "on"})
    assert response.status_code == 302
    northside.refresh_from_db()
    assert northside.two_factor_required
    assert AuditEvent.objects.filter(
        clinic=northside, action=AuditAction.CLINIC_REQUIRE_TWO_FACTOR
    ).exists()
    as_olivia.post(f"/clinics/{northside.pk}/members/two-factor/", {})
    northside.refresh_from_db()
    assert not northside.two_factor_required


def test_an_owner_without_it_is_asked_to_set_it_up_first(as_olivia, northside):
    response = as_olivia.post(
        f"/clinics/{northside.pk}/members/two-factor/", {"required": "on"}, follow=True
    )
    assert "Set up two-factor sign-in for yourself first" in response.content.decode()
    northside.refresh_from_db()
    assert not northside.two_factor_required


def test_a_practitioner_cannot_change_the_requirement(as_alice, northside):
    response = as_alice.post(f"/clinics/{northside.pk}/members/two-factor/", {"required": "on"})
    assert response.status_code == 403
    northside.refresh_from_db()
    assert not northside.two_factor_required


def test_the_members_page_shows_who_has_it(as_olivia, alice, northside):
    with_two_factor(alice)
    page = as_olivia.get(f"/clinics/{northside.pk}/members/").content.decode()
    assert "<td>On</td>" in page and "<td>Not set up</td>" in page


def test_a_member_without_it_is_taken_to_set_it_up_first(as_alice, required, maria):
    for url in ("/", f"/clinics/{required.pk}/clients/", f"/clients/{maria.pk}/", "/account/"):
        response = as_alice.get(url)
        assert response.status_code == 302 and response["Location"] == SET_UP, url
    page = as_alice.get(SET_UP).content.decode()
    assert "Northside Clinic requires two-factor sign-in of every member" in page


def test_set_up_sign_out_and_password_pages_stay_reachable(as_alice, required):
    assert as_alice.get(SET_UP).status_code == 200
    assert as_alice.get("/accounts/password_change/").status_code == 200
    assert as_alice.get("/static/css/app.css").status_code == 200
    assert as_alice.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in as_alice.session


def test_a_page_part_asked_for_by_htmx_loads_the_set_up_page_whole(as_alice, required):
    response = as_alice.get(f"/clinics/{required.pk}/clients/", HTTP_HX_REQUEST="true")
    assert response.status_code == 403 and response["HX-Redirect"] == SET_UP


def test_once_set_up_she_goes_on_as_before(as_alice, required):
    as_alice.get(SET_UP)
    secret = as_alice.session["two_factor_secret"]
    as_alice.post(SET_UP, {"code": code_now(secret)})
    assert as_alice.get(f"/clinics/{required.pk}/clients/").status_code == 200


def test_a_member_who_has_it_signs_in_as_usual(client, alice, required):
    with_two_factor(alice)
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    client.post("/accounts/login/code/", {"code": code_now(SECRET, 1)})
    assert client.get(f"/clinics/{required.pk}/clients/").status_code == 200


def test_another_clinic_is_not_affected(as_bob, required, southside):
    assert as_bob.get(f"/clinics/{southside.pk}/clients/").status_code == 200
