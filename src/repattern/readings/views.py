"""Force readings on the session screen: typed one at a time, or imported from a file after a
preview. Each view checks the session's clinic and that the user records in it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.atlas.services import clinic_atlas
from repattern.readings import services
from repattern.readings.dynamometer import DynamometerFileError, ImportProblem, parse_readings
from repattern.readings.forms import ConfirmForm, ImportForm, ReadingForm
from repattern.readings.templatetags.readings_tags import readings_panel
from repattern.treatment.access import session_for
from repattern.treatment.models import TreatmentSession


def _back(session: TreatmentSession) -> HttpResponse:
    name = "session_detail" if session.is_open else "session_summary"
    response = redirect(name, session_id=session.pk)
    response["Location"] += "#readings"
    return response


@login_required
@require_POST
def reading_add(request: HttpRequest, session_id: int) -> HttpResponse:
    """One typed reading. From the session screen's panel (HTMX) the answer is the panel again,
    with the form's errors in place; without HTMX, the session screen with a message."""
    session = session_for(request, session_id)
    atlas = clinic_atlas(session.client.clinic_id)
    form = ReadingForm(request.POST, atlas=atlas, auto_id="reading_%s")
    saved, refused = "", ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            reading = services.reading_record(
                session=session,
                user=staff_user(request),
                muscle=data["muscle"],
                side=data["side"],
                newtons=data["newtons"],
                trial=data["trial"],
            )
        except services.ReadingRefused as error:
            refused = str(error)
        else:
            name = atlas.name(reading.muscle)
            saved = f"Saved {name} ({reading.side}) trial {reading.trial}: {reading.newtons} N."
    if refused:
        form.add_error(None, refused)
    if request.headers.get("HX-Request"):
        panel = readings_panel(session, request.user, None if saved else form, saved)
        status = 200 if saved else 422
        return TemplateResponse(request, "readings/_readings.html", panel, status=status)
    if saved:
        messages.success(request, saved)
    for field, errors in form.errors.items():
        words = " ".join(str(e) for e in errors)
        label = f"{form[field].label}: " if field in form.fields else ""
        messages.error(request, f"Reading not saved: {label}{words}")
    return _back(session)


@login_required
def readings_import(request: HttpRequest, session_id: int) -> HttpResponse:
    """Upload, preview, confirm: nothing is stored until the preview is confirmed, and a file
    with any problem is refused whole with every problem listed."""
    session = session_for(request, session_id)
    user = staff_user(request)
    atlas = clinic_atlas(session.client.clinic_id)
    day = timezone.localdate(session.started_at)
    context: dict[str, object] = {
        "session": session,
        "client": session.client,
        "clinic": session.client.clinic,
        "may_record": session.may_record(user.pk),
    }
    if request.method == "POST" and not context["may_record"]:
        return TemplateResponse(request, "readings/import.html", context, status=403)
    confirming = request.method == "POST" and "text" in request.POST
    form: ImportForm | ConfirmForm
    if confirming:
        form = ConfirmForm(request.POST, session=session)
    else:
        form = ImportForm(
            request.POST or None,
            request.FILES or None,
            session=session,
            initial={"practitioner": user.pk},
        )
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "readings/import.html", context, status=status)
    if isinstance(form, ConfirmForm):
        data, filename = form.cleaned_data["text"].encode(), form.cleaned_data["filename"]
    else:
        data, filename = form.cleaned_data["file"], form.filename
    try:
        parsed = parse_readings(data, atlas, day)
    except DynamometerFileError as error:
        context["problems"] = error.problems
        return TemplateResponse(request, "readings/import.html", context, status=400)
    if not confirming:
        context["preview"] = parsed
        context["confirm"] = ConfirmForm(
            initial={
                "text": data.decode("utf-8-sig"),
                "filename": filename,
                "practitioner": form.cleaned_data["practitioner"],
            },
            session=session,
        )
        context["practitioner"] = form.chosen()
        return TemplateResponse(request, "readings/import.html", context)
    try:
        stored = services.readings_import(
            session=session,
            user=user,
            practitioner=form.chosen(),
            readings=parsed,
            filename=filename,
        )
    except services.ReadingRefused as refused:
        context["problems"] = [ImportProblem(1, "file", str(refused))]
        return TemplateResponse(request, "readings/import.html", context, status=403)
    messages.success(request, f"Imported {len(stored)} readings from {filename}.")
    return _back(session)
