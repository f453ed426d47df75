"""Carol the certifier sees what was submitted to her and nothing else; Bob, at Southside, sees
none of Alice's case studies; the directory shows only what a practitioner chose to publish."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from repattern.profession import services
from repattern.profession.models import Review
from tests.characters import signed_in
from tests.profession.conftest import ALL_THREES


def test_a_certifier_cannot_open_any_client_record(submitted: Any, carol: Any, maria: Any):
    as_carol = signed_in(carol)
    plan = submitted.case_studies.first().care_plan
    for name, args in [
        ("client_detail", [maria.pk]),
        ("client_export", [maria.pk]),
        ("careplan_detail", [plan.pk]),
        ("case_study_new", [plan.pk]),
        ("client_list", [maria.clinic_id]),
        ("day_view", [maria.clinic_id]),
    ]:
        assert as_carol.get(reverse(name, args=args)).status_code == 404, name
    assert not carol.memberships.exists()


def test_a_certifier_reads_and_grades_what_was_submitted_to_them(submitted: Any, carol: Any):
    as_carol = signed_in(carol)
    case_study = submitted.case_studies.first()
    page = as_carol.get(reverse("case_study_detail", args=[case_study.pk]))
    assert page.status_code == 200 and "Maria" not in page.content.decode()
    assert as_carol.get(reverse("case_study_pdf", args=[case_study.pk])).status_code == 200
    grade_page = as_carol.get(reverse("certifier_grade", args=[submitted.pk]))
    assert "Safety and consent" in grade_page.content.decode()


def test_another_clinics_practitioner_cannot_see_a_case_study(three_case_studies: Any, as_bob: Any):
    for case_study in three_case_studies:
        for name in ("case_study_detail", "case_study_pdf"):
            assert as_bob.get(reverse(name, args=[case_study.pk])).status_code == 404


def test_a_certifier_sees_nothing_not_submitted_to_them(three_case_studies: Any, carol: Any):
    as_carol = signed_in(carol)
    for case_study in three_case_studies:
        assert as_carol.get(reverse("case_study_detail", args=[case_study.pk])).status_code == 404


def test_a_practitioner_who_is_not_a_certifier_has_no_certifier_pages(submitted: Any, as_bob: Any):
    assert as_bob.get(reverse("certifier_home")).status_code == 404
    assert as_bob.get(reverse("certifier_grade", args=[submitted.pk])).status_code == 404


def test_the_directory_shows_only_what_was_opted_in(
    submitted: Any, alice: Any, carol: Any, maria: Any, client: Any
):
    for case_study in submitted.case_studies.all():
        services.case_study_review(
            case_study=case_study, user=carol, review=Review.ACCEPTED, comment=""
        )
    services.certification_grade(
        certification=submitted, user=carol, scores=ALL_THREES, comments={}
    )
    listing = services.listing_update(
        practitioner=alice,
        opted_in=True,
        display_name="A. Moreau",
        city="Bristol",
        country="GB",
        languages="English, French",
        conditions=["neck_pain"],
        about="Quiet room, step-free.",
    )
    page = client.get(reverse("directory_entry", args=[listing.pk])).content.decode()
    found = client.get(reverse("directory")).content.decode()
    for text in (page, found):
        assert "A. Moreau" in text
        for private in ("alice", "alice@example.com", "Northside", "Maria", "Lopez", "maria@"):
            assert private not in text, private
    assert "Neck pain" in page and "French" in page and "Level 1" in page
    services.listing_update(
        practitioner=alice, opted_in=False, display_name="A. Moreau", city="Bristol", country="GB"
    )
    assert "A. Moreau" not in client.get(reverse("directory")).content.decode()
    assert client.get(reverse("directory_entry", args=[listing.pk])).status_code == 404
