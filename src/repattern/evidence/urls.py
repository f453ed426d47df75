from django.urls import path

from repattern.evidence import views

urlpatterns = [
    path("care-plans/<id:plan_id>/discharge/", views.discharge, name="discharge"),
    path("care-plans/<id:plan_id>/discharge.pdf", views.discharge_pdf, name="discharge_pdf"),
    path("clinics/<id:clinic_id>/evidence/", views.clinic_evidence, name="clinic_evidence"),
]
