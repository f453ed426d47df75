from django.urls import path

from repattern.reminders import views

urlpatterns = [
    path("reminders/stop/<str:token>/", views.reminder_stop_page, name="reminder_stop"),
    path(
        "appointments/<id:appointment_id>/reminder/",
        views.appointment_reminder_set,
        name="appointment_reminder_set",
    ),
]
