"""From a course to a level: submission, review, the grade, the listing it renews."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from repattern.audit.models import AuditAction, AuditEvent
from repattern.outbox.models import Message
from repattern.profession import services
from repattern.profession.models import Certification, DirectoryListing, Review
from repattern.profession.rules import listing_until
from tests.profession.conftest import ALL_THREES


def _accept_all(certification: Certification, certifier_user: Any) -> None:
    for case_study in certification.case_studies.all():
        services.case_study_review(
            case_study=case_study, user=certifier_user, review=Review.ACCEPTED, comment=""
        )


def _list(alice: Any) -> None:
    services.listing_update(
        practitioner=alice,
        opted_in=True,
        display_name="Alice Moreau",
        city="Bristol",
        country="GB",
        conditions=["low_back_pain"],
    )


def test_three_accepted_case_studies_and_a_pass_make_the_practitioner_level_1(
    submitted: Certification, alice: Any, carol: Any
):
    _list(alice)
    _accept_all(submitted, carol)
    grade = services.certification_grade(
        certification=submitted, user=carol, scores=ALL_THREES, comments={"safety": "Careful."}
    )
    submitted.refresh_from_db()
    assert grade.passed and submitted.result == Certification.Result.CERTIFIED
    assert submitted.observed_session.comments == {"safety": "Careful."}
    listing = DirectoryListing.objects.get(practitioner=alice)
    assert listing.level == 1 and listing.listed_until is not None
    told = Message.objects.get(kind="certification_outcome")
    assert told.to == "alice@example.com" and "Level 1: Certified" in told.subject
    assert AuditEvent.objects.filter(action=AuditAction.CERTIFICATION_GRADE).exists()


def test_a_returned_case_study_means_not_yet_whatever_the_grade(
    submitted: Certification, carol: Any
):
    case_study = submitted.case_studies.first()
    services.case_study_review(
        case_study=case_study, user=carol, review=Review.RETURNED, comment="Say why layer 2."
    )
    services.certification_grade(
        certification=submitted, user=carol, scores=ALL_THREES, comments={}
    )
    submitted.refresh_from_db()
    assert submitted.result == Certification.Result.NOT_YET


def test_a_score_below_the_minimum_fails_the_observed_session(submitted: Any, carol: Any):
    _accept_all(submitted, carol)
    grade = services.certification_grade(
        certification=submitted,
        user=carol,
        scores={**ALL_THREES, "safety": 1},
        comments={},
    )
    assert not grade.passed and "Safety and consent" in grade.explain()


def test_only_the_certifier_it_was_submitted_to_grades_it(submitted: Any, bob: Any):
    with pytest.raises(PermissionDenied):
        services.certification_grade(
            certification=submitted, user=bob, scores=ALL_THREES, comments={}
        )


def test_submitting_needs_three_case_studies_with_reflections(
    level_one: Any, consented: Any, alice: Any, carol: Any
):
    drafts = [services.case_study_draft(care_plan=consented, user=alice) for _ in range(3)]
    with pytest.raises(ValidationError, match="reflection"):
        services.certification_submit(
            certification=level_one,
            user=alice,
            case_studies=drafts,
            certifier=carol.certifier,
            observed_on=timezone.localdate(),
            mode="remote",
        )


def test_a_month_of_practice_comes_before_submitting(
    alice: Any, three_case_studies: Any, carol: Any
):
    fresh = services.certification_start(
        practitioner=alice,
        level=1,
        course_date=timezone.localdate() - timedelta(days=3),
        course_place="Leeds",
        course_instructor="B",
    )
    with pytest.raises(ValidationError, match="Practise until"):
        services.certification_submit(
            certification=fresh,
            user=alice,
            case_studies=three_case_studies,
            certifier=carol.certifier,
            observed_on=timezone.localdate(),
            mode="in_person",
        )


def test_levels_are_taken_in_order(alice: Any):
    with pytest.raises(ValidationError, match="next is level 1"):
        services.certification_start(
            practitioner=alice,
            level=2,
            course_date=timezone.localdate(),
            course_place="Leeds",
            course_instructor="B",
        )


def test_a_listing_needs_a_known_city(alice: Any):
    with pytest.raises(ValidationError, match="No city"):
        services.listing_update(
            practitioner=alice, opted_in=True, display_name="A", city="Atlantis", country="GB"
        )


def test_continuing_education_is_logged_and_audited(alice: Any):
    services.education_log(
        practitioner=alice, kind="hours", title="Anatomy study", on=timezone.localdate()
    )
    assert alice.education.get().title == "Anatomy study"
    assert AuditEvent.objects.filter(action=AuditAction.EDUCATION_LOG).exists()


def test_the_certifier_is_told_of_a_submission(submitted: Certification):
    told = Message.objects.get(kind="certification_submitted")
    assert told.to == "carol@example.com" and "level 1" in told.subject


def test_a_renewal_extends_the_listing_two_years_from_today(
    submitted: Certification, alice: Any, carol: Any
):
    _list(alice)
    _accept_all(submitted, carol)
    services.certification_grade(
        certification=submitted, user=carol, scores=ALL_THREES, comments={}
    )
    listing = services.listing_renew(practitioner=alice)
    submitted.refresh_from_db()
    assert listing.renewed_on == timezone.localdate()
    assert listing.listed_until == listing_until(submitted.certified_on, timezone.localdate())


def test_only_a_certified_listing_is_renewed(alice: Any):
    _list(alice)
    with pytest.raises(ValidationError, match="certified"):
        services.listing_renew(practitioner=alice)
