"""The session's note: saved and signed by the practitioner, co-signed, amended after."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.treatment import services
from repattern.treatment.access import require_author, session_for
from repattern.treatment.forms import AmendmentForm, NoteForClientForm, NoteForm
from repattern.treatment.models import SessionNote, TreatmentSession


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
            text = services.NoteText(**form.cleaned_data)
            if "sign" in request.POST and "locks" not in request.POST:
                # Signing cannot be undone: it waits for the tick that says so; the text stays.
                services.note_save(note=note, user=user, text=text)
                messages.error(
                    request,
                    "Not signed: tick “I understand that signing locks the note” and sign again. "
                    "Your text is saved as a draft.",
                )
            elif "sign" in request.POST:
                signed = services.note_sign(note=note, user=user, text=text)
                locked = "It is now locked; changes go in amendments."
                waits = (
                    " A practitioner or the owner co-signs it next." if signed.needs_cosign else ""
                )
                messages.success(request, f"Note signed. {locked}{waits}")
            else:
                services.note_save(note=note, user=user, text=text)
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
def note_cosign(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "cosign_notes")
    note = get_object_or_404(SessionNote, session=session)
    try:
        services.note_cosign(note=note, user=staff_user(request))
        messages.success(request, "Note co-signed.")
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
def note_for_client_save(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    require_author(request, session, owner_too=True)
    form = NoteForClientForm(request.POST, instance=TreatmentSession.objects.get(pk=session.pk))
    if form.is_valid():
        services.note_for_client_save(
            session=session, user=staff_user(request), text=form.cleaned_data["note_for_client"]
        )
        messages.success(request, f"Saved: {session.client.first_name} sees it on their portal.")
    else:
        messages.error(request, "Not saved: the note for the client is 5000 characters at most.")
    return redirect("session_summary", session_id=session.pk)
