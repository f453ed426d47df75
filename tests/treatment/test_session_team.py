"""Only the treating practitioner, and the colleagues they add to the session, record its
events; anyone else of the clinic may follow the session but is refused, and nothing is kept."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from repattern.accounts.models import Role
from repattern.audit.models import AuditEvent
from repattern.treatment import services
from repattern.treatment.models import SessionEvent
from tests.characters import make_user, signed_in


@pytest.fixture
def ben(django_user_model, northside):
    return make_user(django_user_model, "ben", northside, Role.PRACTITIONER)


def weak_test(browser, session):
    fields = {
        "event_id": str(uuid.uuid4()),
        "kind": "test",
        "site": "psoas_major:left",
        "result": "weak",
    }
    return browser.post(f"/sessions/{session.pk}/events/", fields)


def test_a_colleague_not_added_is_refused_and_nothing_is_kept(session, ben):
    response = weak_test(signed_in(ben), session)
    assert response.status_code == 409
    assert "ask them to add you" in response.json()["error"]
    assert not SessionEvent.objects.exists()


def test_a_colleague_the_practitioner_adds_records_in_the_session(session, alice, ben):
    signed_in(alice).post(f"/sessions/{session.pk}/team/", {"membership": ben.memberships.get().pk})
    assert weak_test(signed_in(ben), session).status_code == 200
    assert SessionEvent.objects.get().recorded_by == ben
    assert AuditEvent.objects.filter(action="session_team_add", summary="ben").exists()


def test_only_the_treating_practitioner_adds_colleagues(session, ben, olivia):
    with pytest.raises(ValidationError, match="Only alice"):
        services.session_team_add(session=session, member=olivia, by=ben)


def test_an_assistant_is_not_offered_and_cannot_be_added(session, alice, sam):
    screen = signed_in(alice).get(f"/sessions/{session.pk}/").content.decode()
    assert "sam" not in screen.split("Who records in this session")[1].split("</details>")[0]
    response = signed_in(alice).post(
        f"/sessions/{session.pk}/team/", {"membership": sam.memberships.get().pk}, follow=True
    )
    assert "Choose a colleague from the list." in response.content.decode()
    assert not session.team.exists()


def test_another_clinics_member_cannot_be_added(session, alice, bob):
    signed_in(alice).post(f"/sessions/{session.pk}/team/", {"membership": bob.memberships.get().pk})
    assert not session.team.exists()


def test_a_colleague_following_the_session_is_told_who_records(session, ben):
    text = signed_in(ben).get(f"/sessions/{session.pk}/").content.decode()
    assert "You can follow this session" in text
