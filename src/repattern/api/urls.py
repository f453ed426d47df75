"""The API's addresses and the pages around it (tokens, FHIR download, CSV)."""

from django.urls import path

from repattern.api import views
from repattern.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<id:token_id>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("clients/<id:client_id>/fhir.json", views.client_fhir, name="client_fhir"),
]
