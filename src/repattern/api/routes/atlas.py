"""The clinic's atlas, read only: the shipped entries and relations with the clinic's charts."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router
from pydantic import Field

from repattern.api.caller import caller_of
from repattern.api.paging import Page, Paging
from repattern.api.routes.common import ERRORS
from repattern.api.schemas import AtlasEntryDetailOut, AtlasEntryOut
from repattern.atlas.services import clinic_atlas
from repattern.audit.models import AuditAction
from repattern.engine.atlas.schema import Muscle
from repattern.engine.errors import EngineError

router = Router(tags=["atlas"])


class AtlasSearch(Paging):
    q: str = Field("", max_length=100, description="Words of a name or alias")


def _kind(entry: Any) -> str:
    return "muscle" if isinstance(entry, Muscle) else str(entry.kind)


@router.get("/atlas/entries", response={200: Page[AtlasEntryOut], **ERRORS})
def atlas_list(request: HttpRequest, search: Query[AtlasSearch]) -> dict[str, Any]:
    """Muscles and other structures, by name; with `q`, the best matches first."""
    caller = caller_of(request)
    atlas = clinic_atlas(caller.clinic_id)
    if search.q.strip():
        entries = atlas.search(search.q)
    else:
        entries = sorted(atlas.entries(), key=lambda e: e.name)
    caller.audit(AuditAction.API_READ, caller.clinic, "atlas entries")
    chosen = entries[search.offset : search.offset + search.limit]
    return {
        "items": [{"id": e.id, "name": e.name, "kind": _kind(e)} for e in chosen],
        "count": len(entries),
        "limit": search.limit,
        "offset": search.offset,
    }


@router.get("/atlas/entries/{entry_id}", response={200: AtlasEntryDetailOut, **ERRORS})
def atlas_entry(request: HttpRequest, entry_id: str = Path(..., max_length=100)) -> dict[str, Any]:
    caller = caller_of(request)
    atlas = clinic_atlas(caller.clinic_id)
    try:
        entry = atlas.get(entry_id)
    except EngineError as unknown:
        raise Http404 from unknown
    caller.audit(AuditAction.API_READ, caller.clinic, f"atlas entry {entry.id}")
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": _kind(entry),
        "entry": entry.model_dump(mode="json"),
        "relations": [asdict(r) for r in atlas.relations_for(entry.id)],
    }
