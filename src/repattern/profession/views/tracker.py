"""The practitioner's certification tracker: levels, deadlines, case studies, education."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from repattern.accounts.access import staff_user
from repattern.profession import services
from repattern.profession.access import own_certification
from repattern.profession.forms import CourseForm, EducationForm, SubmitForm
from repattern.profession.models import DirectoryListing
from repattern.profession.rubric import rubric


@login_required
def tracker(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    course_form = CourseForm(request.POST if "course" in request.POST else None)
    education_form = EducationForm(request.POST if "education" in request.POST else None)
    if request.method == "POST":
        try:
            if "course" in request.POST and course_form.is_valid():
                services.certification_start(practitioner=user, **course_form.cleaned_data)
                messages.success(request, "Course recorded; the deadlines are below.")
                return redirect("tracker")
            if "education" in request.POST and education_form.is_valid():
                services.education_log(practitioner=user, **education_form.cleaned_data)
                messages.success(request, "Logged.")
                return redirect("tracker")
        except ValidationError as error:
            (course_form if "course" in request.POST else education_form).add_error(None, error)
    return TemplateResponse(
        request,
        "profession/tracker.html",
        {
            "section": "profession",
            "today": timezone.localdate(),
            "certifications": user.certifications.select_related("observed_session"),
            "case_studies": user.case_studies.select_related("certification"),
            "education": user.education.all(),
            "listing": DirectoryListing.objects.filter(practitioner=user).first(),
            "course_form": course_form,
            "education_form": education_form,
        },
    )


@login_required
def certification_detail(request: HttpRequest, certification_id: int) -> HttpResponse:
    user = staff_user(request)
    certification = own_certification(user, certification_id)
    form = SubmitForm(request.POST or None, practitioner_id=user.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.certification_submit(
                certification=certification,
                user=user,
                case_studies=list(data["case_studies"]),
                certifier=data["certifier"],
                observed_on=data["observed_on"],
                mode=data["mode"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Submitted to the certifier.")
            return redirect("certification_detail", certification_id=certification.pk)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "profession/certification_detail.html",
        {
            "section": "profession",
            "certification": certification,
            "standing": certification.standing(today),
            "may_submit": certification.is_open
            and certification.deadlines.may_submit(certification.practice_from, today),
            "observed": getattr(certification, "observed_session", None),
            "rubric": rubric(),
            "form": form,
        },
    )
