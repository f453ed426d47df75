from django.urls import path

from repattern.outcomes import portal_views, views

urlpatterns = [
    path(
        "sessions/<id:session_id>/measures/<slug:instrument_id>/",
        views.measure_fill,
        name="measure_fill",
    ),
    path("clients/<id:client_id>/outcomes/", views.client_outcomes, name="client_outcomes"),
    path(
        "clients/<id:client_id>/outcomes.fhir.json",
        views.client_outcomes_fhir,
        name="client_outcomes_fhir",
    ),
    path("care-plans/<id:plan_id>/review/", views.plan_review, name="plan_review"),
    path("care-plans/<id:plan_id>/measures/", views.plan_schedule, name="plan_schedule"),
    path(
        "clinics/<id:clinic_id>/instruments/",
        views.clinic_instruments,
        name="clinic_instruments",
    ),
    path("portal/progress/", portal_views.portal_progress, name="portal_progress"),
    path(
        "portal/measures/<slug:instrument_id>/",
        portal_views.portal_measure,
        name="portal_measure",
    ),
]
