"""The page a reminder's stop link opens (no sign-in), and choosing when one appointment's
reminder is sent (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.accounts.models import Membership
from repattern.clients.models import Client
from repattern.reminders.forms import ReminderTimeForm
from repattern.reminders.links import stop_link_read
from repattern.reminders.services import reminder_set, reminder_stop
from repattern.treatment.views.appointments import appointment_for


def reminder_stop_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners open links, and must not turn anything off); POST
    turns that kind of reminder off, or on again with `again=on`."""
    link = stop_link_read(token)
    if link is None:
        return TemplateResponse(request, "reminders/stop.html", {"broken": True}, status=400)
    owner = (
        Membership.objects.select_related("clinic").filter(pk=link.whose).first()
        if link.kind == "quiet"
        else Client.objects.select_related("clinic").filter(pk=link.whose).first()
    )
    context = {"link": link, "clinic": owner.clinic if owner else None}
    if owner is None:
        return TemplateResponse(request, "reminders/stop.html", {"gone": True}, status=404)
    if request.method == "POST":
        on = request.POST.get("again") == "on"
        reminder_stop(link, on=on)
        done = {"started": True} if on else {"stopped": True}
        return TemplateResponse(request, "reminders/stop.html", {**context, **done})
    return TemplateResponse(request, "reminders/stop.html", context)


@require_POST
@login_required
def appointment_reminder_set(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request, appointment_id, "schedule")
    form = ReminderTimeForm(request.POST)
    problem = ""
    if not form.is_valid():
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        try:
            reminder_set(
                appointment=appointment, remind_at=form.remind_at(), user=staff_user(request)
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
    if problem:
        messages.error(request, f"The reminder time was not saved: {problem}")
    else:
        messages.success(request, "Saved: the reminder goes at the time shown.")
    return redirect("appointment_detail", appointment_id=appointment.pk)
