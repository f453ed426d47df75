"""The client's own pages: today, appointments, notes, reminders and their data. Each shows
only the signed-in link's client (portal/access.py), and each reading is audited there."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.clients.services import client_export
from repattern.portal.access import PortalRequest, portal_page
from repattern.portal.forms import ExerciseMarkForm, ReminderChoicesForm
from repattern.portal.services import portal_actor
from repattern.portal.today import (
    exercise_today,
    next_appointments,
    notes_for_client,
    todays_program,
)
from repattern.programs.services import adherence_clear, adherence_log
from repattern.programs.services.programs import active_program
from repattern.reminders.services import reminder_choices_of, reminders_update
from repattern.treatment.calendar import calendar
from repattern.treatment.models import Appointment


def _page(request: HttpRequest, template: str, context: dict[str, object], status: int = 200):
    portal = cast(PortalRequest, request)
    return TemplateResponse(
        request,
        template,
        {"client": portal.portal_client, "clinic": portal.portal_client.clinic, **context},
        status=status,
    )


@portal_page
def portal_home(request: HttpRequest) -> HttpResponse:
    client = cast(PortalRequest, request).portal_client
    return _page(
        request,
        "portal/home.html",
        {
            "program": todays_program(client),
            "appointments": next_appointments(client, limit=1),
            "notes": notes_for_client(client, limit=1),
            "section": "today",
        },
    )


@require_POST
@portal_page
def portal_exercise_mark(request: HttpRequest) -> HttpResponse:
    """A tap on "Done": the exercise is marked for the day; "Undo" takes the mark back."""
    portal = cast(PortalRequest, request)
    client = portal.portal_client
    program = active_program(client)
    form = ExerciseMarkForm(request.POST)
    problem = ""
    if program is None:
        problem = "Your home program has ended: there is nothing to mark."
    elif not form.is_valid():
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        data, actor = form.cleaned_data, portal_actor(portal.portal_link)
        try:
            if data["undo"]:
                adherence_clear(program=program, key=data["key"], day=data["day"], actor=actor)
            else:
                adherence_log(
                    program=program,
                    key=data["key"],
                    day=data["day"],
                    pain=data["pain"],
                    entered_by="client",
                    actor=actor,
                )
        except ValidationError as error:
            problem = " ".join(error.messages)
    if request.headers.get("HX-Request"):
        item = exercise_today(client, str(request.POST.get("key", "")))
        if item is None:
            return HttpResponse(problem or "That exercise is not in your program.", status=422)
        return _page(
            request,
            "portal/_exercise.html",
            {"item": item, "problem": problem},
            status=422 if problem else 200,
        )
    if problem:
        messages.error(request, problem)
    return redirect("portal_home")


@portal_page
def portal_appointments(request: HttpRequest) -> HttpResponse:
    client = cast(PortalRequest, request).portal_client
    return _page(
        request,
        "portal/appointments.html",
        {"appointments": next_appointments(client, limit=20), "section": "appointments"},
    )


@portal_page
def portal_appointment_ics(request: HttpRequest, appointment_id: int) -> HttpResponse:
    client = cast(PortalRequest, request).portal_client
    appointment = (
        Appointment.objects.filter(pk=appointment_id, client=client)
        .select_related("client__clinic", "practitioner")
        .first()
    )
    if appointment is None:
        raise Http404
    response = HttpResponse(
        calendar([appointment], client.clinic.name, client_view=True),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.pk}.ics"'
    return response


@portal_page
def portal_notes(request: HttpRequest) -> HttpResponse:
    client = cast(PortalRequest, request).portal_client
    return _page(
        request, "portal/notes.html", {"notes": notes_for_client(client), "section": "notes"}
    )


@portal_page
def portal_reminders(request: HttpRequest) -> HttpResponse:
    portal = cast(PortalRequest, request)
    client = portal.portal_client
    form = ReminderChoicesForm(request.POST or None, instance=reminder_choices_of(client))
    if request.method == "POST":
        if form.is_valid():
            reminders_update(
                client=client,
                actor=portal_actor(portal.portal_link),
                appointments=form.cleaned_data["appointments"],
                exercises=form.cleaned_data["exercises"],
                exercise_time=form.cleaned_data["exercise_time"],
            )
            messages.success(request, "Saved: your reminders are as shown.")
            return redirect("portal_reminders")
        return _page(
            request,
            "portal/reminders.html",
            {"form": form, "section": "reminders"},
            status=422,
        )
    return _page(request, "portal/reminders.html", {"form": form, "section": "reminders"})


@portal_page
def portal_data(request: HttpRequest) -> HttpResponse:
    """What the clinic holds about the client, as the same ZIP the clinic's staff can make."""
    portal = cast(PortalRequest, request)
    if request.method == "POST":
        made = client_export(
            client=portal.portal_client, user=None, actor=portal_actor(portal.portal_link)
        )
        response = HttpResponse(made.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
        return response
    return _page(request, "portal/data.html", {"section": "data"})
