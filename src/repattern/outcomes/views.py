"""Staff pages of outcomes: fill in a measure in the room, a client's outcomes, the review of a
plan without important change, and the clinic's questionnaires and settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import membership_for, staff_user
from repattern.clients.access import client_for
from repattern.clients.services import client_viewed
from repattern.outcomes import services
from repattern.outcomes.change import plan_outcome, review_after
from repattern.outcomes.fhir import outcomes_bundle
from repattern.outcomes.forms import carried_over, fill_form
from repattern.outcomes.models import ClinicInstrument, Response, Review
from repattern.outcomes.progress import progress
from repattern.outcomes.registry import instrument_for, instruments_for
from repattern.treatment.access import plan_for, session_for


@login_required
def measure_fill(request: HttpRequest, session_id: int, instrument_id: str) -> HttpResponse:
    """A questionnaire or a measure filled in the room, during the session."""
    session = session_for(request, session_id)
    instrument = instrument_for(session.client.clinic_id, instrument_id)
    if instrument is None:
        raise Http404
    user = staff_user(request)
    form = fill_form(instrument, initial=carried_over(session.client_id, instrument))
    status = 200
    if request.method == "POST":
        raw = {k: str(v) for k, v in request.POST.dict().items() if k != "csrfmiddlewaretoken"}
        try:
            response = services.response_record(
                client=session.client,
                instrument_id=instrument.id,
                raw=raw,
                entered_by=Response.EnteredBy.ROOM,
                user=user,
                session=session,
            )
        except services.AnswerProblems as refused:
            form, status = fill_form(instrument, raw, refused.problems), 422
        else:
            score = f": {response.score:g}" if response.score is not None else ""
            messages.success(request, f"Saved {instrument.rules.short}{score}.")
            return redirect("session_detail", session_id=session.pk)
    else:
        client_viewed(client=session.client, user=user, what=f"{instrument.id} form")
    return TemplateResponse(
        request,
        "outcomes/fill.html",
        {
            "client": session.client,
            "clinic": session.client.clinic,
            "form": form,
            "session": session,
        },
        status=status,
    )


@login_required
def client_outcomes(request: HttpRequest, client_id: int) -> HttpResponse:
    client, me = client_for(request, client_id)
    client_viewed(client=client, user=staff_user(request), what="outcomes")
    return TemplateResponse(
        request,
        "outcomes/client_outcomes.html",
        {"client": client, "clinic": client.clinic, "me": me, "shown": progress(client)},
    )


@login_required
def client_outcomes_fhir(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's outcomes as a FHIR R4 Bundle, for another system or the client's file."""
    client, _ = client_for(request, client_id, "export_clients")
    client_viewed(client=client, user=staff_user(request), what="outcomes as FHIR")
    response = JsonResponse(outcomes_bundle(client), json_dumps_params={"indent": 1})
    response["Content-Type"] = "application/fhir+json"
    response["Content-Disposition"] = f'attachment; filename="outcomes-{client.pk}.json"'
    return response


@login_required
def plan_review(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The practitioner reviews a plan that reached its review session without an important
    change, and records what they decided."""
    plan = plan_for(request, plan_id, "treat")
    outcome = plan_outcome(plan)
    problem = ""
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        reason = request.POST.get("reason", "")[:5000]
        if decision not in Review.Decision.values:
            problem = "Choose what you decided."
        else:
            try:
                services.review_record(
                    care_plan=plan, user=staff_user(request), decision=decision, reason=reason
                )
            except ValidationError as error:
                problem = " ".join(error.messages)
            else:
                messages.success(request, "Your decision is recorded.")
                return redirect("careplan_detail", plan_id=plan.pk)
    else:
        client_viewed(client=plan.client, user=staff_user(request), what="plan review")
    return TemplateResponse(
        request,
        "outcomes/plan_review.html",
        {
            "plan": plan,
            "client": plan.client,
            "clinic": plan.client.clinic,
            "outcome": outcome,
            "decisions": Review.Decision.choices,
            "problem": problem,
            "chosen": request.POST.get("decision", ""),
            "reason": request.POST.get("reason", ""),
        },
        status=422 if problem else 200,
    )


@login_required
@require_POST
def plan_schedule(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Which measures the plan wants, and when."""
    plan = plan_for(request, plan_id, "treat")
    if not plan.is_open:
        messages.error(request, "This plan is closed: its schedule stays as it was.")
        return redirect("careplan_detail", plan_id=plan.pk)
    entries = []
    for instrument in instruments_for(plan.client.clinic_id).values():
        if not instrument.usable:
            continue
        key = instrument.id
        every_text = request.POST.get(f"{key}-every", "0").strip() or "0"
        if not every_text.isdigit() or int(every_text) > 20:
            messages.error(
                request, f"{instrument.rules.short}: give every how many sessions, 0 to 20."
            )
            return redirect("careplan_detail", plan_id=plan.pk)
        first, last = f"{key}-first" in request.POST, f"{key}-last" in request.POST
        if first or last or int(every_text):
            entries.append((key, first, int(every_text), last))
    services.schedule_update(care_plan=plan, user=staff_user(request), entries=entries)
    messages.success(
        request,
        "The schedule is saved."
        if entries
        else "With nothing ticked, the plan follows the default schedule.",
    )
    return redirect("careplan_detail", plan_id=plan.pk)


@login_required
def clinic_instruments(request: HttpRequest, clinic_id: int) -> HttpResponse:
    """The instruments the clinic can use; the owner uploads licensed texts and says after how
    many sessions a plan without important change is reviewed."""
    me = membership_for(request.user, clinic_id)
    may_manage = me.can("manage_atlas")
    errors: list[str] = []
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("Only the clinic's owner changes its questionnaires.")
        user = staff_user(request)
        if "review_after" in request.POST:
            try:
                at = int(request.POST["review_after"])
                services.outcome_settings_update(clinic=me.clinic, user=user, review_after=at)
            except (ValueError, ValidationError):
                errors = ["Give a session number from 2 to 20."]
            else:
                messages.success(request, "Saved.")
                return redirect("clinic_instruments", clinic_id=clinic_id)
        else:
            upload = request.FILES.get("questionnaire")
            if upload is None:
                errors = ["Choose the questionnaire's JSON file."]
            else:
                try:
                    kept = services.instrument_upload(
                        clinic=me.clinic, user=user, content=upload.read(), name=upload.name or ""
                    )
                except services.UploadRefused as refused:
                    errors = list(refused.messages)
                else:
                    messages.success(request, f"{kept.instrument} can now be filled in.")
                    return redirect("clinic_instruments", clinic_id=clinic_id)
    return TemplateResponse(
        request,
        "outcomes/instruments.html",
        {
            "clinic": me.clinic,
            "me": me,
            "may_manage": may_manage,
            "instruments": instruments_for(clinic_id).values(),
            "uploads": ClinicInstrument.objects.filter(clinic_id=clinic_id),
            "review_at": review_after(clinic_id),
            "errors": errors,
            "section": "measures",
        },
        status=422 if errors else 200,
    )
