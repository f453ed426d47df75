"""Appointments: booked, moved and cancelled with a reason, each with its audit row."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.treatment.models import Appointment, CarePlan


class AppointmentOverlap(ValidationError):
    """The practitioner is booked already for part of this time; `.others` says with whom."""

    def __init__(self, others: list[Appointment]) -> None:
        self.others = others
        names = "; ".join(
            f"{timezone.localtime(o.starts_at):%H:%M}-{timezone.localtime(o.ends_at):%H:%M} "
            f"with {o.client.full_name}"
            for o in others
        )
        super().__init__(
            f"{others[0].practitioner.get_username()} is booked already at that time ({names}). "
            "Choose another time, or book it anyway."
        )


def _checked(appointment: Appointment, allow_overlap: bool) -> None:
    appointment.full_clean()
    others = appointment.overlapping()
    if others and not allow_overlap:
        raise AppointmentOverlap(others)


def _treats(practitioner: User, client: Client) -> None:
    membership = practitioner.memberships.filter(clinic_id=client.clinic_id).first()
    if membership is None or not membership.can("treat"):
        raise ValidationError(
            {"practitioner": f"{practitioner.get_username()} does not treat in this clinic."}
        )


@transaction.atomic
def appointment_book(
    *,
    client: Client,
    practitioner: User,
    starts_at: datetime,
    by: User,
    duration_minutes: int = 60,
    care_plan: CarePlan | None = None,
    note: str = "",
    allow_overlap: bool = False,
) -> Appointment:
    """Book a time; refused with `AppointmentOverlap` if the practitioner is booked already,
    unless the person booking says to book it anyway."""
    _treats(practitioner, client)
    appointment = Appointment(
        client=client,
        practitioner=practitioner,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        care_plan=care_plan,
        note=note,
        created_by=by,
    )
    _checked(appointment, allow_overlap)
    appointment.save()
    audit_record(
        clinic=client.clinic,
        user=by,
        action=AuditAction.APPOINTMENT_BOOK,
        record=appointment,
        summary=f"{timezone.localtime(starts_at):%Y-%m-%d %H:%M} with {practitioner}",
    )
    return appointment


def _booked(appointment: Appointment) -> Appointment:
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if not locked.is_booked:
        raise ValidationError(f"This appointment is {locked.get_status_display().lower()} already.")
    return locked


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    starts_at: datetime,
    duration_minutes: int,
    reason: str,
    by: User,
    allow_overlap: bool = False,
) -> Appointment:
    """Move an appointment, with the reason: the audit row keeps the time it had."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the appointment moves."})
    locked = _booked(appointment)
    was = timezone.localtime(locked.starts_at)
    locked.starts_at, locked.duration_minutes = starts_at, duration_minutes
    locked.sequence += 1
    _checked(locked, allow_overlap)
    locked.save()
    audit_record(
        clinic=locked.client.clinic,
        user=by,
        action=AuditAction.APPOINTMENT_RESCHEDULE,
        record=locked,
        summary=f"from {was:%Y-%m-%d %H:%M} to {timezone.localtime(starts_at):%Y-%m-%d %H:%M}: "
        f"{reason}"[:300],
    )
    return locked


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, reason: str, by: User) -> Appointment:
    locked = _booked(appointment)
    locked.status, locked.cancelled_reason = Appointment.Status.CANCELLED, reason
    locked.cancelled_at = timezone.now()
    locked.sequence += 1
    locked.full_clean()
    locked.save()
    audit_record(
        clinic=locked.client.clinic,
        user=by,
        action=AuditAction.APPOINTMENT_CANCEL,
        record=locked,
        summary=reason[:300],
    )
    return locked
