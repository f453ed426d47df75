"""A session as documents people keep: its summary and its signed SOAP note, the same words on
the page, in print and in a PDF, amendments with their dates."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from repattern.treatment import summary
from repattern.treatment.models import SessionNote, TreatmentSession


def summary_context(session: TreatmentSession) -> dict[str, object]:
    return {
        "session": session,
        "client": session.client,
        "clinic": session.client.clinic,
        "summary": summary.session_summary(session),
        "body_map_svg": summary.body_map(session),
        "pain_before": session.pain("before"),
        "pain_after": session.pain("after"),
        "program_version": session.program_versions.select_related("program")
        .order_by("-number")
        .first(),
    }


def note_context(session: TreatmentSession, note: SessionNote) -> dict[str, object]:
    return {
        "session": session,
        "client": session.client,
        "clinic": session.client.clinic,
        "note": note,
        "amendments": note.amendments.select_related("written_by"),
    }


def pdf_response(template: str, context: dict[str, object], name: str) -> HttpResponse:
    """The document rendered by WeasyPrint with the print style, as a file to download."""
    html = render_to_string(template, context)
    from weasyprint import CSS, HTML  # loaded on first use: it takes seconds

    style = CSS(filename=str(finders.find("css/print.css")))
    data = HTML(string=html).write_pdf(stylesheets=[style])
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.pdf"'
    return response


def file_name(session: TreatmentSession, what: str) -> str:
    return f"{what}-{session.client.last_name}-{session.started_at:%Y-%m-%d}"
