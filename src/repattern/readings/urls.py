from django.urls import path

from repattern.readings import report, views

urlpatterns = [
    path("sessions/<id:session_id>/readings/", views.reading_add, name="reading_add"),
    path(
        "sessions/<id:session_id>/readings/import/", views.readings_import, name="readings_import"
    ),
    path("clinics/<id:clinic_id>/test-reliability/", report.reliability_report, name="reliability"),
]
