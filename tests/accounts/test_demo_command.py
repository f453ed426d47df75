"""`repattern demo` loads a demo clinic once, keeps it on later runs and starts over on --reset."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from repattern import demo
from repattern.accounts.models import Clinic, Role
from repattern.clients.models import Client, ScreenStatus


def run_demo(**options) -> str:
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    clinic = Clinic.objects.get(name=demo.CLINIC_NAME)
    return {
        "clients": clinic.clients.count(),
        "practitioners": clinic.memberships.filter(role=Role.PRACTITIONER).count(),
        "members": clinic.memberships.count(),
        "clinics": Clinic.objects.count(),
    }


def test_it_loads_a_demo_clinic_with_varied_clients(db):
    output = run_demo()
    assert "Loaded the demo clinic." in output
    assert "http://127.0.0.1:8000/" in output and demo.PASSWORD in output
    assert counts()["clients"] >= 10
    assert counts()["practitioners"] == 2
    statuses = [client.screen_status() for client in Client.objects.all()]
    assert statuses.count(ScreenStatus.SEE_DOCTOR) == 1
    assert statuses.count(ScreenStatus.CLEARED) == 1
    maria = Client.objects.get(first_name="Maria", last_name="Lopez")
    assert maria.scars.get().procedure == "Appendectomy"


def test_the_demo_staff_sign_in_with_the_demo_password(client, db):
    run_demo()
    for username, _, _ in demo.STAFF:
        response = client.post(
            "/accounts/login/", {"username": username, "password": demo.PASSWORD}
        )
        assert response.status_code == 302, username
        client.logout()


def test_a_second_run_keeps_the_data_already_there(db):
    run_demo()
    before, ids = counts(), set(Client.objects.values_list("pk", flat=True))
    assert "Using the demo data already here." in run_demo()
    assert counts() == before
    assert set(Client.objects.values_list("pk", flat=True)) == ids


# Flush truncates tables, which PostgreSQL refuses inside the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_reset_starts_over():
    run_demo()
    before = counts()
    maria = Client.objects.get(first_name="Maria")
    maria.first_name = "Changed"
    maria.save()
    assert "Loaded the demo clinic." in run_demo(reset=True)
    assert counts() == before
    assert Client.objects.filter(first_name="Maria").exists()
    assert not Client.objects.filter(first_name="Changed").exists()


def test_a_bad_port_is_refused_with_a_message(db):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("demo", port=0, no_serve=True, stderr=err)
    assert exited.value.code == 2
    assert "--port must be between 1 and 65535." in err.getvalue()
    assert not Clinic.objects.exists()


def test_the_demo_refuses_a_database_whose_users_share_its_usernames(django_user_model):
    django_user_model.objects.create_user(username="olivia", password="x" * 12)
    with pytest.raises(CommandError, match="already has users named olivia"):
        call_command("demo", no_serve=True)
