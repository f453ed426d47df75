"""Each profession service writes its audit row in its own transaction: without the row, the
change it records is not kept either."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from repattern.audit.models import AuditAction, AuditEvent
from repattern.profession import services
from repattern.profession.models import Review
from tests.profession.conftest import ALL_THREES

Call = Callable[[Any], Any]
CALLS: dict[AuditAction, tuple[str, Call]] = {
    AuditAction.CASE_CONSENT_RECORD: (
        "episode",
        lambda w: services.case_consent_record(
            care_plan=w.episode, user=w.alice, signed_name="Maria Lopez"
        ),
    ),
    AuditAction.CASE_STUDY_DRAFT: (
        "consented",
        lambda w: services.case_study_draft(care_plan=w.consented, user=w.alice),
    ),
    AuditAction.CASE_STUDY_REVISE: (
        "three_case_studies",
        lambda w: services.case_study_revise(
            case_study=w.three_case_studies[0],
            user=w.alice,
            sections={"reflection": "Shorter."},
        ),
    ),
    AuditAction.CERTIFICATION_SUBMIT: (
        "level_one three_case_studies",
        lambda w: services.certification_submit(
            certification=w.level_one,
            user=w.alice,
            case_studies=w.three_case_studies,
            certifier=w.carol.certifier,
            observed_on=timezone.localdate(),
            mode="remote",
        ),
    ),
    AuditAction.CERTIFICATION_START: (
        "alice",
        lambda w: services.certification_start(
            practitioner=w.alice,
            level=1,
            course_date=timezone.localdate(),
            course_place="Leeds",
            course_instructor="B",
        ),
    ),
    AuditAction.CASE_STUDY_REVIEW: (
        "submitted",
        lambda w: services.case_study_review(
            case_study=w.submitted.case_studies.first(),
            user=w.carol,
            review=Review.ACCEPTED,
            comment="",
        ),
    ),
    AuditAction.CERTIFICATION_GRADE: (
        "submitted",
        lambda w: services.certification_grade(
            certification=w.submitted, user=w.carol, scores=ALL_THREES, comments={}
        ),
    ),
    AuditAction.LISTING_UPDATE: (
        "alice",
        lambda w: services.listing_update(
            practitioner=w.alice, opted_in=True, display_name="A", city="Bath", country="GB"
        ),
    ),
    AuditAction.EDUCATION_LOG: (
        "alice",
        lambda w: services.education_log(
            practitioner=w.alice, kind="hours", title="Study", on=timezone.localdate()
        ),
    ),
}


class World:
    def __init__(self, request: pytest.FixtureRequest, needs: str) -> None:
        self.alice = request.getfixturevalue("alice")
        self.carol = request.getfixturevalue("carol")
        for name in needs.split():
            setattr(self, name, request.getfixturevalue(name))


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.parametrize("action", list(CALLS), ids=str)
def test_the_service_writes_its_audit_row(action: AuditAction, request: Any, db: None) -> None:
    needs, call = CALLS[action]
    world = World(request, needs)
    call(world)
    assert AuditEvent.objects.filter(action=action).exists()


@pytest.mark.parametrize("action", list(CALLS), ids=str)
def test_without_its_audit_row_the_service_changes_nothing(
    action: AuditAction, request: Any, monkeypatch: pytest.MonkeyPatch, db: None
) -> None:
    needs, call = CALLS[action]
    world = World(request, needs)
    real_create = AuditEvent.objects.create

    def refuse(**fields: Any) -> AuditEvent:
        if fields.get("action") == action:
            raise RuntimeError("the audit log is unavailable")
        return real_create(**fields)

    monkeypatch.setattr(AuditEvent.objects, "create", refuse)
    counts = _row_counts()
    with pytest.raises(RuntimeError, match="audit log is unavailable"):
        call(world)
    assert _row_counts() == counts
