"""Olivia, Northside's owner, adds, re-roles and removes members; a clinic keeps one owner."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from repattern.accounts.models import Membership, Role

NEW_MEMBER = {
    "username": "ben",
    "email": "ben@example.com",
    "first_name": "Ben",
    "last_name": "Adeyemi",
    "role": Role.PRACTITIONER,
}
LAST_OWNER = "A clinic needs at least one owner: make someone else owner first."


def members_url(clinic) -> str:
    return f"/clinics/{clinic.pk}/members/"


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_owner_adds_a_member_who_gets_an_e_mail_to_choose_a_password(
    client, as_olivia, northside
):
    response = as_olivia.post(members_url(northside), NEW_MEMBER, follow=True)
    assert "ben added as practitioner" in page(response)
    ben = get_user_model().objects.get(username="ben")
    assert not ben.has_usable_password()
    assert ben.get_full_name() == "Ben Adeyemi"
    assert Membership.objects.get(user=ben, clinic=northside).role == Role.PRACTITIONER

    [invitation] = mail.outbox
    assert invitation.to == ["ben@example.com"]
    assert "Northside Clinic" in invitation.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", invitation.body)
    assert link, invitation.body
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    new_password = "ben chooses a long one"
    client.post(
        form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    signed_in = client.post("/accounts/login/", {"username": "ben", "password": new_password})
    assert signed_in.status_code == 302


def test_the_owner_changes_a_members_role(as_olivia, northside, alice):
    membership = alice.memberships.get()
    response = as_olivia.post(
        f"{members_url(northside)}{membership.pk}/role/", {"role": Role.ASSISTANT}, follow=True
    )
    assert "alice is now assistant" in page(response)
    membership.refresh_from_db()
    assert membership.role == Role.ASSISTANT


def test_an_unknown_role_is_refused_with_a_message(as_olivia, northside, alice):
    membership = alice.memberships.get()
    response = as_olivia.post(
        f"{members_url(northside)}{membership.pk}/role/", {"role": "king"}, follow=True
    )
    assert "Choose one of the listed roles." in page(response)
    membership.refresh_from_db()
    assert membership.role == Role.PRACTITIONER


def test_the_owner_removes_a_member(as_olivia, northside, alice):
    membership = alice.memberships.get()
    response = as_olivia.post(f"{members_url(northside)}{membership.pk}/remove/", follow=True)
    assert "alice no longer belongs to Northside Clinic" in page(response)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert get_user_model().objects.filter(username="alice").exists()


def test_the_last_owner_cannot_be_demoted(as_olivia, northside, olivia):
    membership = olivia.memberships.get()
    response = as_olivia.post(
        f"{members_url(northside)}{membership.pk}/role/", {"role": Role.PRACTITIONER}, follow=True
    )
    assert LAST_OWNER in page(response)
    membership.refresh_from_db()
    assert membership.role == Role.OWNER


def test_the_last_owner_cannot_be_removed(as_olivia, northside, olivia):
    membership = olivia.memberships.get()
    response = as_olivia.post(f"{members_url(northside)}{membership.pk}/remove/", follow=True)
    assert LAST_OWNER in page(response)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_owner_can_step_down_once_there_is_another_owner(as_olivia, northside, olivia, alice):
    as_olivia.post(f"{members_url(northside)}{alice.memberships.get().pk}/role/", {"role": "owner"})
    membership = olivia.memberships.get()
    as_olivia.post(f"{members_url(northside)}{membership.pk}/role/", {"role": "practitioner"})
    membership.refresh_from_db()
    assert membership.role == Role.PRACTITIONER


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_practitioner_cannot_manage_members(as_alice, northside, method):
    response = getattr(as_alice, method)(members_url(northside), NEW_MEMBER)
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="ben").exists()


def test_adding_an_existing_member_again_is_a_form_error(as_olivia, northside, alice):
    response = as_olivia.post(
        members_url(northside), {**NEW_MEMBER, "username": "alice", "email": "alice@example.com"}
    )
    assert response.status_code == 200
    assert "alice is already a member of Northside Clinic." in page(response)
    assert Membership.objects.filter(user=alice).count() == 1
    assert mail.outbox == []


def test_a_bad_username_is_a_form_error(as_olivia, northside):
    response = as_olivia.post(members_url(northside), {**NEW_MEMBER, "username": "ben adeyemi!"})
    assert response.status_code == 200
    assert "Enter a valid username" in page(response)
    assert not get_user_model().objects.filter(email="ben@example.com").exists()
