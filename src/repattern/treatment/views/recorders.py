"""Who records in a session: the treating practitioner adds colleagues, and an entry that
arrives after the session ended is kept with it rather than lost."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.treatment import services
from repattern.treatment.access import session_for
from repattern.treatment.forms import EventForm, TeamForm


@login_required
@require_POST
def session_team_add(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id, "treat")
    form = TeamForm(request.POST, session=session)
    if not form.is_valid():
        messages.error(request, "Choose a colleague from the list.")
    else:
        member = form.cleaned_data["membership"].user
        try:
            services.session_team_add(session=session, member=member, by=staff_user(request))
            messages.success(request, f"{member.get_username()} can now record here too.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("session_detail", session_id=session.pk)


@login_required
@require_POST
def late_entry_keep(request: HttpRequest, session_id: int) -> HttpResponse:
    """Keep, as typed, an entry the page made after the session had ended elsewhere."""
    session = session_for(request, session_id, "treat")
    form = EventForm(request.POST)
    if not form.is_valid():
        problems = [f"{e}" for errors in form.errors.values() for e in errors]
        return JsonResponse({"error": " ".join(problems)}, status=400)
    data = form.cleaned_data
    entry = {
        name: str(value)
        for name, value in data.items()
        if name not in ("event_id", "recorded_by") and value not in (None, "", False)
    }
    try:
        services.late_entry_keep(
            session=session, user=staff_user(request), event_id=data["event_id"], entry=entry
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=409)
    return JsonResponse({"kept": True})
