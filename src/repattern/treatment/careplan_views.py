from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.clients.access import client_for
from repattern.treatment import services
from repattern.treatment.calendar import calendar
from repattern.treatment.forms import CarePlanForm
from repattern.treatment.models import CarePlan


def plan_for(request: HttpRequest, plan_id: int, permission: str = "view_clients") -> CarePlan:
    plan = CarePlan.objects.select_related("client", "client__clinic").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    membership_for(request.user, plan.client.clinic_id, permission)
    return plan


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
    response = HttpResponse(
        calendar([plan], "Repattern: care plan"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="care-plan-{plan.pk}.ics"'
    return response


@login_required
def calendar_feed(request: HttpRequest, clinic_id: int) -> HttpResponse:
    """Make or revoke this member's subscription address for the clinic's planned sessions."""
    me = membership_for(request.user, clinic_id, "treat")
    new_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(membership=me)
            messages.success(request, "The calendar address no longer works.")
        else:
            _, token = services.feed_create(membership=me)
            new_url = request.build_absolute_uri(reverse("calendar_feed_ics", args=[token]))
    active = me.feeds.filter(revoked_at__isnull=True).first()
    return TemplateResponse(
        request,
        "treatment/calendar_feed.html",
        {"clinic": me.clinic, "me": me, "active": active, "new_url": new_url},
    )


def calendar_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """What a calendar app fetches: no login, the secret address is the key."""
    feed = services.feed_find(token)
    if feed is None:
        raise Http404("This calendar address has been revoked or never existed.")
    membership = feed.membership
    plans = CarePlan.objects.filter(
        client__clinic_id=membership.clinic_id,
        closed_at__isnull=True,
        client__archived_at__isnull=True,
    ).select_related("client")
    return HttpResponse(
        calendar(plans, f"Repattern: {membership.clinic.name}"),
        content_type="text/calendar; charset=utf-8",
    )
