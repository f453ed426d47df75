"""The API tokens page, in the member's account area: make, see and revoke tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.access import memberships_of, staff_user
from repattern.api import services
from repattern.api.fhir.export import fhir_export, fhir_filename, fhir_text
from repattern.api.forms import TokenForm
from repattern.api.models import ApiToken
from repattern.clients.access import client_for


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    memberships = memberships_of(user)
    form = TokenForm(request.POST or None, memberships=memberships)
    made = None
    if request.method == "POST" and form.is_valid():
        made = services.api_token_create(
            membership=form.cleaned_data["membership"],
            user=user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
        )
        form = TokenForm(memberships=memberships)
    owned = [m.clinic_id for m in memberships if m.role == "owner"]
    others = (
        ApiToken.objects.filter(membership__clinic_id__in=owned)
        .exclude(membership__user=user)
        .select_related("membership__user", "membership__clinic")
    )
    mine = ApiToken.objects.filter(membership__user=user).select_related("membership__clinic")
    return TemplateResponse(
        request,
        "api/tokens.html",
        {"form": form, "made": made, "mine": mine, "others": others},
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = staff_user(request)
    token = ApiToken.objects.select_related("membership__clinic").filter(pk=token_id).first()
    if token is None or not services.may_manage(user, token):
        raise Http404
    services.api_token_revoke(token=token, user=user)
    messages.success(request, f"Token {token.name} is revoked: it no longer works.")
    return redirect("api_tokens")


@login_required
def client_fhir(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's FHIR R4 bundle as a file, for another system to import."""
    client, _ = client_for(request, client_id, "export_clients")
    bundle = fhir_export(client=client, user=staff_user(request))
    response = HttpResponse(fhir_text(bundle), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{fhir_filename(client)}"'
    return response
