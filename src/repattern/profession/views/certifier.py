"""The certifier's pages: what was submitted to them, and the grade against the rubric."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from repattern.accounts.access import staff_user
from repattern.profession import services
from repattern.profession.access import certification_for_certifier, certifier_of
from repattern.profession.forms import GradeForm, ReviewForm
from repattern.profession.models import Certification
from repattern.profession.rubric import BadGrade, rubric


@login_required
def certifier_home(request: HttpRequest) -> HttpResponse:
    certifier = certifier_of(staff_user(request))
    submitted = certifier.certifications.filter(submitted_at__isnull=False).select_related(
        "practitioner"
    )
    return TemplateResponse(
        request,
        "profession/certifier_home.html",
        {
            "section": "certifier",
            "waiting": submitted.filter(result=Certification.Result.SUBMITTED),
            "done": submitted.exclude(result=Certification.Result.SUBMITTED),
        },
    )


@login_required
def certifier_grade(request: HttpRequest, certification_id: int) -> HttpResponse:
    user = staff_user(request)
    certification = certification_for_certifier(user, certification_id)
    the_rubric = rubric()
    form = GradeForm(request.POST or None, rubric=the_rubric)
    if request.method == "POST" and form.is_valid():
        try:
            grade = services.certification_grade(
                certification=certification,
                user=user,
                scores=form.scores(),
                comments=form.comments(),
            )
        except (ValidationError, BadGrade) as error:
            form.add_error(None, str(getattr(error, "message", error)))
        else:
            messages.success(request, grade.explain())
            return redirect("certifier_grade", certification_id=certification.pk)
    return TemplateResponse(
        request,
        "profession/certifier_grade.html",
        {
            "section": "certifier",
            "certification": certification,
            "case_studies": certification.case_studies.all(),
            "observed": getattr(certification, "observed_session", None),
            "rubric": the_rubric,
            "form": form,
            "review_form": ReviewForm(),
            "waiting": certification.result == Certification.Result.SUBMITTED,
        },
    )
