"""The public directory (no sign-in) and the practitioner's own listing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from repattern.accounts.access import staff_user
from repattern.profession import services
from repattern.profession.forms import DirectorySearchForm, ListingForm
from repattern.profession.models import DirectoryListing
from repattern.profession.search import directory_search


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query = form.cleaned_data if form.is_valid() else {}
    rows, problem = directory_search(query, timezone.localdate())
    return TemplateResponse(
        request,
        "profession/directory.html",
        {"form": form, "rows": rows, "problem": problem, "public": True},
    )


def directory_entry(request: HttpRequest, listing_id: int) -> HttpResponse:
    listing = DirectoryListing.objects.shown(timezone.localdate()).filter(pk=listing_id).first()
    if listing is None:
        raise Http404
    return TemplateResponse(
        request, "profession/directory_entry.html", {"listing": listing, "public": True}
    )


@login_required
def listing_edit(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    listing = DirectoryListing.objects.filter(practitioner=user).first()
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(practitioner=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your listing is saved.")
            return redirect("listing_edit")
    return TemplateResponse(
        request,
        "profession/listing_edit.html",
        {"section": "profession", "form": form, "listing": listing, "today": timezone.localdate()},
    )


@login_required
@require_POST
def listing_renew(request: HttpRequest) -> HttpResponse:
    try:
        listing = services.listing_renew(practitioner=staff_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Listed until {listing.listed_until:%-d %B %Y}.")
    return redirect("listing_edit")
