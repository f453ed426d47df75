from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from repattern.accounts import account, signin
from repattern.accounts import views as accounts
from repattern.accounts.forms import UnlockingSetPasswordForm
from repattern.accounts.password_reset import PasswordResetView
from repattern.atlas import views as atlas
from repattern.audit import views as audit
from repattern.clients.views import erasure, export, history, links, public, records, screening
from repattern.portal.views import pages as portal
from repattern.portal.views import sign_in as portal_sign_in
from repattern.portal.views import staff as portal_staff
from repattern.programs.views import staff as programs
from repattern.treatment.views import appointments, careplans, notes, recorders
from repattern.treatment.views import calendar as calendar_feeds
from repattern.treatment.views import documents as session_documents
from repattern.treatment.views import sessions as treatment


class RecordId:
    """A record's id in an address: digits that fit the databases' 64-bit keys. A longer
    number is no record at all (404), rather than an overflow deep in a query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RecordId, "id")

urlpatterns = [
    path("", include("repattern.readings.urls")),
    path("", include("repattern.api.urls")),
    path("", accounts.home, name="home"),
    path("accounts/login/", signin.SignInView.as_view(), name="login"),
    path("accounts/login/code/", signin.login_code, name="login_code"),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=UnlockingSetPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", account.account, name="account"),
    path("account/two-factor/", account.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/off/", account.two_factor_off, name="two_factor_off"),
    path("account/recovery-codes/", account.recovery_codes, name="recovery_codes"),
    path("clinics/<id:clinic_id>/today/", appointments.day_view, name="day_view"),
    path("clinics/<id:clinic_id>/week/", appointments.week_view, name="week_view"),
    path(
        "clients/<id:client_id>/appointments/new/",
        appointments.appointment_new,
        name="appointment_new",
    ),
    path(
        "appointments/<id:appointment_id>/",
        appointments.appointment_detail,
        name="appointment_detail",
    ),
    path(
        "appointments/<id:appointment_id>/reschedule/",
        appointments.appointment_reschedule,
        name="appointment_reschedule",
    ),
    path(
        "appointments/<id:appointment_id>/cancel/",
        appointments.appointment_cancel,
        name="appointment_cancel",
    ),
    path("programs/<id:program_id>/", programs.program_detail, name="program_detail"),
    path(
        "programs/<id:program_id>/versions/<id:number>/",
        programs.program_version,
        name="program_version",
    ),
    path("programs/<id:program_id>/print/", programs.program_print, name="program_print"),
    path("programs/<id:program_id>/program.pdf", programs.program_pdf, name="program_pdf"),
    path("programs/<id:program_id>/end/", programs.program_end, name="program_end"),
    path("programs/<id:program_id>/send/", programs.program_send, name="program_send"),
    path("clients/<id:client_id>/portal/", portal_staff.client_portal, name="client_portal"),
    path(
        "clients/<id:client_id>/portal/links/<id:link_id>/revoke/",
        portal_staff.portal_link_revoke,
        name="portal_link_revoke",
    ),
    path("portal/", portal.portal_home, name="portal_home"),
    path("portal/start/<str:token>/", portal_sign_in.portal_start, name="portal_start"),
    path("portal/signed-out/", portal_sign_in.portal_signed_out, name="portal_signed_out"),
    path("portal/new-link/", portal_sign_in.portal_link_request, name="portal_link_request"),
    path("portal/sign-out/", portal_sign_in.portal_sign_out, name="portal_sign_out"),
    path("portal/exercises/mark/", portal.portal_exercise_mark, name="portal_exercise_mark"),
    path("portal/visits/", portal.portal_appointments, name="portal_appointments"),
    path(
        "portal/visits/<id:appointment_id>.ics",
        portal.portal_appointment_ics,
        name="portal_appointment_ics",
    ),
    path("portal/notes/", portal.portal_notes, name="portal_notes"),
    path("portal/reminders/", portal.portal_reminders, name="portal_reminders"),
    path("portal/my-data/", portal.portal_data, name="portal_data"),
    path("clinics/<id:clinic_id>/clients/", records.client_list, name="client_list"),
    path("clinics/<id:clinic_id>/clients/new/", records.client_new, name="client_new"),
    path("clinics/<id:clinic_id>/members/", accounts.member_list, name="member_list"),
    path(
        "clinics/<id:clinic_id>/members/two-factor/",
        accounts.clinic_two_factor,
        name="clinic_two_factor",
    ),
    path(
        "clinics/<id:clinic_id>/members/<id:membership_id>/role/",
        accounts.member_role,
        name="member_role",
    ),
    path(
        "clinics/<id:clinic_id>/members/<id:membership_id>/remove/",
        accounts.member_remove,
        name="member_remove",
    ),
    path("clinics/<id:clinic_id>/audit/", audit.audit_list, name="audit_list"),
    path("clinics/<id:clinic_id>/atlas/", atlas.atlas_index, name="atlas_index"),
    path("clinics/<id:clinic_id>/atlas/charts/", atlas.chart_list, name="chart_list"),
    path(
        "clinics/<id:clinic_id>/atlas/charts/<id:chart_id>/delete/",
        atlas.chart_delete,
        name="chart_delete",
    ),
    path("clinics/<id:clinic_id>/atlas/<str:entry_id>/", atlas.atlas_entry, name="atlas_entry"),
    path("clients/<id:client_id>/", records.client_detail, name="client_detail"),
    path("clients/<id:client_id>/edit/", records.client_edit, name="client_edit"),
    path("clients/<id:client_id>/archive/", records.client_archive, name="client_archive"),
    path("clients/<id:client_id>/erase/", erasure.client_erase, name="client_erase"),
    path("clients/<id:client_id>/export/", export.client_export, name="client_export"),
    path("clients/<id:client_id>/intake/", history.intake_edit, name="intake_edit"),
    path("clients/<id:client_id>/history/<str:kind>/add/", history.history_add, name="history_add"),
    path(
        "clients/<id:client_id>/history/<str:kind>/<id:row_id>/remove/",
        history.history_remove,
        name="history_remove",
    ),
    path("clients/<id:client_id>/screen/", screening.screen_new, name="screen_new"),
    path("clients/<id:client_id>/clearance/", screening.clearance_new, name="clearance_new"),
    path("clients/<id:client_id>/override/", screening.override_new, name="override_new"),
    path("clients/<id:client_id>/consent/", screening.consent_new, name="consent_new"),
    path("clients/<id:client_id>/intake-links/", links.intake_links, name="intake_links"),
    path(
        "clients/<id:client_id>/intake-links/<id:link_id>/revoke/",
        links.intake_link_revoke,
        name="intake_link_revoke",
    ),
    path("clients/<id:client_id>/sessions/new/", treatment.session_new, name="session_new"),
    path("sessions/<id:session_id>/", treatment.session_detail, name="session_detail"),
    path("sessions/<id:session_id>/events/", treatment.session_event, name="session_event"),
    path("sessions/<id:session_id>/state/", treatment.session_state, name="session_state"),
    path("sessions/<id:session_id>/finish/", treatment.session_finish, name="session_finish"),
    path("sessions/<id:session_id>/team/", recorders.session_team_add, name="session_team_add"),
    path(
        "sessions/<id:session_id>/late-entries/",
        recorders.late_entry_keep,
        name="late_entry_keep",
    ),
    path("sessions/<id:session_id>/summary/", treatment.session_summary, name="session_summary"),
    path(
        "sessions/<id:session_id>/summary.pdf",
        session_documents.session_summary_pdf,
        name="session_summary_pdf",
    ),
    path(
        "sessions/<id:session_id>/note.pdf",
        session_documents.session_note_pdf,
        name="session_note_pdf",
    ),
    path("sessions/<id:session_id>/note/", notes.note_save, name="note_save"),
    path("sessions/<id:session_id>/note/amend/", notes.note_amend, name="note_amend"),
    path("sessions/<id:session_id>/note/cosign/", notes.note_cosign, name="note_cosign"),
    path(
        "sessions/<id:session_id>/note-for-client/",
        notes.note_for_client_save,
        name="note_for_client_save",
    ),
    path("clients/<id:client_id>/care-plans/new/", careplans.careplan_new, name="careplan_new"),
    path("care-plans/<id:plan_id>/", careplans.careplan_detail, name="careplan_detail"),
    path("care-plans/<id:plan_id>/edit/", careplans.careplan_edit, name="careplan_edit"),
    path("care-plans/<id:plan_id>/close/", careplans.careplan_close, name="careplan_close"),
    path("care-plans/<id:plan_id>/sessions.ics", careplans.careplan_ics, name="careplan_ics"),
    path("clinics/<id:clinic_id>/calendar/", calendar_feeds.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", calendar_feeds.calendar_feed_ics, name="calendar_feed_ics"),
    path("", include("repattern.outcomes.urls")),
    path("", include("repattern.evidence.urls")),
    path("", include("repattern.profession.urls")),
    path("intake/<str:token>/", public.public_intake, name="public_intake"),
    path(
        "intake/<str:token>/history/<str:kind>/add/",
        public.public_history_add,
        name="public_history_add",
    ),
    path("", include("repattern.reminders.urls")),
    path("", include("repattern.outbox.urls")),
]
