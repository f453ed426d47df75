"""The members page suggests the common role and asks before removing anyone."""

from __future__ import annotations

import html
import re


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_a_new_member_is_a_practitioner_unless_olivia_chooses_otherwise(as_olivia, northside):
    text = page(as_olivia.get(f"/clinics/{northside.pk}/members/"))
    select = re.search(r'<select name="role"[^>]*id="id_role".*?</select>', text, re.S).group(0)
    assert '<option value="practitioner" selected>' in select
    assert '<option value="owner">' in select


def test_remove_asks_for_confirmation_naming_the_member(as_olivia, northside, alice):
    response = as_olivia.get(f"/clinics/{northside.pk}/members/")
    assert (
        'data-confirm="Remove alice from Northside Clinic? They can no longer see its clients."'
        in response.content.decode()
    )


def test_names_with_quotes_cannot_break_the_confirmation(as_olivia, northside, alice):
    northside.name = "St John's Clinic"
    northside.save()
    text = as_olivia.get(f"/clinics/{northside.pk}/members/").content.decode()
    # Escaped for the attribute: the quote cannot end it, and no script ever reads it as code.
    assert "from St John&#x27;s Clinic?" in text
