"""Certification: the course, the submission to a certifier, the grade, continuing education."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.outbox.send import deliver
from repattern.profession.models import (
    CaseStudy,
    Certification,
    Certifier,
    EducationEntry,
    ObservedSession,
    Review,
)
from repattern.profession.rubric import Grade, rubric
from repattern.profession.rules import CASE_STUDIES_NEEDED, check_level, next_level_from
from repattern.profession.services.audit import audit_practitioner
from repattern.profession.services.directory import listing_raise


def level_held(practitioner: User) -> Certification | None:
    return (
        practitioner.certifications.filter(result=Certification.Result.CERTIFIED)
        .order_by("-level")
        .first()
    )


@transaction.atomic
def certification_start(
    *,
    practitioner: User,
    level: int,
    course_date: date,
    course_place: str,
    course_instructor: str,
    practice_from: date | None = None,
) -> Certification:
    check_level(level)
    held = level_held(practitioner)
    held_level = held.level if held else 0
    if level != held_level + 1:
        raise ValidationError(
            {"level": f"Take the levels in order: next is level {held_level + 1}."}
        )
    if held and held.certified_on and course_date < next_level_from(held.certified_on):
        raise ValidationError(
            {
                "course_date": "Practise a month at your level first: the next course may start "
                f"on {next_level_from(held.certified_on):%-d %B %Y}."
            }
        )
    certification = Certification(
        practitioner=practitioner,
        level=level,
        course_date=course_date,
        course_place=course_place,
        course_instructor=course_instructor,
        practice_from=practice_from,
    )
    certification.full_clean()
    certification.save()
    audit_practitioner(
        practitioner=practitioner,
        by=practitioner,
        action=AuditAction.CERTIFICATION_START,
        record=certification,
        summary=f"level {level}, course of {course_date:%Y-%m-%d}",
    )
    return certification


@transaction.atomic
def certification_submit(
    *,
    certification: Certification,
    user: User,
    case_studies: list[CaseStudy],
    certifier: Certifier,
    observed_on: date,
    mode: str,
) -> Certification:
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    if certification.practitioner_id != user.pk:
        raise PermissionDenied("Only the practitioner submits their own certification.")
    if not certification.is_open:
        raise ValidationError("This level was already submitted.")
    today = timezone.localdate()
    if not certification.deadlines.may_submit(certification.practice_from, today):
        raise ValidationError(certification.deadlines.explain(today))
    if len({c.pk for c in case_studies}) != CASE_STUDIES_NEEDED:
        raise ValidationError(f"Choose {CASE_STUDIES_NEEDED} case studies.")
    for case_study in case_studies:
        if case_study.practitioner_id != user.pk:
            raise PermissionDenied("Submit only your own case studies.")
        current = case_study.current()
        if current is None or not current.sections.get("reflection", "").strip():
            raise ValidationError(f"Write the reflection of “{case_study.title}” first.")
    if not certifier.active or certifier.user_id == user.pk:
        raise ValidationError("Choose an active certifier other than yourself.")
    CaseStudy.objects.filter(certification=certification).update(certification=None)
    CaseStudy.objects.filter(pk__in=[c.pk for c in case_studies]).update(
        certification=certification, review="", review_comment="", reviewed_at=None
    )
    observed = ObservedSession.objects.filter(certification=certification).first()
    observed = observed or ObservedSession(certification=certification)
    observed.observed_on, observed.mode = observed_on, mode
    observed.scores, observed.comments, observed.passed, observed.graded_at = {}, {}, None, None
    observed.full_clean()
    observed.save()
    certification.certifier, certification.submitted_at = certifier, timezone.now()
    certification.result = Certification.Result.SUBMITTED
    certification.save(update_fields=["certifier", "submitted_at", "result"])
    if certifier.user.email:
        deliver(
            kind="certification_submitted",
            key=f"certification-{certification.pk}-submitted-{certification.submitted_at.isoformat()}",
            to=certifier.user.email,
            subject=f"Submitted to you: level {certification.level}",
            text=f"{user.get_full_name() or user.get_username()} submitted level "
            f"{certification.level}: three case studies and an observed session on "
            f"{observed_on:%-d %B %Y}. It waits for you under “Submitted to you” in Repattern.",
        )
    audit_practitioner(
        practitioner=user,
        by=user,
        action=AuditAction.CERTIFICATION_SUBMIT,
        record=certification,
        summary=f"level {certification.level} to {certifier}",
    )
    return certification


@transaction.atomic
def certification_grade(
    *,
    certification: Certification,
    user: User,
    scores: dict[str, int],
    comments: dict[str, str],
) -> Grade:
    """The certifier's grade of the observed session; with every case study accepted and a pass,
    the practitioner holds the level from today, and their listing is renewed."""
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    certifier = certification.certifier
    if certifier is None or certifier.user_id != user.pk:
        raise PermissionDenied("This certification was not submitted to you.")
    if certification.result != Certification.Result.SUBMITTED:
        raise ValidationError("This certification is not waiting for a grade.")
    the_rubric = rubric()
    grade = the_rubric.grade(scores)
    known = {c.id for c in the_rubric.criteria}
    observed = certification.observed_session
    observed.rubric, observed.scores = the_rubric.key, {k: scores[k] for k in known}
    observed.comments = {k: v.strip() for k, v in comments.items() if k in known and v.strip()}
    observed.passed, observed.graded_by, observed.graded_at = (
        grade.passed,
        certifier,
        timezone.now(),
    )
    observed.save()
    reviews = list(certification.case_studies.values_list("review", flat=True))
    accepted = len(reviews) == CASE_STUDIES_NEEDED and all(r == Review.ACCEPTED for r in reviews)
    if grade.passed and accepted:
        certification.result = Certification.Result.CERTIFIED
        certification.certified_on = timezone.localdate()
    else:
        certification.result = Certification.Result.NOT_YET
    certification.save(update_fields=["result", "certified_on"])
    if certification.certified_on:
        listing_raise(certification=certification)
    audit_practitioner(
        practitioner=certification.practitioner,
        by=user,
        action=AuditAction.CERTIFICATION_GRADE,
        record=certification,
        summary=grade.explain(),
    )
    _tell_outcome(certification, grade)
    return grade


def _tell_outcome(certification: Certification, grade: Grade) -> None:
    practitioner = certification.practitioner
    if not practitioner.email:
        return
    outcome = certification.get_result_display()
    deliver(
        kind="certification_outcome",
        to=practitioner.email,
        subject=f"Level {certification.level}: {outcome}",
        text=f"Your observed session: {grade.explain()}\nLevel {certification.level}: {outcome}.\n"
        "The comments are on your certification page in Repattern.",
        key=f"certification-{certification.pk}-graded-{certification.observed_session.graded_at}",
    )


@transaction.atomic
def education_log(
    *,
    practitioner: User,
    kind: str,
    title: str,
    on: date,
    hours: Decimal | None = None,
    note: str = "",
) -> EducationEntry:
    entry = EducationEntry(
        practitioner=practitioner, kind=kind, title=title, on=on, hours=hours, note=note
    )
    entry.full_clean()
    entry.save()
    audit_practitioner(
        practitioner=practitioner,
        by=practitioner,
        action=AuditAction.EDUCATION_LOG,
        record=entry,
        summary=title,
    )
    return entry
