from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from repattern.accounts.access import membership_for
from repattern.audit.models import AuditEvent
from repattern.clients.models import Client
from repattern.clients.search import search_clients

NAMES_SHOWN = 10


@login_required
def audit_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "view_audit")
    trail = AuditEvent.objects.filter(clinic=me.clinic).select_related("client")
    events = trail
    clients = Client.objects.filter(clinic=me.clinic)
    query = request.GET.get("q", "").strip()[:100]
    record = request.GET.get("record", "").strip()
    found: QuerySet[Client] | None = None
    # `record` comes from the client page's "Audit trail" link; people search by name.
    if record.isdigit():
        found = clients.filter(pk=record)
    elif query:
        found = search_clients(clients, query)
    matched: list[Client] = []
    erased = ""
    if found is not None:
        # By number, not by link: an erased client's rows keep only the number.
        events = trail.filter(client_number__in=found.values("pk"))
        matched = list(found[: NAMES_SHOWN + 1])
        if record.isdigit() and matched:
            query = matched[0].full_name
        elif record.isdigit():
            events = trail.filter(client_number=record)
            erased = record if events.exists() else ""
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "audit/audit_list.html",
        {
            "clinic": me.clinic,
            "page": page,
            "query": query,
            "record": record if record.isdigit() else "",
            "searched": found is not None,
            "matched": matched[:NAMES_SHOWN],
            "more_matched": len(matched) > NAMES_SHOWN,
            "erased": erased,
        },
    )
