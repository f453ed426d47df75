"""Every API error is one JSON shape, `Problem`, with a message a person can act on."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from repattern.treatment.services import EventRejected

log = logging.getLogger(__name__)


class Where(Schema):
    where: str
    message: str


class Problem(Schema):
    """What went wrong: `message` says what to do; `problems` lists each field at fault."""

    code: str
    message: str
    problems: list[Where] = []


class TooMany(HttpError):
    def __init__(self, wait_seconds: int) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(429, f"Too many requests with this token: wait {wait_seconds} seconds.")


NEEDS_TOKEN = (
    "Send an API token as the header 'Authorization: Bearer rp_…'. A member makes one on their "
    "account page, under API tokens; a revoked token no longer works."
)
CODES = {400: "bad_request", 401: "no_token", 403: "forbidden", 404: "not_found", 409: "refused"}


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, message: str, problems: list[Where] | None
) -> HttpResponse:
    body = Problem(code=CODES.get(status, str(status)), message=message, problems=problems or [])
    return api.create_response(request, body.model_dump(), status=status)


def _where(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload")]
    return ".".join(parts) or "request"


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's error answers with `Problem`s."""

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        wrong = [
            Where(where=_where(e.get("loc", ())), message=e.get("msg", "")) for e in exc.errors
        ]
        listed = "; ".join(f"{w.where}: {w.message}" for w in wrong)
        body = Problem(
            code="invalid", message=f"Correct these and send again: {listed}.", problems=wrong
        )
        return api.create_response(request, body.model_dump(), status=422)

    def model_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        wrong = [
            Where(where=field, message=str(m))
            for field, messages in getattr(exc, "message_dict", {"request": exc.messages}).items()
            for m in messages
        ]
        message = "Correct these and send again: " + "; ".join(w.message for w in wrong)
        body = Problem(code="invalid", message=message, problems=wrong)
        return api.create_response(request, body.model_dump(), status=422)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        message = "There is no such record in this token's clinic: check the id."
        return problem(api, request, 404, message, None)

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(api, request, 403, str(exc) or "Your role cannot do this.", None)

    def refused(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(api, request, 409, str(exc), None)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(api, request, 401, NEEDS_TOKEN, None)

    def too_many(request: HttpRequest, exc: Any) -> HttpResponse:
        response = problem(api, request, 429, exc.message, None)
        response["Retry-After"] = str(exc.wait_seconds)
        return response

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(api, request, exc.status_code, exc.message, None)

    def unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        log.exception("API error on %s", request.path)
        message = "Something went wrong on the server; it is logged. Try again later."
        return problem(api, request, 500, message, None)

    api.add_exception_handler(Exception, unexpected)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(TooMany, too_many)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(ModelValidationError, model_invalid)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(EventRejected, refused)
