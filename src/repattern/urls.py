from django.contrib.auth import views as auth_views
from django.urls import include, path

from repattern.accounts import views as accounts
from repattern.accounts.forms import (
    MemberPasswordResetForm,
    ThrottledLoginForm,
    UnlockingSetPasswordForm,
)
from repattern.atlas import views as atlas
from repattern.audit import views as audit
from repattern.clients.views import erasure, export, history, links, public, records, screening
from repattern.treatment.views import calendar as calendar_feeds
from repattern.treatment.views import careplans, notes
from repattern.treatment.views import sessions as treatment

urlpatterns = [
    path("", accounts.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledLoginForm),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=MemberPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=UnlockingSetPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("clinics/<int:clinic_id>/clients/", records.client_list, name="client_list"),
    path("clinics/<int:clinic_id>/clients/new/", records.client_new, name="client_new"),
    path("clinics/<int:clinic_id>/members/", accounts.member_list, name="member_list"),
    path(
        "clinics/<int:clinic_id>/members/<int:membership_id>/role/",
        accounts.member_role,
        name="member_role",
    ),
    path(
        "clinics/<int:clinic_id>/members/<int:membership_id>/remove/",
        accounts.member_remove,
        name="member_remove",
    ),
    path("clinics/<int:clinic_id>/audit/", audit.audit_list, name="audit_list"),
    path("clinics/<int:clinic_id>/atlas/", atlas.atlas_index, name="atlas_index"),
    path("clinics/<int:clinic_id>/atlas/charts/", atlas.chart_list, name="chart_list"),
    path(
        "clinics/<int:clinic_id>/atlas/charts/<int:chart_id>/delete/",
        atlas.chart_delete,
        name="chart_delete",
    ),
    path("clinics/<int:clinic_id>/atlas/<str:entry_id>/", atlas.atlas_entry, name="atlas_entry"),
    path("clients/<int:client_id>/", records.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", records.client_edit, name="client_edit"),
    path("clients/<int:client_id>/archive/", records.client_archive, name="client_archive"),
    path("clients/<int:client_id>/erase/", erasure.client_erase, name="client_erase"),
    path("clients/<int:client_id>/export/", export.client_export, name="client_export"),
    path("clients/<int:client_id>/intake/", history.intake_edit, name="intake_edit"),
    path(
        "clients/<int:client_id>/history/<str:kind>/add/", history.history_add, name="history_add"
    ),
    path(
        "clients/<int:client_id>/history/<str:kind>/<int:row_id>/remove/",
        history.history_remove,
        name="history_remove",
    ),
    path("clients/<int:client_id>/screen/", screening.screen_new, name="screen_new"),
    path("clients/<int:client_id>/clearance/", screening.clearance_new, name="clearance_new"),
    path("clients/<int:client_id>/override/", screening.override_new, name="override_new"),
    path("clients/<int:client_id>/consent/", screening.consent_new, name="consent_new"),
    path("clients/<int:client_id>/intake-links/", links.intake_links, name="intake_links"),
    path(
        "clients/<int:client_id>/intake-links/<int:link_id>/revoke/",
        links.intake_link_revoke,
        name="intake_link_revoke",
    ),
    path("clients/<int:client_id>/sessions/new/", treatment.session_new, name="session_new"),
    path("sessions/<int:session_id>/", treatment.session_detail, name="session_detail"),
    path("sessions/<int:session_id>/events/", treatment.session_event, name="session_event"),
    path("sessions/<int:session_id>/state/", treatment.session_state, name="session_state"),
    path("sessions/<int:session_id>/finish/", treatment.session_finish, name="session_finish"),
    path("sessions/<int:session_id>/summary/", treatment.session_summary, name="session_summary"),
    path("sessions/<int:session_id>/note/", notes.note_save, name="note_save"),
    path("sessions/<int:session_id>/note/amend/", notes.note_amend, name="note_amend"),
    path(
        "sessions/<int:session_id>/homework/<int:item_id>/",
        notes.homework_save,
        name="homework_save",
    ),
    path("clients/<int:client_id>/care-plans/new/", careplans.careplan_new, name="careplan_new"),
    path("care-plans/<int:plan_id>/", careplans.careplan_detail, name="careplan_detail"),
    path("care-plans/<int:plan_id>/edit/", careplans.careplan_edit, name="careplan_edit"),
    path("care-plans/<int:plan_id>/close/", careplans.careplan_close, name="careplan_close"),
    path("care-plans/<int:plan_id>/sessions.ics", careplans.careplan_ics, name="careplan_ics"),
    path("clinics/<int:clinic_id>/calendar/", calendar_feeds.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", calendar_feeds.calendar_feed_ics, name="calendar_feed_ics"),
    path("intake/<str:token>/", public.public_intake, name="public_intake"),
    path(
        "intake/<str:token>/history/<str:kind>/add/",
        public.public_history_add,
        name="public_history_add",
    ),
]
