"""The day and the week, and appointments: booked, moved, cancelled."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.accounts.models import Membership
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.access import client_for
from repattern.clients.services import client_viewed
from repattern.programs.adherence import client_adherence
from repattern.treatment import services, today
from repattern.treatment.appointment_forms import (
    AppointmentForm,
    CancelForm,
    RescheduleForm,
    WhenForm,
    treating_members,
)
from repattern.treatment.attention import attention
from repattern.treatment.models import Appointment


def _day(request: HttpRequest, name: str) -> date:
    try:
        return date.fromisoformat(request.GET.get(name, "")[:10])
    except ValueError:
        return timezone.localdate()


def _whose(request: HttpRequest, me: Membership) -> tuple[list[int] | None, str]:
    """Whose appointments to show: the practitioner's own unless another is chosen; the
    front desk and the owner see everyone's."""
    chosen = request.GET.get("practitioner", "")
    members = {str(m.pk): m for m in treating_members(me.clinic_id)}
    if chosen in members:
        return [members[chosen].user_id], chosen
    if chosen == "all" or not me.can("treat"):
        return None, "all"
    return [me.user_id], str(me.pk)


def _calendar_context(me: Membership, chosen: str) -> dict[str, object]:
    return {
        "clinic": me.clinic,
        "me": me,
        "practitioners": treating_members(me.clinic_id),
        "chosen": chosen,
    }


def _viewed(request: HttpRequest, me: Membership, what: str) -> None:
    """The day and the week name clients and what was found: a reading, like the client list."""
    audit_record(
        clinic=me.clinic,
        user=request.user,
        action=AuditAction.CLIENT_LIST_VIEW,
        record=me.clinic,
        summary=what,
    )


@login_required
def day_view(request: HttpRequest, clinic_id: int) -> HttpResponse:
    """The practitioner's home: today's clients, what stands in the way, what was found."""
    me = membership_for(request.user, clinic_id)
    ids, chosen = _whose(request, me)
    day = _day(request, "day")
    start, end = today.day_bounds(day)
    booked = today.appointments(clinic_id, ids, start, end)
    _viewed(request, me, f"the day {day:%Y-%m-%d}")
    return TemplateResponse(
        request,
        "treatment/day.html",
        {
            **_calendar_context(me, chosen),
            "day": day,
            "is_today": day == timezone.localdate(),
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1),
            "visits": today.visits(clinic_id, booked, start),
            "attention": attention(clinic_id, ids, notes="treat" in me.allowed),
        },
    )


@login_required
def week_view(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id)
    ids, chosen = _whose(request, me)
    days = today.week_days(_day(request, "start"))
    start, _ = today.day_bounds(days[0])
    _, end = today.day_bounds(days[-1])
    booked = today.appointments(clinic_id, ids, start, end)
    _viewed(request, me, f"the week of {days[0]:%Y-%m-%d}")
    columns = [(day, [a for a in booked if timezone.localdate(a.starts_at) == day]) for day in days]
    return TemplateResponse(
        request,
        "treatment/week.html",
        {
            **_calendar_context(me, chosen),
            "columns": columns,
            "previous": days[0] - timedelta(days=7),
            "next": days[0] + timedelta(days=7),
        },
    )


@login_required
def appointment_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, me = client_for(request, client_id, "schedule")
    form = AppointmentForm(request.POST or None, client=client, me=me)
    overlap: list[Appointment] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.appointment_book(
                client=client,
                practitioner=data["practitioner"].user,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                care_plan=data["care_plan"],
                note=data["note"],
                by=staff_user(request),
                allow_overlap=data["book_anyway"],
            )
        except services.AppointmentOverlap as clash:
            overlap = clash.others
            form.add_error(None, clash)
        except ValidationError as error:
            # The model's errors name its fields, not the form's: show them above the form.
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Appointment booked.")
            return redirect("appointment_detail", appointment_id=appointment.pk)
    return TemplateResponse(
        request,
        "treatment/appointment_form.html",
        {"client": client, "clinic": client.clinic, "form": form, "overlap": overlap},
    )


def appointment_for(request: HttpRequest, appointment_id: int, permission: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related("client", "client__clinic", "practitioner", "session")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise Http404
    membership_for(request.user, appointment.client.clinic_id, permission)
    return appointment


def _when_initial(appointment: Appointment) -> dict[str, object]:
    local = timezone.localtime(appointment.starts_at)
    return {
        "day": local.date(),
        "time": local.time(),
        "duration_minutes": appointment.duration_minutes,
    }


@login_required
def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request, appointment_id, "view_clients")
    client_viewed(client=appointment.client, user=staff_user(request), what="appointment")
    return _detail(request, appointment, RescheduleForm(initial=_when_initial(appointment)))


def _detail(
    request: HttpRequest,
    appointment: Appointment,
    reschedule: WhenForm,
    cancel: CancelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return TemplateResponse(
        request,
        "treatment/appointment_detail.html",
        {
            "appointment": appointment,
            "client": appointment.client,
            "clinic": appointment.client.clinic,
            "reschedule_form": reschedule,
            "cancel_form": cancel or CancelForm(),
            "me": membership_for(request.user, appointment.client.clinic_id),
            "blockers": appointment.client.session_blockers(),
            "adherence": client_adherence(appointment.client_id),
        },
        status=status,
    )


@login_required
@require_POST
def appointment_reschedule(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request, appointment_id, "schedule")
    form = RescheduleForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_reschedule(
                appointment=appointment,
                starts_at=form.starts_at(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                reason=form.cleaned_data["reason"],
                by=staff_user(request),
                allow_overlap=form.cleaned_data["book_anyway"],
            )
        except ValidationError as error:
            # The model's errors name its fields, not the form's: show them above the form.
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Appointment moved.")
            return redirect("appointment_detail", appointment_id=appointment.pk)
    return _detail(request, appointment, form, status=422)


@login_required
@require_POST
def appointment_cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = appointment_for(request, appointment_id, "schedule")
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_cancel(
                appointment=appointment, reason=form.cleaned_data["reason"], by=staff_user(request)
            )
        except ValidationError as error:
            # The model's errors name its fields, not the form's: show them above the form.
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Appointment cancelled.")
            return redirect("appointment_detail", appointment_id=appointment.pk)
    return _detail(
        request, appointment, RescheduleForm(initial=_when_initial(appointment)), form, 422
    )
