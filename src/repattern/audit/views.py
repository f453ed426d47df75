from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from repattern.accounts.access import membership_for
from repattern.audit.models import AuditEvent


@login_required
def audit_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "view_audit")
    events = AuditEvent.objects.filter(clinic=me.clinic)
    record = request.GET.get("record", "").strip()
    if record.isdigit():
        events = events.filter(client_id=record)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "audit/audit_list.html", {"clinic": me.clinic, "page": page, "record": record}
    )
