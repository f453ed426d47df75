"""The clinic's CSV page: download clients, appointments and sessions; import clients from a
practice-management system's export, its columns matched on a preview before anything is saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from repattern.accounts.access import membership_for, staff_user
from repattern.api.csvfiles import reading, writing
from repattern.api.csvfiles.forms import MappingForm, UploadForm
from repattern.api.csvfiles.importing import ImportRefused, clients_import
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record

# The file waits in the member's session between the upload and the preview.
WAITING = "client_import"


@login_required
def csv_page(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "edit_clients")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            reading.check_size(upload.size)
            text = reading.decode(upload.read())
            reading.read_table(text, upload.name)
        except reading.Unreadable as unreadable:
            form.add_error("file", str(unreadable))
        else:
            request.session[WAITING] = {"clinic": clinic_id, "name": upload.name, "text": text}
            return redirect("client_import_preview", clinic_id=clinic_id)
    return TemplateResponse(
        request,
        "api/csv.html",
        {"clinic": me.clinic, "me": me, "form": form, "files": writing.lists(me.clinic)},
    )


@login_required
def csv_download(request: HttpRequest, clinic_id: int, what: str) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "export_clients")
    files = writing.lists(me.clinic)
    if what not in files:
        messages.error(request, "There is no such list to download.")
        return redirect("csv_page", clinic_id=clinic_id)
    columns, rows = files[what]
    audit_record(
        clinic=me.clinic,
        user=request.user,
        action=AuditAction.CSV_EXPORT,
        record=me.clinic,
        summary=f"{what}.csv",
    )
    response = HttpResponse(writing.csv_text(columns, rows), content_type="text/csv")
    name = f"repattern-{what}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def client_import_preview(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "edit_clients")
    waiting = request.session.get(WAITING)
    if not waiting or waiting.get("clinic") != clinic_id:
        messages.info(request, "Choose the file to import first.")
        return redirect("csv_page", clinic_id=clinic_id)
    table = reading.read_table(waiting["text"], waiting["name"])
    guessed = reading.guess_mapping(table.columns)
    initial = {**guessed, "date_format": reading.guess_date_format(table, guessed["date_of_birth"])}
    form = MappingForm(request.POST or None, columns=table.columns, initial=initial)
    problems: list[reading.Problem] = []
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        checked = reading.check_rows(table, mapping, form.cleaned_data["date_format"])
        try:
            made = clients_import(
                clinic=me.clinic,
                user=staff_user(request),
                checked=checked,
                mapping=mapping,
                filename=table.name,
            )
        except ImportRefused as refused:
            problems = refused.problems
        else:
            del request.session[WAITING]
            messages.success(request, f"Imported {len(made)} clients from {table.name}.")
            return redirect("client_list", clinic_id=clinic_id)
    return TemplateResponse(
        request,
        "api/import_preview.html",
        {
            "clinic": me.clinic,
            "me": me,
            "form": form,
            "table": table,
            "sample": [cells for _, cells in table.rows[:5]],
            "problems": problems[:500],
            "more_problems": max(0, len(problems) - 500),
        },
    )
