"""What the erasure takes out of the audit log: the client's names, e-mail and phone, however
they are written, and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from repattern.clients.models import Client
from repattern.clients.services.erasure import ERASED, identifying

MARIA = Client(
    first_name="Maria",
    last_name="Lopez",
    preferred_name="Mari",
    date_of_birth=date(1981, 3, 14),
    phone="+44 7700 900101",
    email="maria.lopez@example.com",
)


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("Maria Lopez", f"{ERASED} {ERASED}"),
        ("maria LOPEZ", f"{ERASED} {ERASED}"),
        ("Mari called", f"{ERASED} called"),
        ("write to maria.lopez@example.com today", f"write to {ERASED} today"),
        ("call +44 7700 900101", f"call {ERASED}"),
        ("call 07700 900101 or (0)7700-900-101", f"call {ERASED} or {ERASED}"),
        ("call 447700900101.", f"call {ERASED}."),
    ],
)
def test_every_way_of_writing_her_names_and_contacts_is_taken_out(text, scrubbed):
    assert identifying(MARIA).sub(ERASED, text) == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "Mariana and Lopezia are other people",
        "Left psoas inhibited, 6/10 before",
        "Invoice 1234567890 paid",
        "call 07700 900102",
    ],
)
def test_other_words_and_numbers_are_left_alone(text):
    assert identifying(MARIA).sub(ERASED, text) == text


def test_a_client_without_contacts_has_only_her_names_taken_out():
    ann = Client(first_name="Ann", last_name="Lee", date_of_birth=date(1990, 1, 2))
    assert (
        identifying(ann).sub(ERASED, "Ann Lee, 07700 900101") == f"{ERASED} {ERASED}, 07700 900101"
    )
