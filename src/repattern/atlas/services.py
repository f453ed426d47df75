"""Clinic charts: validated whole by the engine, stored in one transaction, audited."""

from __future__ import annotations

import functools

from django.contrib.auth.models import User
from django.db import transaction

from repattern.accounts.models import Clinic
from repattern.atlas.models import ClinicChart, ClinicRelation
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.engine.atlas import Atlas, Relation, load_atlas, parse_clinic_chart

__all__ = ["chart_delete", "chart_upload", "clinic_atlas", "clinic_relations"]


def clinic_relations(clinic_id: int) -> list[Relation]:
    rows = ClinicRelation.objects.filter(chart__clinic_id=clinic_id)
    return [
        Relation(
            r.inhibited,
            r.facilitated,
            r.kind,  # type: ignore[arg-type]
            "clinic",
            r.source,
            r.note,
            r.same_side,
            None,
        )
        for r in rows
    ]


def clinic_atlas(clinic_id: int) -> Atlas:
    """The shipped atlas with this clinic's own charts joined, tagged `clinic`."""
    relations = tuple(clinic_relations(clinic_id))
    return _with_charts(relations) if relations else load_atlas()


@functools.lru_cache(maxsize=32)
def _with_charts(relations: tuple[Relation, ...]) -> Atlas:
    # Joining takes milliseconds, and every event of a session asks again for the same charts.
    return load_atlas().with_clinic_relations(relations)


@transaction.atomic
def chart_upload(*, clinic: Clinic, user: User, filename: str, text: str) -> ClinicChart:
    """Store a chart; raises ChartError listing every problem, in which case nothing is stored."""
    relations = parse_clinic_chart(text, filename, load_atlas())
    chart = ClinicChart.objects.create(clinic=clinic, filename=filename[:200], uploaded_by=user)
    ClinicRelation.objects.bulk_create(
        ClinicRelation(
            chart=chart,
            inhibited=r.inhibited,
            facilitated=r.facilitated,
            kind=r.kind,
            same_side=r.same_side,
            note=r.reason[:500],
            source=r.source[:300],
        )
        for r in relations
    )
    audit_record(
        clinic=clinic,
        user=user,
        action=AuditAction.CHART_UPLOAD,
        record=chart,
        summary=f"{filename}: {len(relations)} relations",
    )
    return chart


@transaction.atomic
def chart_delete(*, chart: ClinicChart, user: User) -> None:
    audit_record(
        clinic=chart.clinic,
        user=user,
        action=AuditAction.CHART_DELETE,
        record=chart,
        summary=chart.filename,
    )
    chart.delete()
