"""Case studies: consent first, a draft from the care plan, versions, and a certifier's review."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.profession.deidentify import problems
from repattern.profession.drafting import draft_sections, identity_of
from repattern.profession.models import (
    SECTIONS,
    CaseConsent,
    CaseStudy,
    CaseStudyVersion,
    Review,
)
from repattern.treatment.models import CarePlan

NO_CONSENT = "Record the client's consent to a case study first."


def _audit(case_study: CaseStudy, user: User, action: AuditAction, summary: str) -> None:
    audit_record(
        clinic=case_study.clinic,
        user=user,
        action=action,
        record=case_study,
        client=case_study.client,
        summary=summary,
    )


@transaction.atomic
def case_consent_record(*, care_plan: CarePlan, user: User, signed_name: str) -> CaseConsent:
    client = care_plan.client
    if not client.signature_matches(signed_name):
        raise ValidationError({"signed_name": "Type the client's own full name, as they signed."})
    consent = CaseConsent(
        client=client, care_plan=care_plan, signed_name=signed_name.strip(), recorded_by=user
    )
    consent.full_clean()
    consent.save()
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.CASE_CONSENT_RECORD,
        record=consent,
        client=client,
        summary=f"for the care plan {care_plan.pk}",
    )
    return consent


def identification_problems(case_study: CaseStudy, sections: dict[str, str]) -> list[str]:
    """Each section that could identify the client, and what it holds, in words."""
    if case_study.client is None:
        return []
    who = identity_of(case_study.client)
    titles = dict(SECTIONS)
    found = []
    for key, text in sections.items():
        if what := problems(text, who):
            found.append(f"{titles.get(key, key)}: take out {', '.join(what)}.")
    return found


def _version(case_study: CaseStudy, user: User, sections: dict[str, str]) -> CaseStudyVersion:
    unknown = set(sections) - {key for key, _ in SECTIONS}
    if unknown:
        raise ValidationError(f"Unknown sections: {', '.join(sorted(unknown))}.")
    found = identification_problems(case_study, sections)
    if found:
        raise ValidationError(["This could identify the client.", *found])
    latest = case_study.versions.order_by("-number").first()
    version = CaseStudyVersion(
        case_study=case_study,
        number=latest.number + 1 if latest else 1,
        sections=sections,
        written_by=user,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def case_study_draft(*, care_plan: CarePlan, user: User, title: str = "") -> CaseStudy:
    consent = care_plan.case_consents.order_by("-recorded_at").first()
    if consent is None:
        raise ValidationError(NO_CONSENT)
    client = care_plan.client
    case_study = CaseStudy(
        practitioner=user,
        clinic=client.clinic,
        client=client,
        care_plan=care_plan,
        consent=consent,
        title=title.strip() or f"{care_plan.complaint}: a case study",
    )
    found = identification_problems(case_study, {"title": case_study.title})
    if found:
        raise ValidationError("Give the case study a title without the client's name.")
    case_study.full_clean()
    case_study.save()
    _version(case_study, user, draft_sections(care_plan))
    _audit(case_study, user, AuditAction.CASE_STUDY_DRAFT, case_study.title)
    return case_study


@transaction.atomic
def case_study_revise(
    *, case_study: CaseStudy, user: User, sections: dict[str, str]
) -> CaseStudyVersion:
    if case_study.is_submitted and case_study.review != Review.RETURNED:
        raise ValidationError("This case study was submitted; it changes only if it is returned.")
    version = _version(case_study, user, sections)
    if case_study.review == Review.RETURNED:
        case_study.review = ""
        case_study.save(update_fields=["review"])
    _audit(case_study, user, AuditAction.CASE_STUDY_REVISE, f"version {version.number}")
    return version


@transaction.atomic
def case_study_viewed(*, case_study: CaseStudy, user: User, what: str) -> None:
    _audit(case_study, user, AuditAction.CASE_STUDY_VIEW, what)


@transaction.atomic
def case_study_review(
    *, case_study: CaseStudy, user: User, review: Review, comment: str
) -> CaseStudy:
    certification = case_study.certification
    if certification is None or certification.certifier is None:
        raise PermissionDenied("This case study was not submitted to you.")
    if certification.certifier.user_id != user.pk:
        raise PermissionDenied("This case study was not submitted to you.")
    if review == Review.RETURNED and not comment.strip():
        raise ValidationError({"review_comment": "Say what to change when returning it."})
    case_study.review, case_study.review_comment = review, comment.strip()
    case_study.reviewed_at = timezone.now()
    case_study.full_clean()
    case_study.save()
    _audit(case_study, user, AuditAction.CASE_STUDY_REVIEW, Review(review).label)
    return case_study
