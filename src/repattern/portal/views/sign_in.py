"""Signing in to the portal with the link from an e-mail, asking for a new link, signing out."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from repattern.accounts.password_reset import email_requests_limited
from repattern.portal import services
from repattern.portal.access import portal_link_of, portal_session_end, portal_session_start
from repattern.portal.forms import LinkRequestForm


def portal_start(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: a working one signs this browser in and goes to the portal, so
    the token leaves the address bar; any other gets a page that says what to do, and no data."""
    link = services.portal_link_find(token)
    if link is None:
        portal_session_end(request)
        return TemplateResponse(
            request,
            "portal/signed_out.html",
            {"form": LinkRequestForm(), "reason": "link"},
            status=404,
        )
    services.portal_sign_in(link=link)
    portal_session_start(request, link)
    return redirect("portal_home")


def portal_signed_out(request: HttpRequest) -> HttpResponse:
    if portal_link_of(request) is not None:
        return redirect("portal_home")
    return TemplateResponse(
        request, "portal/signed_out.html", {"form": LinkRequestForm(), "reason": "session"}
    )


def portal_link_request(request: HttpRequest) -> HttpResponse:
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limited = email_requests_limited(
            request,
            email=email,
            group="portal_link",
            per_email=settings.PORTAL_LINK_REQUESTS_PER_HOUR,
            per_address=settings.PASSWORD_RESET_REQUESTS_PER_HOUR,
        )
        if not limited:
            services.portal_link_request(email=email)
        # The same answer whatever happened: nobody learns which addresses a clinic knows.
        return TemplateResponse(request, "portal/link_requested.html", {"email": email})
    return TemplateResponse(
        request,
        "portal/signed_out.html",
        {"form": form, "reason": "asked"},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
def portal_sign_out(request: HttpRequest) -> HttpResponse:
    portal_session_end(request)
    return TemplateResponse(
        request, "portal/signed_out.html", {"form": LinkRequestForm(), "reason": "out"}
    )
