"""The practitioner's side of a home program: read it, change it (a new version), print it,
download it as a PDF, end it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.programs import documents, services
from repattern.programs.access import program_for
from repattern.programs.adherence import adherence_for
from repattern.programs.forms import ExerciseFormSet, NoteForClientForm
from repattern.programs.models import HomeProgram, ProgramVersion


def _viewed(request: HttpRequest, program: HomeProgram, what: str) -> None:
    audit_record(
        clinic=program.client.clinic,
        user=request.user,
        action=AuditAction.PROGRAM_VIEW,
        record=program,
        client=program.client,
        summary=what,
    )


def _current(program: HomeProgram) -> ProgramVersion:
    version = program.current()
    if version is None:
        raise Http404
    return version


@login_required
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id)
    me = membership_for(request.user, program.client.clinic_id)
    version = _current(program)
    may_change = me.can("treat") and program.is_active
    formset = ExerciseFormSet(request.POST or None, queryset=version.exercises.all())
    note_form = NoteForClientForm(request.POST or None, instance=version)
    if request.method == "POST":
        if not may_change:
            return HttpResponse("Your role cannot change a home program.", status=403)
        if formset.is_valid() and note_form.is_valid():
            try:
                services.program_revise(
                    program=program,
                    user=staff_user(request),
                    doses=[
                        services.ExerciseDose(
                            key=form.instance.key,
                            inhibited=form.instance.inhibited,
                            facilitated=form.instance.facilitated,
                            pattern_id=form.instance.pattern_id,
                            **{
                                name: value
                                for name, value in form.cleaned_data.items()
                                if name not in ("remove", "id")
                            },
                        )
                        for form in formset.forms
                        if not form.cleaned_data.get("remove")
                    ],
                    note_for_client=note_form.cleaned_data["note_for_client"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Saved as a new version; the client sees it now.")
                return redirect("program_detail", program_id=program.pk)
    _viewed(request, program, f"version {version.number}")
    return TemplateResponse(
        request,
        "programs/program_detail.html",
        {
            **documents.context(program, version),
            "formset": formset if may_change else None,
            "note_form": note_form,
            "versions": program.versions.select_related("created_by", "made_from"),
            "adherence": adherence_for([program]).get(program.pk),
            "may_send": may_change and bool(program.client.email),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def program_version(request: HttpRequest, program_id: int, number: int) -> HttpResponse:
    program = program_for(request, program_id)
    version = program.versions.filter(number=number).first()
    if version is None:
        raise Http404
    _viewed(request, program, f"version {number}")
    return TemplateResponse(
        request, "programs/program_version.html", documents.context(program, version)
    )


@login_required
def program_print(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id)
    version = _current(program)
    _viewed(request, program, f"print of version {version.number}")
    return TemplateResponse(
        request, "programs/program_print.html", documents.context(program, version)
    )


@login_required
def program_pdf(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id)
    version = _current(program)
    _viewed(request, program, f"PDF of version {version.number}")
    return pdf_response(program, version)


def pdf_response(program: HomeProgram, version: ProgramVersion) -> HttpResponse:
    html = documents.render_pdf_html(program, version)
    from weasyprint import CSS, HTML  # loaded on first use: it takes seconds

    style = CSS(filename=str(finders.find("css/print.css")))
    data = HTML(string=html).write_pdf(stylesheets=[style])
    response = HttpResponse(data, content_type="application/pdf")
    name = f"home-program-{program.client.last_name.lower()}-v{version.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def program_end(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id, "treat")
    services.program_end(program=program, user=staff_user(request))
    messages.success(request, "The home program has ended.")
    return redirect("client_detail", client_id=program.client_id)


@login_required
@require_POST
def program_send(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id, "treat")
    try:
        services.program_send(program=program, user=staff_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Sent to {program.client.email}: a link to the portal, where the program waits.",
        )
    return redirect("program_detail", program_id=program.pk)
