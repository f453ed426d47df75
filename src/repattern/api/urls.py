"""The API's addresses and the pages around it (tokens, FHIR download, CSV)."""

from django.urls import path

from repattern.api import views
from repattern.api.api import api
from repattern.api.csvfiles import views as csv_views

urlpatterns = [
    path("api/v1/", api.urls),
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
        "clinics/<id:clinic_id>/csv/import/",
        csv_views.client_import_preview,
        name="client_import_preview",
    ),
]
