"""The session screen: start a session, record its events, finish it, read its summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.access import client_for
from repattern.engine.atlas import load_atlas
from repattern.engine.session import WINDOW_TESTS, EventKind, PatternStatus, Result
from repattern.treatment import screen, services, summary, today
from repattern.treatment.access import may_amend, require_author, session_for
from repattern.treatment.forms import (
    AmendmentForm,
    EventForm,
    NoteForClientForm,
    NoteForm,
    PainAfterForm,
    SessionStartForm,
    TeamForm,
)
from repattern.treatment.inputs import SessionRecord
from repattern.treatment.models import Appointment, ChallengeKind, SessionNote, TreatmentSession
from repattern.treatment.services.events import EventInput


@login_required
def session_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "treat")
    # Started from the day's list: the session is held in that appointment.
    wanted = request.GET.get("appointment", "")
    appointment = (
        client.appointments.filter(pk=wanted, status=Appointment.Status.BOOKED).first()
        if wanted.isascii() and wanted.isdigit() and len(wanted) < 19
        else None
    )
    form = SessionStartForm(
        request.POST or None,
        areas=list(client.pain_areas.all()),
        plans=client.care_plans.filter(closed_at__isnull=True),
        appointment=appointment,
    )
    blockers = client.session_blockers()
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            session = services.session_start(
                client=client,
                practitioner=staff_user(request),
                pain_before=form.ratings(),
                care_plan=form.cleaned_data["care_plan"],
                window_seconds=form.cleaned_data["window_seconds"],
                appointment=appointment,
            )
        except services.SessionBlocked as blocked:
            blockers = blocked.messages
        else:
            return redirect("session_detail", session_id=session.pk)
    return TemplateResponse(
        request,
        "treatment/session_new.html",
        {"client": client, "clinic": client.clinic, "form": form, "blockers": blockers},
        status=409 if blockers and request.method == "POST" else 200,
    )


def state_context(
    session: TreatmentSession, record: SessionRecord | None = None
) -> dict[str, object]:
    """What the live parts of the screen need; sent again after every event."""
    return {
        "session": session,
        "client": session.client,
        "clinic": session.client.clinic,
        "state": screen.session_state(session, record),
        "challenge_kinds": ChallengeKind.choices,
        "window_tests": WINDOW_TESTS,
    }


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    if not session.is_open:
        return redirect("session_summary", session_id=session.pk)
    audit_record(
        clinic=session.client.clinic,
        user=request.user,
        action=AuditAction.SESSION_VIEW,
        record=session,
        summary="session screen",
    )
    atlas = load_atlas()
    adherence, since = today.adherence_before(session)
    context = {
        **state_context(session),
        "adherence": adherence,
        "since": since,
        "suggested": screen.suggested_muscles(atlas, session.client),
        "may_record": session.may_record(request.user.pk),
        "team_form": TeamForm(session=session)
        if session.practitioner_id == request.user.pk
        else None,
        "pain_before": session.pain("before"),
        "muscle_choices": screen.muscle_choices(atlas),
        "entry_choices": screen.entry_choices(atlas, session.client),
    }
    return TemplateResponse(request, "treatment/session_screen.html", context)


@login_required
def session_state(request: HttpRequest, session_id: int) -> HttpResponse:
    """The live part of the screen, for another tab or a page coming back online. The screen
    polls it every few seconds; its opening is audited, each poll of it is not."""
    session = session_for(request, session_id)
    return TemplateResponse(request, "treatment/_session_state.html", state_context(session))


def _event_input(form: EventForm) -> EventInput:
    data = form.cleaned_data
    return EventInput(
        event_id=data["event_id"],
        kind=EventKind(data["kind"]),
        site=data["site"],
        candidate=data["candidate"],
        challenge=data["challenge"],
        challenge_other=data["challenge_other"],
        result=Result(data["result"]) if data["result"] else None,
        blinded=data["blinded"],
        force_newtons=data["force_newtons"],
        note=data["note"],
        outcome=PatternStatus(data["outcome"]) if data["outcome"] else None,
        pattern_id=data["pattern_id"],
        region=data["region"],
        members=form.members_list(),
    )


@login_required
@require_POST
def session_event(request: HttpRequest, session_id: int) -> HttpResponse:
    """Record one event sent by the page; answer with the updated state to swap in."""
    session = session_for(request, session_id, "treat")
    form = EventForm(request.POST)
    if not form.is_valid():
        problems = [f"{e}" for errors in form.errors.values() for e in errors]
        return JsonResponse({"error": " ".join(problems)}, status=400)
    if form.cleaned_data["recorded_by"] not in (None, request.user.pk):
        # Made by someone else on this device: it waits until they sign in again.
        return JsonResponse(
            {"error": "These entries were made by another person: they sign in to send them."},
            status=403,
        )
    try:
        recorded = services.event_record(
            session=session, user=staff_user(request), event=_event_input(form)
        )
    except services.SessionEnded as ended:
        # The page offers to keep the entry with the session, so nothing typed is lost.
        return JsonResponse({"error": str(ended), "code": "session_ended"}, status=409)
    except services.EventRejected as rejected:
        return JsonResponse({"error": str(rejected)}, status=409)
    context = state_context(session, recorded.record)
    return TemplateResponse(request, "treatment/_session_state.html", context)


@login_required
def session_finish(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    if not session.is_open:
        return redirect("session_summary", session_id=session.pk)
    require_author(request, session, owner_too=True)
    areas = list(session.client.pain_areas.all())
    form = PainAfterForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_finish(
                session=session,
                user=staff_user(request),
                pain_after=form.ratings(),
                after_effects=form.cleaned_data["after_effects"],
                after_effects_note=form.cleaned_data["after_effects_note"],
            )
        except services.SessionClosed as closed:
            messages.info(request, " ".join(closed.messages))
        return redirect("session_summary", session_id=session.pk)
    audit_record(
        clinic=session.client.clinic,
        user=request.user,
        action=AuditAction.SESSION_VIEW,
        record=session,
        summary="finish form",
    )
    return TemplateResponse(
        request,
        "treatment/session_finish.html",
        {
            "session": session,
            "client": session.client,
            "clinic": session.client.clinic,
            "form": form,
            "summary": summary.session_summary(session),
        },
    )


@login_required
def session_summary(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    audit_record(
        clinic=session.client.clinic,
        user=request.user,
        action=AuditAction.SESSION_VIEW,
        record=session,
        summary="session summary and note",
    )
    note = SessionNote.objects.filter(session=session).first()
    is_author = session.practitioner_id == request.user.pk
    amends = may_amend(request, session)
    return TemplateResponse(
        request,
        "treatment/session_summary.html",
        {
            "session": session,
            "client": session.client,
            "clinic": session.client.clinic,
            "summary": summary.session_summary(session),
            "note": note,
            "note_form": NoteForm(instance=note)
            if note and not note.is_signed and is_author
            else None,
            "amendment_form": AmendmentForm() if note and note.is_signed and amends else None,
            "note_for_client_form": NoteForClientForm(instance=session) if amends else None,
            "may_cosign": note is not None
            and note.signed_by_id != request.user.pk
            and membership_for(request.user, session.client.clinic_id).can("cosign_notes"),
            "program_version": session.program_versions.select_related("program")
            .order_by("-number")
            .first(),
            "body_map_svg": summary.body_map(session),
            "late_entries": session.late_entries.select_related("recorded_by"),
            "pain_before": session.pain("before"),
            "pain_after": session.pain("after"),
        },
    )
