"""`repattern createclinic` makes a clinic and its owner, and says in words what went wrong."""

from __future__ import annotations

import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from repattern.accounts.models import Clinic, Membership, Role


def create(*args, **options) -> str:
    out = io.StringIO()
    call_command("createclinic", *args, stdout=out, **options)
    return out.getvalue()


def test_it_makes_a_clinic_and_its_owner(db):
    output = create("Eastside", owner="erin", email="erin@example.com", no_password=True)
    clinic = Clinic.objects.get(name="Eastside")
    erin = get_user_model().objects.get(username="erin")
    assert erin.email == "erin@example.com"
    assert not erin.has_usable_password()
    assert Membership.objects.get(user=erin).clinic == clinic
    assert Membership.objects.get(user=erin).role == Role.OWNER
    assert f"Created clinic 'Eastside' (id {clinic.pk}) with owner erin." in output


def test_an_owner_made_without_a_password_can_be_sent_a_link_to_choose_one(db):
    from repattern.accounts.forms import MemberPasswordResetForm

    create("Eastside", owner="erin", email="erin@example.com", no_password=True)
    form = MemberPasswordResetForm({"email": "erin@example.com"})
    assert form.is_valid()
    form.save(domain_override="testserver")
    assert [m.to for m in mail.outbox] == [["erin@example.com"]]


def test_an_existing_user_becomes_the_owner_of_the_new_clinic(olivia):
    create("Eastside", owner="olivia", no_password=True)
    assert olivia.memberships.get(clinic__name="Eastside").role == Role.OWNER
    assert olivia.has_usable_password()


def test_a_blank_name_is_refused_with_a_message(db):
    with pytest.raises(CommandError, match="Give the clinic a name"):
        create("   ", owner="erin", no_password=True)
    assert not Clinic.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_bad_owner_username_is_refused_and_nothing_is_made(db):
    with pytest.raises(CommandError, match="Enter a valid username"):
        create("Eastside", owner="erin smith!", no_password=True)
    assert not Clinic.objects.exists()


def test_without_a_terminal_it_says_to_pass_no_password(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    with pytest.raises(CommandError, match="pass --no-password"):
        create("Eastside", owner="erin", email="erin@example.com")
    assert not Clinic.objects.exists()


def test_a_clinic_name_already_taken_is_refused(northside):
    with pytest.raises(CommandError, match="A clinic named 'northside clinic' already exists"):
        create("northside clinic", owner="erin", email="erin@example.com", no_password=True)
    assert Clinic.objects.count() == 1
    assert not get_user_model().objects.filter(username="erin").exists()


def test_an_existing_owner_is_named_and_keeps_their_e_mail(olivia, monkeypatch):
    # No password is asked for: the existing user keeps theirs.
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    output = create("Eastside", owner="olivia", email="new@example.com")
    assert (
        "Using the existing user olivia; their e-mail is unchanged and they keep their password."
        in output
    )
    olivia.refresh_from_db()
    assert olivia.email == "olivia@example.com"
    assert olivia.memberships.get(clinic__name="Eastside").role == Role.OWNER
