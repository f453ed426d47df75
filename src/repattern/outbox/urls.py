from django.urls import path

from repattern.outbox import views

urlpatterns = [
    path("clinics/<id:clinic_id>/messages/", views.message_list, name="message_list"),
]
