"""Named characters shared by the tests.

Alice is a practitioner at Northside Clinic, where Olivia is the owner and Sam the assistant.
Bob owns Southside Clinic and must never see anything of Northside's.
Maria is Alice's client: an appendectomy scar, low back pain, screened clear and consented;
`session` is Alice's open session with her.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client as Browser

from repattern.accounts.models import Clinic, Membership, Role
from repattern.clients import services
from repattern.clients.models import Client
from repattern.clients.screening import QUESTION_IDS
from repattern.clients.services import ClientDetails

PASSWORD = "correct horse battery"
NO_FLAGS = dict.fromkeys(QUESTION_IDS, False)


def make_user(django_user_model: Any, username: str, clinic: Clinic, role: str) -> Any:
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )
    Membership.objects.create(user=user, clinic=clinic, role=role)
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The production hasher is slow on purpose; the throttle tests sign in dozens of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def northside(db: None) -> Clinic:
    return Clinic.objects.create(name="Northside Clinic")


@pytest.fixture
def southside(db: None) -> Clinic:
    return Clinic.objects.create(name="Southside Clinic")


@pytest.fixture
def alice(django_user_model: Any, northside: Clinic) -> Any:
    return make_user(django_user_model, "alice", northside, Role.PRACTITIONER)


@pytest.fixture
def olivia(django_user_model: Any, northside: Clinic) -> Any:
    return make_user(django_user_model, "olivia", northside, Role.OWNER)


@pytest.fixture
def sam(django_user_model: Any, northside: Clinic) -> Any:
    return make_user(django_user_model, "sam", northside, Role.ASSISTANT)


@pytest.fixture
def bob(django_user_model: Any, southside: Clinic) -> Any:
    return make_user(django_user_model, "bob", southside, Role.OWNER)


@pytest.fixture
def maria(northside: Clinic, alice: Any) -> Client:
    client = services.client_create(
        clinic=northside,
        user=alice,
        details=ClientDetails(
            first_name="Maria",
            last_name="Lopez",
            date_of_birth=date(1981, 3, 14),
            phone="+44 7700 900101",
            email="maria@example.com",
        ),
    )
    services.scar_add(
        client=client,
        user=alice,
        procedure="Appendectomy",
        region="lower_abdomen",
        side="right",
        year=2004,
    )
    services.pain_area_add(
        client=client, user=alice, region="lower_back", side="right", intensity=6
    )
    services.screen_record(client=client, user=alice, answers=NO_FLAGS)
    services.consent_record(client=client, user=alice, signed_name="Maria Lopez")
    return client


@pytest.fixture
def session(maria: Client, alice: Any) -> Any:
    """Alice's open session with Maria, pain before rated."""
    from repattern.treatment.services import session_start

    return session_start(client=maria, practitioner=alice, pain_before=[("lower_back", "right", 6)])


@pytest.fixture
def program(session: Any, alice: Any) -> Any:
    """Maria's home program, drafted from a session that corrected psoas over QL on the left."""
    from repattern.programs.services import program_draft
    from repattern.treatment.services import session_end
    from tests.treatment.conftest import confirm, correct

    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    session_end(session=session, user=alice)
    version = program_draft(session=session, user=alice)
    assert version is not None
    return version.program


def signed_in(user: Any) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


@pytest.fixture
def as_alice(alice: Any) -> Browser:
    return signed_in(alice)


@pytest.fixture
def as_olivia(olivia: Any) -> Browser:
    return signed_in(olivia)


@pytest.fixture
def as_bob(bob: Any) -> Browser:
    return signed_in(bob)
