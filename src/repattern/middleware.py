"""Request and response rules every page follows: what may be cached, and what is refused."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

# Pages opened by a secret address rather than a sign-in: they show a client's own data.
TOKEN_PAGES = frozenset({"public_intake", "public_history_add", "calendar_feed_ics"})
NUL = "\x00"


class NoStore:
    """Nothing a signed-in member or a link holder sees is kept by a browser or a proxy cache:
    a shared tablet's back button or a clinic proxy must not show a client's record later."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        by_token = match is not None and match.url_name in TOKEN_PAGES
        if by_token or (getattr(request, "user", None) and request.user.is_authenticated):
            patch_cache_control(response, no_store=True, private=True)
        return response


class RefuseNulCharacters:
    """A NUL character is never part of what a person types; PostgreSQL cannot store one and
    SQLite would. Refuse the request with a page that says so, before any view or query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            response = TemplateResponse(
                request,
                "400.html",
                {
                    "why": "The form or address contained a NUL character, which cannot be stored. "
                    "Type the text again (do not paste it from a binary file) and send it."
                },
                status=400,
            )
            return response.render()
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    queries = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for query in queries:
        for key, values in query.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return False
