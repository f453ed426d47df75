"""The session summary and the signed note as PDFs; each download is audited like the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.treatment import documents
from repattern.treatment.access import session_for
from repattern.treatment.models import SessionNote, TreatmentSession


def _read(request: HttpRequest, session: TreatmentSession, what: str) -> None:
    audit_record(
        clinic=session.client.clinic,
        user=request.user,
        action=AuditAction.SESSION_VIEW,
        record=session,
        client=session.client,
        summary=what,
    )


@login_required
def session_summary_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    _read(request, session, "PDF of the session summary")
    return documents.pdf_response(
        "treatment/summary_pdf.html",
        documents.summary_context(session),
        documents.file_name(session, "session-summary"),
    )


@login_required
def session_note_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_for(request, session_id)
    note = SessionNote.objects.filter(session=session).select_related("signed_by").first()
    if note is None or not note.is_signed:
        messages.error(request, "The note has no PDF until it is signed.")
        return redirect("session_summary", session_id=session.pk)
    _read(request, session, "PDF of the signed note")
    return documents.pdf_response(
        "treatment/note_pdf.html",
        documents.note_context(session, note),
        documents.file_name(session, "soap-note"),
    )
