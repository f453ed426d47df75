"""What every route shares: the answers it documents, and a record looked up in the clinic."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404
from ninja.responses import codes_4xx

from repattern.api.errors import Problem

M = TypeVar("M", bound=models.Model)
ERRORS: dict[Any, Any] = {codes_4xx: Problem}


def one(rows: models.QuerySet[M], pk: int) -> M:
    """The record with this id among `rows` (already limited to the caller's clinic), or 404:
    another clinic's records do not exist as far as a token can tell."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
