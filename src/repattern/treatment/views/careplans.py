"""Care plans: a course of sessions for one complaint, and its planned dates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.clients.access import client_for
from repattern.treatment import services
from repattern.treatment.access import plan_for
from repattern.treatment.calendar import calendar
from repattern.treatment.forms import CarePlanForm
from repattern.treatment.models import Appointment, CarePlan


@login_required
def careplan_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "treat")
    form = CarePlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.careplan_create(
            client=client, user=staff_user(request), **form.cleaned_data
        )
        messages.success(request, f"Care plan saved: {plan.planned_sessions} sessions.")
        return redirect("careplan_detail", plan_id=plan.pk)
    return TemplateResponse(
        request,
        "treatment/careplan_form.html",
        {"client": client, "clinic": client.clinic, "form": form},
    )


@login_required
def careplan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id, "treat")
    form = CarePlanForm(request.POST or None, instance=CarePlan.objects.get(pk=plan.pk))
    if request.method == "POST" and form.is_valid():
        services.careplan_update(plan=plan, user=staff_user(request), **form.cleaned_data)
        messages.success(request, "Care plan saved.")
        return redirect("careplan_detail", plan_id=plan.pk)
    services.careplan_viewed(plan=plan, user=staff_user(request), what="edit form")
    return TemplateResponse(
        request,
        "treatment/careplan_form.html",
        {"client": plan.client, "clinic": plan.client.clinic, "form": form, "plan": plan},
    )


@login_required
def careplan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    sessions = list(plan.sessions.order_by("started_at"))
    dates = [
        (number, day, sessions[number - 1] if held else None)
        for number, day, held in plan.schedule()
    ]
    services.careplan_viewed(plan=plan, user=staff_user(request))
    return TemplateResponse(
        request,
        "treatment/careplan_detail.html",
        {
            "plan": plan,
            "client": plan.client,
            "clinic": plan.client.clinic,
            "dates": dates,
            "next_date": plan.next_date(),
        },
    )


@login_required
@require_POST
def careplan_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id, "treat")
    services.careplan_close(plan=plan, user=staff_user(request))
    messages.success(request, "Care plan closed.")
    return redirect("client_detail", client_id=plan.client_id)


@login_required
def careplan_ics(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request, plan_id)
    services.careplan_viewed(plan=plan, user=staff_user(request), what="calendar file")
    response = HttpResponse(
        calendar(
            Appointment.objects.filter(care_plan=plan).select_related("client"),
            "Repattern: care plan",
        ),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="care-plan-{plan.pk}.ics"'
    return response
