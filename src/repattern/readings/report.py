"""The "Test reliability" page: how far the clinic's tests agree with themselves, laid out as
the GRRAS guideline asks (raters, subjects, blinding, counts, estimates with intervals).

An owner sees every practitioner's figures; anyone else who treats sees their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from repattern.accounts.access import membership_for
from repattern.accounts.models import Membership
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.engine.atlas import load_atlas
from repattern.engine.errors import EngineError
from repattern.readings import figures
from repattern.readings.figures import ForceFigure, ForcePair, Retest, RetestFigure
from repattern.readings.models import ForceReading


@dataclass(frozen=True)
class Row:
    label: str
    figure: RetestFigure | ForceFigure


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _muscle(entry_id: str) -> str:
    try:
        return load_atlas().name(entry_id)
    except EngineError:
        return entry_id


def _by_muscle(
    items: Sequence[Retest] | Sequence[ForcePair], make: Callable[[Any], Any]
) -> list[Row]:
    muscles = sorted({i.muscle for i in items})
    rows = [Row(_muscle(m), make([i for i in items if i.muscle == m])) for m in muscles]
    return sorted(rows, key=lambda r: (-r.figure.count, r.label))


@login_required
def reliability_report(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "treat")
    everyone = me.can("view_team_reliability")
    if everyone:
        people = [
            m.user
            for m in Membership.objects.filter(clinic_id=clinic_id).select_related("user")
            if m.can("treat")
        ]
    else:
        people = [me.user]
    ids = {u.pk for u in people}
    scope = None if everyone else me.user.pk

    retests = figures.retests(clinic_id, scope)
    within = [p for p in figures.within_pairs(clinic_id) if p.practitioner_id in ids]
    between = figures.between_pairs(clinic_id, scope)

    retest_rows = [
        Row(_name(u), figures.retest_figure([r for r in retests if r.practitioner_id == u.pk]))
        for u in people
    ]
    within_rows = [
        Row(_name(u), figures.force_figure([p for p in within if p.practitioner_id == u.pk], "3,1"))
        for u in people
    ]
    between_rows = [
        Row(
            f"{_name(u)} and colleagues",
            figures.force_figure(figures.between_pairs(clinic_id, u.pk), "2,1"),
        )
        for u in people
    ]
    if everyone:
        retest_rows.append(Row("All practitioners", figures.retest_figure(retests)))
        within_rows.append(Row("All practitioners", figures.force_figure(within, "3,1")))
        between_rows.append(Row("Any two practitioners", figures.force_figure(between, "2,1")))

    readings = ForceReading.objects.filter(session__client__clinic_id=clinic_id)
    if not everyone:
        readings = readings.filter(practitioner=me.user)
    overall = figures.force_figure(within, "3,1")
    plot = None
    if overall.result is not None:
        from repattern.readings.plot import (
            bland_altman_svg,  # loaded on first use: it takes seconds
        )

        plot = bland_altman_svg(
            [p.first for p in within], [p.second for p in within], overall.result.limits
        )
    audit_record(
        clinic=me.clinic,
        user=request.user,
        action=AuditAction.RELIABILITY_VIEW,
        record=me.clinic,
        summary="all practitioners" if everyone else "own figures",
    )
    context = {
        "clinic": me.clinic,
        "me": me,
        "everyone": everyone,
        "section": "reliability",
        "retest_rows": retest_rows,
        "retest_muscles": _by_muscle(retests, figures.retest_figure),
        "within_rows": within_rows,
        "within_muscles": _by_muscle(within, lambda ps: figures.force_figure(ps, "3,1")),
        "between_rows": between_rows,
        "between_muscles": _by_muscle(between, lambda ps: figures.force_figure(ps, "2,1")),
        "retest_pairs": len(retests),
        "readings": readings.count(),
        "sessions": readings.values("session_id").distinct().count(),
        "plot": plot,
        "overall": overall,
        "raters": len(people),
        "retest_clients": len({r.client_id for r in retests}),
        "force_clients": len({p.client_id for p in within} | {p.client_id for p in between}),
        "min_pairs": figures.MIN_PAIRS,
        "min_subjects": figures.MIN_SUBJECTS,
    }
    return TemplateResponse(request, "readings/reliability.html", context)
