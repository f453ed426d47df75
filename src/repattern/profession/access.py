"""Who may open what: a case study is its author's, and the certifier's it was submitted to; a
certifier is a role of its own that grants no clinic membership and no client record."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import Http404

from repattern.profession.models import CaseStudy, Certification, Certifier


def case_study_for(user: User, case_study_id: int) -> tuple[CaseStudy, bool]:
    """The case study and whether `user` wrote it; 404 for anyone it is not theirs or not
    submitted to them."""
    case_study = (
        CaseStudy.objects.select_related("certification__certifier", "practitioner", "clinic")
        .filter(pk=case_study_id)
        .first()
    )
    if case_study is None:
        raise Http404
    if case_study.practitioner_id == user.pk:
        return case_study, True
    certification = case_study.certification
    if (
        certification is not None
        and certification.submitted_at is not None
        and certification.certifier is not None
        and certification.certifier.user_id == user.pk
    ):
        return case_study, False
    raise Http404


def certifier_of(user: User) -> Certifier:
    certifier = Certifier.objects.filter(user_id=user.pk, active=True).first()
    if certifier is None:
        raise Http404
    return certifier


def certification_for_certifier(user: User, certification_id: int) -> Certification:
    certifier = certifier_of(user)
    certification = (
        Certification.objects.select_related("practitioner")
        .filter(pk=certification_id, certifier=certifier, submitted_at__isnull=False)
        .first()
    )
    if certification is None:
        raise Http404
    return certification


def own_certification(user: User, certification_id: int) -> Certification:
    certification = Certification.objects.filter(pk=certification_id, practitioner=user).first()
    if certification is None:
        raise Http404
    return certification
