"""Case study pages: consent and draft from a care plan, read and edit, PDF, review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.profession import services
from repattern.profession.access import case_study_for
from repattern.profession.documents import case_study_pdf
from repattern.profession.forms import CaseStudyForm, ConsentForm, ReviewForm
from repattern.profession.models import SECTIONS, CaseStudyVersion, Review
from repattern.treatment.models import CarePlan


def _plan(request: HttpRequest, plan_id: int) -> CarePlan:
    plan = CarePlan.objects.select_related("client", "client__clinic").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    membership_for(request.user, plan.client.clinic_id, "treat")
    return plan


@login_required
def case_study_new(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Record the client's consent, then draft; a plan with consent drafts at once."""
    plan = _plan(request, plan_id)
    user = staff_user(request)
    consent = plan.case_consents.first()
    form = ConsentForm(request.POST or None)
    if request.method == "POST":
        try:
            if consent is None and form.is_valid():
                consent = services.case_consent_record(
                    care_plan=plan, user=user, signed_name=form.cleaned_data["signed_name"]
                )
            if consent is not None:
                case_study = services.case_study_draft(care_plan=plan, user=user)
                messages.success(request, "Drafted. Read it through and write your reflection.")
                return redirect("case_study_detail", case_study_id=case_study.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return TemplateResponse(
        request,
        "profession/case_study_new.html",
        {"plan": plan, "client": plan.client, "consent": consent, "form": form},
    )


def _version(version: CaseStudyVersion | None) -> CaseStudyVersion:
    if version is None:
        raise Http404
    return version


@login_required
def case_study_detail(request: HttpRequest, case_study_id: int) -> HttpResponse:
    user = staff_user(request)
    case_study, is_author = case_study_for(user, case_study_id)
    version = _version(case_study.current())
    may_edit = is_author and (not case_study.is_submitted or case_study.review == Review.RETURNED)
    posted = request.POST if request.method == "POST" and may_edit else None
    form = CaseStudyForm(posted, initial_sections=version.sections)
    if request.method == "POST":
        if not may_edit:
            return HttpResponse("This case study cannot be changed now.", status=403)
        if form.is_valid():
            sections = {key: form.cleaned_data[key] for key, _ in SECTIONS}
            try:
                services.case_study_revise(case_study=case_study, user=user, sections=sections)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Saved as a new version.")
                return redirect("case_study_detail", case_study_id=case_study.pk)
    else:
        services.case_study_viewed(
            case_study=case_study, user=user, what=f"version {version.number}"
        )
    return TemplateResponse(
        request,
        "profession/case_study_detail.html",
        {
            "section": "profession",
            "case_study": case_study,
            "version": version,
            "sections": version.section_list(),
            "is_author": is_author,
            "may_edit": may_edit,
            "form": form,
            "review_form": ReviewForm(),
        },
    )


@login_required
def case_study_pdf_view(request: HttpRequest, case_study_id: int) -> HttpResponse:
    user = staff_user(request)
    case_study, _ = case_study_for(user, case_study_id)
    version = _version(case_study.current())
    try:
        data = case_study_pdf(case_study, version)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
    services.case_study_viewed(
        case_study=case_study, user=user, what=f"PDF of version {version.number}"
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = f"case-study-{case_study.pk}-v{version.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def case_study_review(request: HttpRequest, case_study_id: int) -> HttpResponse:
    user = staff_user(request)
    case_study, is_author = case_study_for(user, case_study_id)
    if is_author:
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.case_study_review(
                case_study=case_study,
                user=user,
                review=Review(form.cleaned_data["review"]),
                comment=form.cleaned_data["review_comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Review saved.")
    else:
        messages.error(request, "Choose accepted or returned.")
    certification_id = case_study.certification_id
    return redirect("certifier_grade", certification_id=certification_id)
