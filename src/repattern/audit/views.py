from __future__ import annotations

from django import forms
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


class AuditFilterForm(forms.Form):
    q = forms.CharField(max_length=100, required=False)
    record = forms.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        error_messages={"invalid": "The client number in the address is not a number."},
    )


@login_required
def audit_list(request: HttpRequest, clinic_id: int) -> HttpResponse:
    me = membership_for(request.user, clinic_id, "view_audit")
    trail = AuditEvent.objects.filter(clinic=me.clinic).select_related("client")
    events = trail
    clients = Client.objects.filter(clinic=me.clinic)
    form = AuditFilterForm(request.GET)
    query, record = "", None
    if form.is_valid():
        query, record = form.cleaned_data["q"].strip(), form.cleaned_data["record"]
    found: QuerySet[Client] | None = None
    if "record" in form.errors:
        # Not a number any client could have: a search that finds nobody, not an error.
        found = clients.none()
    # `record` comes from the client page's "Audit trail" link; people search by name.
    if record is not None:
        found = clients.filter(pk=record)
    elif query:
        found = search_clients(clients, query)
    matched: list[Client] = []
    erased = ""
    if found is not None:
        # By number, not by link: an erased client's rows keep only the number.
        events = trail.filter(client_number__in=found.values("pk"))
        matched = list(found[: NAMES_SHOWN + 1])
        if record is not None and matched:
            query = matched[0].full_name
        elif record is not None:
            events = trail.filter(client_number=record)
            erased = str(record) if events.exists() else ""
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "audit/audit_list.html",
        {
            "clinic": me.clinic,
            "page": page,
            "query": query,
            "record": record or "",
            "problems": form.errors.get("q", []),
            "searched": found is not None,
            "matched": matched[:NAMES_SHOWN],
            "more_matched": len(matched) > NAMES_SHOWN,
            "erased": erased,
        },
    )
