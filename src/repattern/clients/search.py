"""Finding clients by what staff remember: a name, a birth date or year, a phone number."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace

from repattern.clients.models import Client

PHONE_LIKE = re.compile(r"^[0-9+()\-. ]+$")
# "07700 900101" and "+44 7700 900101" share their last nine digits, whatever the country.
PHONE_TAIL = 9


def phone_digits() -> Replace:
    """The stored phone number without the spaces and signs people write it with."""
    digits = Replace(F("phone"), Value(" "), Value(""))
    for sign in "+()-.":
        digits = Replace(digits, Value(sign), Value(""))
    return digits


def search_clients(clients: QuerySet[Client], text: str) -> QuerySet[Client]:
    """Match every word against name, phone or e-mail; a date or a year matches the birth date."""
    clients = clients.alias(phone_digits=phone_digits())
    digits = "".join(ch for ch in text if ch.isdigit())
    if PHONE_LIKE.match(text) and len(digits) >= PHONE_TAIL:
        return clients.filter(phone_digits__endswith=digits[-PHONE_TAIL:])
    for word in text.split():
        clients = clients.filter(_word_match(word))
    return clients


def _word_match(word: str) -> Q:
    match = (
        Q(first_name__icontains=word)
        | Q(last_name__icontains=word)
        | Q(preferred_name__icontains=word)
        | Q(email__icontains=word)
        | Q(phone__icontains=word)
    )
    # "7700900101" finds "+44 7700 900101" however either was spaced.
    digits = "".join(ch for ch in word if ch.isdigit())
    if len(digits) >= 4:
        match |= Q(phone_digits__contains=digits)
    if len(word) == 4 and word.isdigit():
        match |= Q(date_of_birth__year=int(word))
    born = _as_date(word)
    if born is not None:
        match |= Q(date_of_birth=born)
    return match


def _as_date(text: str) -> date | None:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
