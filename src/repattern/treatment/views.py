from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.audit.services import audit_record
from repattern.clients.access import client_for
from repattern.engine.atlas import load_atlas
from repattern.treatment import finding, services, summary
from repattern.treatment.forms import (
    AmendmentForm,
    EventForm,
    HomeworkForm,
    NoteForm,
    PainAfterForm,
    SessionStartForm,
)
from repattern.treatment.models import ChallengeKind, HomeworkItem, SessionNote, TreatmentSession
from repattern.treatment.services.events import EventInput


@login_required
def session_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _ = client_for(request, client_id, "treat")
    form = SessionStartForm(
        request.POST or None,
        areas=list(client.pain_areas.all()),
        plans=client.care_plans.filter(closed_at__isnull=True),
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


def session_for(
    request: HttpRequest, session_id: int, permission: str = "treat"
) -> TreatmentSession:
    """The session, if the user's clinic holds it and their role may see treatment records."""
    session = (
        TreatmentSession.objects.select_related(
            "client", "client__clinic", "practitioner", "care_plan"
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    membership_for(request.user, session.client.clinic_id, permission)
    return session


def require_author(request: HttpRequest, session: TreatmentSession, owner_too: bool) -> None:
    """Notes and homework are the treating practitioner's; an owner may amend them."""
    if session.practitioner_id == request.user.pk:
        return
    if owner_too and membership_for(request.user, session.client.clinic_id).can("amend_notes"):
        return
    raise PermissionDenied(
        f"Only {session.practitioner.get_username()}, who treated this session"
        f"{' (or the clinic owner)' if owner_too else ''}, can do this."
    )


def state_context(session: TreatmentSession) -> dict[str, object]:
    """What the live parts of the screen need; sent again after every event."""
    return {
        "session": session,
        "client": session.client,
        "clinic": session.client.clinic,
        "state": finding.session_state(session),
        "challenge_kinds": ChallengeKind.choices,
        "window_tests": finding.WINDOW_TESTS,
    }


def screen_context(session: TreatmentSession) -> dict[str, object]:
    """The whole screen: the live parts plus what is sent only once."""
    atlas = load_atlas()
    return {
        **state_context(session),
        "pain_before": session.pain("before"),
        "muscle_choices": finding.muscle_choices(atlas),
        "entry_choices": finding.entry_choices(atlas, session.client),
    }


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    if not session.is_open:
        return redirect("session_summary", session_id=session.pk)
    audit_record(
        clinic=session.client.clinic,
        user=request.user,
        action="view",
        record=session,
        summary="session screen",
    )
    return TemplateResponse(request, "treatment/session_screen.html", screen_context(session))


@login_required
def session_state(request: HttpRequest, session_id: int) -> HttpResponse:
    """The live part of the screen, for another tab or a page coming back online."""
    session = session_for(request, session_id)
    return TemplateResponse(request, "treatment/_session_state.html", state_context(session))


@login_required
@require_POST
def session_event(request: HttpRequest, session_id: int) -> HttpResponse:
    """Record one event sent by the page; answer with the updated state to swap in."""
    session = session_for(request, session_id, "treat")
    form = EventForm(request.POST)
    if not form.is_valid():
        problems = [f"{e}" for errors in form.errors.values() for e in errors]
        return JsonResponse({"error": " ".join(problems)}, status=400)
    data = form.cleaned_data
    if data["recorded_by"] not in (None, request.user.pk):
        # Made by someone else on this device: it waits until they sign in again.
        return JsonResponse(
            {"error": "These entries were made by another person: they sign in to send them."},
            status=403,
        )
    event = EventInput(
        event_id=data["event_id"],
        kind=data["kind"],
        site=data["site"],
        candidate=data["candidate"],
        challenge=data["challenge"],
        challenge_other=data["challenge_other"],
        result=data["result"],
        blinded=data["blinded"],
        force_newtons=data["force_newtons"],
        note=data["note"],
        outcome=data["outcome"],
        pattern_id=data["pattern_id"],
    )
    try:
        services.event_record(session=session, user=staff_user(request), event=event)
    except services.EventRejected as rejected:
        return JsonResponse({"error": str(rejected)}, status=409)
    return TemplateResponse(request, "treatment/_session_state.html", state_context(session))


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
        action="view",
        record=session,
        summary="session summary and note",
    )
    note = SessionNote.objects.filter(session=session).first()
    is_author = session.practitioner_id == request.user.pk
    is_owner = membership_for(request.user, session.client.clinic_id).can("amend_notes")
    may_amend = is_author or is_owner
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
            "amendment_form": AmendmentForm() if note and note.is_signed and may_amend else None,
            "may_edit_homework": may_amend,
            "homework": [
                (item, HomeworkForm(instance=item, prefix=f"hw{item.pk}"))
                for item in session.homework.all()
            ],
            "body_map_svg": summary.body_map(session),
            "pain_before": session.pain("before"),
            "pain_after": session.pain("after"),
        },
    )


@login_required
@require_POST
def note_save(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    require_author(request, session, owner_too=False)
    note = get_object_or_404(SessionNote, session=session)
    form = NoteForm(request.POST, instance=SessionNote.objects.get(pk=note.pk))
    user = staff_user(request)
    try:
        if form.is_valid():
            services.note_save(note=note, user=user, **form.cleaned_data)
            if "sign" in request.POST:
                services.note_sign(note=note, user=user)
                messages.success(
                    request, "Note signed. It is now locked; changes go in amendments."
                )
            else:
                messages.success(request, "Note saved as a draft.")
        else:
            messages.error(
                request,
                "The note was not saved: "
                + " ".join(
                    f"{field}: {' '.join(str(e) for e in errors)}"
                    for field, errors in form.errors.items()
                ),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("session_summary", session_id=session.pk)


@login_required
@require_POST
def note_amend(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    require_author(request, session, owner_too=True)
    note = get_object_or_404(SessionNote, session=session)
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            services.note_amend(note=note, user=staff_user(request), text=form.cleaned_data["text"])
            messages.success(request, "Amendment added.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Write the amendment (up to 5000 characters).")
    return redirect("session_summary", session_id=session.pk)


@login_required
@require_POST
def homework_save(request: HttpRequest, session_id: int, item_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    require_author(request, session, owner_too=True)
    item = get_object_or_404(HomeworkItem, pk=item_id, session=session)
    form = HomeworkForm(
        request.POST, instance=HomeworkItem.objects.get(pk=item.pk), prefix=f"hw{item.pk}"
    )
    if form.is_valid():
        services.homework_update(item=item, user=staff_user(request), **form.cleaned_data)
        messages.success(request, "Homework saved.")
    else:
        messages.error(request, "Homework not saved: each part needs text (up to 5000 characters).")
    return redirect("session_summary", session_id=session.pk)
