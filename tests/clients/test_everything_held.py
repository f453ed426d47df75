"""Every kind of record that belongs to a client is listed once as held about them, so the
export writes it out and the erasure deletes it; a new kind fails here until it is listed."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from repattern.clients.held import CLIENT, RECORDS, TRAIL, Held
from repattern.clients.models import Client


def points_at_a_client(model: type[models.Model], seen: frozenset[type] = frozenset()) -> bool:
    """Whether a chain of foreign keys leads from the model's rows to a client."""
    for field in model._meta.concrete_fields:
        target = field.related_model if isinstance(field, models.ForeignKey) else None
        if target is Client:
            return True
        if target is not None and target not in seen and points_at_a_client(target, seen | {model}):
            return True
    return False


def test_every_kind_of_record_that_leads_to_a_client_is_held_about_them():
    listed = {kind.model for kind in (CLIENT, *RECORDS, TRAIL)}
    leading = {m for m in apps.get_models() if points_at_a_client(m)}
    assert leading - listed == set()


def test_every_kind_held_is_found_for_a_client_who_has_every_kind(maria_everything):
    counts = dict(Held(maria_everything).counts())
    assert [kind.plural for kind, count in counts.items() if count == 0] == []
