"""Signed in to his own portal, Tom gets nothing of Maria's at any portal address; and a staff
member's sign-in is no portal session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import get_resolver
from django.utils import timezone

from repattern.treatment.services import appointment_book

PRIVATE = (b"Maria", b"Lopez", b"Quadratus", b"Psoas")


def portal_routes() -> list[str]:
    return sorted(
        str(p.pattern)
        for p in get_resolver().url_patterns
        if str(p.pattern).startswith("portal/") and "<str:token>" not in str(p.pattern)
    )


def test_the_walk_covers_every_portal_page():
    assert len(portal_routes()) >= 8


@pytest.mark.parametrize("route", portal_routes())
def test_tom_gets_nothing_of_marias_at_any_portal_address(route, maria, alice, program, tom_phone):
    booked = appointment_book(
        client=maria, practitioner=alice, starts_at=timezone.now() + timedelta(days=1), by=alice
    )
    path = "/" + route.replace("<id:appointment_id>", str(booked.pk))
    key = program.current().exercises.get().key
    for answer in (
        tom_phone.get(path),
        tom_phone.post(path, {"key": key, "day": timezone.localdate().isoformat()}),
    ):
        assert answer.status_code in (200, 302, 404, 405, 422), path
        assert not any(word in answer.content for word in PRIVATE), path
    assert not program.adherence.exists(), "Tom cannot mark Maria's exercises"


def test_a_signed_in_practitioner_is_not_signed_in_to_any_portal(as_alice, maria, program):
    answer = as_alice.get("/portal/")
    assert answer.status_code == 302 and answer["Location"] == "/portal/signed-out/"
