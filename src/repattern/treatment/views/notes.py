"""The session's note and homework: saved and signed by the practitioner, amended after."""

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
from repattern.treatment.forms import AmendmentForm, HomeworkForm, NoteForm
from repattern.treatment.models import HomeworkItem, SessionNote


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
            if "sign" in request.POST:
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
