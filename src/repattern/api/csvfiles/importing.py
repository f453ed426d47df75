"""Clients imported from a checked file: all of them, or none with every problem listed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from repattern.accounts.models import Clinic
from repattern.api.csvfiles.reading import Checked, Problem
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.clients.models.common import signature
from repattern.clients.services import ClientDetails, client_create


class ImportRefused(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


def _same(first: Any, last: Any, born: Any) -> tuple[str, str, date | None]:
    return signature(str(first)), signature(str(last)), born if isinstance(born, date) else None


def problems_of(clinic: Clinic, checked: Checked, mapping: dict[str, str]) -> list[Problem]:
    """The reading's problems, and what the client record and the clinic's list would refuse:
    a field the model rejects, a client twice in the file, or one the clinic already has."""
    problems = list(checked.problems)
    held = {
        _same(*row)
        for row in Client.objects.filter(clinic=clinic).values_list(
            "first_name", "last_name", "date_of_birth"
        )
    }
    seen: dict[tuple[str, str, date | None], int] = {}
    # A cell the reading already faulted is not faulted again by the model.
    faulty = {(p.line, p.column) for p in problems}
    for line, details in checked.rows:
        candidate = Client(clinic=clinic, **details)
        said = [t for t, column in mapping.items() if (line, column) in faulty]
        try:
            candidate.full_clean(exclude=["clinic", *said])
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                column = mapping.get(name, name)
                problems.extend(Problem(line, column, m) for m in messages)
        key = _same(
            details.get("first_name"), details.get("last_name"), details.get("date_of_birth")
        )
        if key[2] is None:
            continue
        if key in seen:
            problems.append(Problem(line, "", f"the same client as line {seen[key]}."))
        elif key in held:
            problems.append(Problem(line, "", "the clinic already has this client."))
        seen.setdefault(key, line)
    return sorted(problems, key=lambda p: (p.line, p.column))


@transaction.atomic
def clients_import(
    *, clinic: Clinic, user: User, checked: Checked, mapping: dict[str, str], filename: str
) -> list[Client]:
    """Register every client of the file, or none: raises ImportRefused listing each problem."""
    problems = problems_of(clinic, checked, mapping)
    if problems:
        raise ImportRefused(problems)
    made = [
        client_create(clinic=clinic, user=user, details=ClientDetails(**details))  # type: ignore[arg-type]
        for _, details in checked.rows
    ]
    audit_record(
        clinic=clinic,
        user=user,
        action=AuditAction.CLIENT_IMPORT,
        record=clinic,
        summary=f"{len(made)} clients from {filename[:100]}",
    )
    return made
