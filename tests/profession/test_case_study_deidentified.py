"""A case study drafted from a carelessly written record names nobody, in the app or the PDF."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from repattern.profession import services
from repattern.profession.documents import case_study_pdf
from tests.profession.conftest import IDENTIFIERS


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_exported_pdf_holds_none_of_the_clients_identifiers(consented: Any, alice: Any):
    case_study = services.case_study_draft(care_plan=consented, user=alice)
    version = case_study.current()
    drafted = "\n".join(version.sections.values())
    assert "psoas" in drafted.lower() and "Rub, then lift" in drafted
    text = _text(case_study_pdf(case_study, version))
    assert "Presenting complaint and history" in text and "Reflection" in text
    flat = " ".join(text.split())
    for identifier in IDENTIFIERS:
        assert identifier.lower() not in flat.lower(), identifier
    assert "ML" not in text.split()


def test_a_draft_needs_the_clients_consent_first(episode: Any, alice: Any):
    with pytest.raises(ValidationError, match="consent"):
        services.case_study_draft(care_plan=episode, user=alice)


def test_consent_is_signed_with_the_clients_own_name(episode: Any, alice: Any):
    with pytest.raises(ValidationError, match="own full name"):
        services.case_consent_record(care_plan=episode, user=alice, signed_name="Someone Else")


def test_an_edit_that_names_the_client_is_refused_and_says_where(consented: Any, alice: Any):
    case_study = services.case_study_draft(care_plan=consented, user=alice)
    sections = {**case_study.current().sections, "reflection": "Maria taught me patience."}
    with pytest.raises(ValidationError) as refused:
        services.case_study_revise(case_study=case_study, user=alice, sections=sections)
    assert "Reflection: take out the client's name." in refused.value.messages
    assert case_study.versions.count() == 1


def test_each_edit_is_a_new_version(consented: Any, alice: Any):
    case_study = services.case_study_draft(care_plan=consented, user=alice)
    sections = {**case_study.current().sections, "reflection": "Test the scar sooner."}
    services.case_study_revise(case_study=case_study, user=alice, sections=sections)
    assert [v.number for v in case_study.versions.all()] == [1, 2]
    assert case_study.current().sections["reflection"] == "Test the scar sooner."


@pytest.mark.parametrize(
    "slip",
    [
        "seen on 3 April 2025",
        "seen 2025-04-03",
        "phone 0117 496 0000",
        "write to someone@example.org",
        "M.L. improved",
        "born March 14, 1981",
    ],
)
def test_any_exact_date_phone_email_or_initials_are_caught(consented: Any, alice: Any, slip: str):
    case_study = services.case_study_draft(care_plan=consented, user=alice)
    sections = {**case_study.current().sections, "outcomes": slip}
    with pytest.raises(ValidationError, match="could identify"):
        services.case_study_revise(case_study=case_study, user=alice, sections=sections)


def test_ages_are_bands_and_dates_are_days_of_the_episode(consented: Any, alice: Any):
    sections = services.case_study_draft(care_plan=consented, user=alice).current().sections
    assert "aged 40-49" in sections["presenting"]
    assert "Day 1:" in sections["patterns"]


def test_a_name_typed_without_its_accent_is_caught(consented: Any, alice: Any, maria: Any):
    maria.last_name = "López"
    maria.save()
    case_study = services.case_study_draft(care_plan=consented, user=alice)
    sections = {**case_study.current().sections, "reflection": "Ms Lopez was keen."}
    with pytest.raises(ValidationError, match="could identify"):
        services.case_study_revise(case_study=case_study, user=alice, sections=sections)
