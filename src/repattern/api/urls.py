"""The API's addresses and the pages around it (tokens, FHIR download, CSV)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path

from repattern.api import views
from repattern.api.api import api
from repattern.api.csvfiles import views as csv_views


def _method_problem(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """django-ninja answers a method a route lacks in plain text; say it as every error is."""

    @wraps(view)
    def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        allowed = response.get("Allow", "")
        problem = JsonResponse(
            {
                "code": "method_not_allowed",
                "message": f"{request.method} is not used here; use {allowed}.",
                "problems": [],
            },
            status=405,
        )
        problem["Allow"] = allowed
        return problem

    return answered


API_PATTERNS, API_APP, API_NAMESPACE = api.urls
API_PATTERNS = [
    URLPattern(p.pattern, _method_problem(p.callback), p.default_args, p.name)
    if isinstance(p, URLPattern)
    else p
    for p in API_PATTERNS
]


urlpatterns = [
    path("api/v1/", (API_PATTERNS, API_APP, API_NAMESPACE)),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<id:token_id>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("clients/<id:client_id>/fhir.json", views.client_fhir, name="client_fhir"),
    path("clinics/<id:clinic_id>/csv/", csv_views.csv_page, name="csv_page"),
    path(
        "clinics/<id:clinic_id>/csv/clients.csv",
        csv_views.csv_download,
        {"what": "clients"},
        name="csv_clients",
    ),
    path(
        "clinics/<id:clinic_id>/csv/appointments.csv",
        csv_views.csv_download,
        {"what": "appointments"},
        name="csv_appointments",
    ),
    path(
        "clinics/<id:clinic_id>/csv/sessions.csv",
        csv_views.csv_download,
        {"what": "sessions"},
        name="csv_sessions",
    ),
    path(
        "clinics/<id:clinic_id>/csv/outcomes.csv",
        csv_views.csv_download,
        {"what": "outcomes"},
        name="csv_outcomes",
    ),
    path(
        "clinics/<id:clinic_id>/csv/import/",
        csv_views.client_import_preview,
        name="client_import_preview",
    ),
]
