"""The discharge summary of a closed care plan (page, print and PDF) and the clinic evidence
dashboard; every read is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from repattern.accounts.access import membership_for, staff_user
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.evidence import services
from repattern.evidence.charts import responders_svg
from repattern.evidence.dashboard import ALL, evidence
from repattern.evidence.discharge import discharge_of
from repattern.evidence.stats import MIN_EPISODES
from repattern.outcomes.charts import data_uri
from repattern.treatment.access import plan_for
from repattern.treatment.documents import pdf_response
from repattern.treatment.models import CarePlan
from repattern.treatment.services import careplan_viewed


def _closed(request: HttpRequest, plan: CarePlan) -> bool:
    if plan.is_open:
        messages.error(request, "The discharge summary is ready once the care plan is closed.")
    return not plan.is_open


@login_required
def discharge(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id, "treat")
    if not _closed(request, plan):
        return redirect("careplan_detail", plan_id=plan.pk)
    user = staff_user(request)
    problem = ""
    if request.method == "POST":
        try:
            services.discharge_note_write(plan=plan, user=user, note=request.POST.get("note", ""))
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, "The discharge note is saved.")
            return redirect("discharge", plan_id=plan.pk)
    else:
        careplan_viewed(plan=plan, user=user, what="discharge summary")
    summary = discharge_of(plan)
    return TemplateResponse(
        request,
        "evidence/discharge.html",
        {
            "plan": plan,
            "client": plan.client,
            "clinic": plan.client.clinic,
            "summary": summary,
            "problem": problem,
            "draft": request.POST.get("note", summary.note.note if summary.note else ""),
        },
        status=422 if problem else 200,
    )


@login_required
def discharge_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id, "treat")
    if not _closed(request, plan):
        return redirect("careplan_detail", plan_id=plan.pk)
    careplan_viewed(plan=plan, user=staff_user(request), what="PDF of the discharge summary")
    context = {"plan": plan, "client": plan.client, "clinic": plan.client.clinic}
    return pdf_response(
        "evidence/discharge_pdf.html",
        {**context, "summary": discharge_of(plan)},
        f"discharge-summary-{plan.client.last_name}-{plan.closed_at:%Y-%m-%d}",
    )


@login_required
def clinic_evidence(request: HttpRequest, clinic_id: int) -> HttpResponse:
    """The owner sees the whole clinic; a practitioner sees the episodes they treated in."""
    me = membership_for(request.user, clinic_id, "treat")
    whole_clinic = me.can("manage_members")
    user = staff_user(request)
    rows = evidence(clinic_id, None if whole_clinic else user.pk)
    audit_record(
        clinic=me.clinic,
        user=user,
        action=AuditAction.EVIDENCE_VIEW,
        record=me.clinic,
        summary="whole clinic" if whole_clinic else "own episodes",
    )
    overall = [r for r in rows if r.condition == ALL]
    return TemplateResponse(
        request,
        "evidence/dashboard.html",
        {
            "clinic": me.clinic,
            "me": me,
            "whole_clinic": whole_clinic,
            "rows": rows,
            "chart": data_uri(responders_svg(overall)) if overall else "",
            "min_episodes": MIN_EPISODES,
            "section": "evidence",
        },
    )
