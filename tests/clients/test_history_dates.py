"""Maria's birth date and the dates in her history must agree: a correction to one that would
contradict the other is refused with a message that names the entry and says what to fix.

Maria was born on 1981-03-14, has an appendectomy scar from 2004 and sprained her left ankle on
2010-06-19, aged 29.
"""

from __future__ import annotations

import html
from datetime import date

import pytest

from repattern.clients import services
from repattern.clients.models import Client, Injury

FIX = "Correct the entry in the history first, or check the date of birth."


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def sprain(maria, alice) -> Injury:
    return services.injury_add(
        client=maria,
        user=alice,
        kind="sprain",
        region="ankle",
        side="left",
        occurred_on=date(2010, 6, 19),
        age_at_injury=29,
    )


def edit_birth_date(browser, client: Client, born: str):
    return browser.post(
        f"/clients/{client.pk}/edit/",
        {
            "first_name": client.first_name,
            "last_name": client.last_name,
            "date_of_birth": born,
            "gender": client.gender,
        },
    )


def add_injury(browser, client: Client, **fields: str):
    data = {"kind": "sprain", "region": "knee", "side": "right", **fields}
    return browser.post(
        f"/clients/{client.pk}/history/injury/add/",
        {f"injury-{k}": v for k, v in data.items()},
        HTTP_HX_REQUEST="true",
    )


def test_a_birth_date_after_an_injury_is_refused_naming_the_injury(as_alice, maria, sprain):
    response = edit_birth_date(as_alice, maria, "2012-01-01")
    text = page(response)
    assert response.status_code == 200
    assert "Sprain, left ankle: its date, 2010-06-19, is before this date of birth." in text
    assert FIX in text
    maria.refresh_from_db()
    assert maria.date_of_birth == date(1981, 3, 14)


def test_a_birth_date_after_a_scars_year_is_refused_naming_the_scar(as_alice, maria):
    text = page(edit_birth_date(as_alice, maria, "2005-01-01"))
    assert (
        "Appendectomy scar, right lower abdomen, 2004: the year, 2004, is before this date of "
        "birth." in text
    )
    maria.refresh_from_db()
    assert maria.date_of_birth == date(1981, 3, 14)


def test_a_birth_date_that_would_make_an_injurys_age_wrong_is_refused(as_alice, maria, sprain):
    text = page(edit_birth_date(as_alice, maria, "1990-01-01"))
    assert "Sprain, left ankle: on 2010-06-19 the client was 20, not 29." in text


def test_a_birth_date_that_fits_the_history_is_saved(as_alice, maria, sprain):
    response = edit_birth_date(as_alice, maria, "1981-04-14")
    assert response.status_code == 302
    maria.refresh_from_db()
    assert maria.date_of_birth == date(1981, 4, 14)


def test_an_injurys_date_and_age_must_agree_with_the_birth_date(as_alice, maria):
    response = add_injury(as_alice, maria, occurred_on="2010-06-19", age_at_injury="16")
    assert response.status_code == 422
    assert (
        "On 2010-06-19 the client was 29, not 16: correct the date or the age at the time, "
        "or leave one of them blank." in page(response)
    )
    assert not maria.injuries.exists()


@pytest.mark.parametrize("age", ["28", "29", "30"])
def test_an_age_within_a_year_of_the_date_is_accepted(as_alice, maria, age):
    response = add_injury(as_alice, maria, occurred_on="2010-06-19", age_at_injury=age)
    assert response.status_code == 200
    assert maria.injuries.get().age_at_injury == int(age)
