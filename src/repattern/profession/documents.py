"""A case study as a PDF, made only once the check finds nothing that identifies the client."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from repattern.profession.models import CaseStudy, CaseStudyVersion
from repattern.profession.services import identification_problems


def case_study_pdf(case_study: CaseStudy, version: CaseStudyVersion) -> bytes:
    found = identification_problems(case_study, {"title": case_study.title, **version.sections})
    if found:
        raise ValidationError(["This could identify the client; it was not exported.", *found])
    html = render_to_string(
        "profession/case_study_pdf.html",
        {"case_study": case_study, "version": version, "sections": version.section_list()},
    )
    from weasyprint import CSS, HTML  # loaded on first use: it takes seconds

    style = CSS(filename=str(finders.find("css/print.css")))
    return bytes(HTML(string=html).write_pdf(stylesheets=[style]))
