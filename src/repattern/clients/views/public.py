"""The intake a client fills in on their own phone, through a one-time link. No login."""

from __future__ import annotations

from django import forms as django_forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients import services
from repattern.clients.forms import ConsentForm, IntakeForm, SafetyScreenForm
from repattern.clients.models import IntakeLink
from repattern.clients.screening import CONSENT_BLOCKS, CONSENT_VERSION
from repattern.clients.views.history import history_context, history_list, history_response


def usable_link(token: str) -> IntakeLink:
    link = services.intake_link_find(token)
    if link is None:
        raise Http404(
            "This link has expired or has already been used. Ask your clinic for a new one."
        )
    return link


def error_summary(*forms: django_forms.BaseForm) -> list[tuple[str, str]]:
    """(element id, message) for each answer in error, in page order, for the page's top."""
    found = []
    for form in forms:
        for name, errors in form.errors.items():
            message = " ".join(str(error) for error in errors)
            if name == NON_FIELD_ERRORS:
                found.append(("main", message))
                continue
            field = form[name]
            # A group of radios or boxes has no single label target: point at its first input.
            target = field.id_for_label or f"{field.auto_id}_0"
            # A question keeps its own question mark: "…two weeks? Answer yes or no."
            label = str(field.label)
            found.append((target, f"{label}{' ' if label.endswith('?') else ': '}{message}"))
    return found


def public_intake(request: HttpRequest, token: str) -> HttpResponse:
    link = usable_link(token)
    client = link.client
    if request.method == "GET":
        # Whoever holds the link sees part of the record: each opening is in the audit log.
        audit_record(
            clinic=client.clinic,
            user=None,
            actor=services.link_actor(link),
            action=AuditAction.INTAKE_LINK_OPEN,
            record=link,
        )
    data = request.POST or None
    # The link shows nothing of what the clinic holds: whoever holds it only adds to the record.
    intake_form = IntakeForm(data, prefix="intake")
    screen_form = SafetyScreenForm(data, prefix="screen")
    consent_form = ConsentForm(data, client=client, prefix="consent")
    forms = {"form": intake_form, "screen_form": screen_form, "consent_form": consent_form}
    if request.method == "POST" and all(f.is_valid() for f in forms.values()):
        try:
            services.intake_link_submit(
                link=link,
                intake=services.IntakeAnswers(**intake_form.cleaned_data),
                screen_answers=screen_form.answers(),
                screen_notes=screen_form.cleaned_data["notes"],
                signed_name=consent_form.cleaned_data["signed_name"],
                signer_relationship=consent_form.cleaned_data["signer_relationship"],
            )
        except ValidationError as refused:
            return TemplateResponse(
                request,
                "clients/public_intake_done.html",
                {"client": client, "refused": " ".join(refused.messages)},
                status=409,
            )
        return TemplateResponse(request, "clients/public_intake_done.html", {"client": client})
    return TemplateResponse(
        request,
        "clients/public_intake.html",
        {
            "client": client,
            "link": link,
            "token": token,
            "consent_blocks": CONSENT_BLOCKS,
            "consent_version": CONSENT_VERSION,
            **forms,
            **history_context(client, since=link.created_at),
            "error_summary": error_summary(*forms.values()),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
def public_history_add(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    link = usable_link(token)
    history = history_list(kind)
    form = history.form(request.POST, client=link.client, prefix=kind)
    done = reverse("public_intake", args=[token])
    extra = {"token": token, "public": True}
    if form.is_valid():
        history.add(
            client=link.client, user=None, actor=services.link_actor(link), **form.cleaned_data
        )
        return history_response(
            request, link.client, kind, done, extra=extra, since=link.created_at
        )
    return history_response(
        request, link.client, kind, done, form, extra=extra, since=link.created_at
    )
