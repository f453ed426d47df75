"""The clinic's e-mail log: every message it sent or tried to send, to whom, when, and how it
went. For the owner (who reads the audit log too); each reading is audited."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from repattern.accounts.access import membership_for
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.outbox.models import Message


class MessageFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show",
        choices=[("", "Every message"), *Message.Status.choices],
        required=False,
    )


@login_required
def message_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "view_audit")
    sent = Message.objects.filter(clinic=me.clinic).select_related("client")
    form = MessageFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    if status:
        sent = sent.filter(status=status)
    page = Paginator(sent, 50).get_page(request.GET.get("page"))
    audit_record(
        clinic=me.clinic,
        user=request.user,
        action=AuditAction.MESSAGE_LIST_VIEW,
        record=me.clinic,
        summary=f"{status or 'every'} message, page {page.number}",
    )
    return TemplateResponse(
        request,
        "outbox/message_list.html",
        {
            "clinic": me.clinic,
            "page": page,
            "form": form,
            "status": status,
            "problems": form.errors.get("status", []),
        },
    )
