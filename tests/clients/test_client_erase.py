"""Olivia, the owner, erases Maria on purpose: every record goes, the audit trail stays, and
nothing left in the database names her or says how to reach her."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, get_resolver

from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients.held import Held
from repattern.clients.models import Client
from repattern.treatment.models import TreatmentSession

REASON = "Maria Lopez asked in writing on 2 March for her records to be erased."
# What names or reaches Maria, as it could be written anywhere.
IDENTIFYING = ("maria", "lopez", "maria@example.com", "7700 900101", "7700900101")


def erase(browser: Any, client: Client, **changes: str) -> Any:
    data = {"full_name": "Maria Lopez", "reason": REASON, **changes}
    return browser.post(f"/clients/{client.pk}/erase/", data)


def text_anywhere() -> list[tuple[str, str, str]]:
    """Every text value in every column of every model: (model, field, value)."""
    found = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list(*fields) if fields else []:
            found += [(model._meta.label, f, str(v)) for f, v in zip(fields, row, strict=True)]
    return found


def test_the_owner_erases_a_client_and_no_row_anywhere_names_or_reaches_her(
    as_olivia, maria_everything
):
    assert any("lopez" in value.lower() for _, _, value in text_anywhere())
    response = erase(as_olivia, maria_everything)
    assert response.status_code == 302
    left = [
        (model, field, value)
        for model, field, value in text_anywhere()
        if any(word in value.lower() for word in IDENTIFYING)
    ]
    assert left == []


def test_her_records_are_gone_and_her_audit_rows_are_kept_under_her_number(
    as_olivia, olivia, maria_everything
):
    number = maria_everything.pk
    trail = AuditEvent.objects.filter(client_number=number).count()
    erase(as_olivia, maria_everything)
    assert not Client.objects.filter(pk=number).exists()
    left = [kind.plural for kind, count in Held(Client(pk=number)).counts() if count]
    assert left == []
    kept = AuditEvent.objects.filter(client_number=number)
    assert kept.count() > trail, "the rows before, and the erasure's own"
    erased = kept.get(action=AuditAction.CLIENT_ERASE)
    assert erased.user == olivia and erased.client is None
    assert (
        erased.summary
        == "[erased] [erased] asked in writing on 2 March for her records to be erased."
    )


def test_the_summaries_lose_the_name_and_contacts_but_keep_the_rest(as_olivia, maria_everything):
    erase(as_olivia, maria_everything)
    amended = AuditEvent.objects.get(action=AuditAction.NOTE_AMEND)
    assert amended.summary == "Phoned [erased] on [erased] ([erased]): soreness gone next day."
    created = AuditEvent.objects.get(action=AuditAction.CLIENT_CREATE)
    assert created.summary == "[erased] [erased]"


def test_an_erased_clients_pages_answer_not_found(as_olivia, maria_everything):
    number = maria_everything.pk
    session = TreatmentSession.objects.get()
    erase(as_olivia, maria_everything)
    routes = [
        "/" + str(entry.pattern)
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLPattern)
        and {"client_id", "session_id"} & set(entry.pattern.converters)
    ]
    assert len(routes) >= 15
    for route in routes:
        path = route.replace("<int:client_id>", str(number)).replace(
            "<int:session_id>", str(session.pk)
        )
        path = path.replace("<str:kind>", "scar").replace("<int:row_id>", "1")
        path = path.replace("<int:link_id>", "1").replace("<int:item_id>", "1")
        assert as_olivia.get(path).status_code in (404, 405), path
        assert as_olivia.post(path).status_code == 404, path


@pytest.mark.parametrize("who", ["alice", "sam"])
def test_a_practitioner_or_an_assistant_cannot_erase(who, request, maria_everything, sam):
    from tests.characters import signed_in

    browser = signed_in(request.getfixturevalue(who))
    assert browser.get(f"/clients/{maria_everything.pk}/erase/").status_code == 403
    assert erase(browser, maria_everything).status_code == 403
    assert Client.objects.filter(pk=maria_everything.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_ERASE).exists()


def test_another_clinics_owner_gets_not_found(as_bob, maria_everything):
    assert as_bob.get(f"/clients/{maria_everything.pk}/erase/").status_code == 404
    response = erase(as_bob, maria_everything)
    assert response.status_code == 404 and b"Lopez" not in response.content
    assert Client.objects.filter(pk=maria_everything.pk).exists()


def test_the_page_says_what_is_deleted_and_what_is_kept(as_olivia, maria_everything):
    text = html.unescape(as_olivia.get(f"/clients/{maria_everything.pk}/erase/").content.decode())
    assert "What will be deleted" in text and "What is kept" in text
    assert "1 session." in text and "1 SOAP note." in text and "1 note amendment." in text
    assert f"under client number {maria_everything.pk}" in text
    assert "Backups taken before the erasure still hold the records" in text


def test_the_client_page_offers_erasure_to_the_owner_only(as_olivia, as_alice, maria):
    assert b"Erase this client" in as_olivia.get(f"/clients/{maria.pk}/").content
    assert b"Erase this client" not in as_alice.get(f"/clients/{maria.pk}/").content
