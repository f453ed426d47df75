"""The erasure form refuses what does not make the owner's intent plain, and says what to do."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError

from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients import services
from repattern.clients.models import Client

REASON = "The client asked in writing for her records to be erased."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "Write why the client's records are erased"),
        ({"reason": "   \n  "}, "Write why the client's records are erased"),
        ({"reason": "She asked."}, "at least 20 characters"),
        ({"reason": "x" * 301}, "at most 300 characters"),
        ({"full_name": ""}, "Type the client's full name to confirm the erasure."),
        ({"full_name": "Maria"}, "That is not the client's full name: type Maria Lopez as shown."),
        ({"full_name": "Maria Lopes"}, "That is not the client's full name"),
        ({"full_name": "x" * 5000}, "at most 201 characters"),
    ],
)
def test_a_bad_erasure_form_says_what_to_fix_and_erases_nothing(as_olivia, maria, data, message):
    form = {"full_name": "Maria Lopez", "reason": REASON, **data}
    response = as_olivia.post(f"/clients/{maria.pk}/erase/", form)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert Client.objects.filter(pk=maria.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_ERASE).exists()


def test_the_name_may_be_typed_in_any_case_and_spacing(as_olivia, maria):
    response = as_olivia.post(
        f"/clients/{maria.pk}/erase/", {"full_name": "  maria   LOPEZ ", "reason": REASON}
    )
    assert response.status_code == 302
    assert not Client.objects.filter(pk=maria.pk).exists()


@pytest.mark.parametrize("client_id", ["999999", "99999999999999999999999999"])
def test_a_client_that_does_not_exist_is_not_found(as_olivia, maria, client_id):
    assert as_olivia.get(f"/clients/{client_id}/erase/").status_code == 404
    response = as_olivia.post(
        f"/clients/{client_id}/erase/", {"full_name": "Maria Lopez", "reason": REASON}
    )
    assert response.status_code == 404


def test_the_service_refuses_an_empty_reason(maria, olivia):
    with pytest.raises(ValidationError, match="Write why"):
        services.client_erase(client=maria, user=olivia, reason="  ")
    assert Client.objects.filter(pk=maria.pk).exists()
