from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    """What was done, named after the service that did it (`noun_verb`), or `noun_view` for a
    reading. One list, so the log reads alike everywhere and a test can hold services to it."""

    CLINIC_CREATE = "clinic_create", "Created the clinic"
    MEMBER_ADD = "member_add", "Added a member"
    MEMBER_SET_ROLE = "member_set_role", "Changed a member's role"
    MEMBER_REMOVE = "member_remove", "Removed a member"
    CLINIC_REQUIRE_TWO_FACTOR = (
        "clinic_require_two_factor",
        "Changed whether members must use two-factor sign-in",
    )
    TWO_FACTOR_ENABLE = "two_factor_enable", "Turned on two-factor sign-in"
    TWO_FACTOR_DISABLE = "two_factor_disable", "Turned off two-factor sign-in"
    RECOVERY_CODES_MAKE = "recovery_codes_make", "Made new recovery codes"
    CLIENT_CREATE = "client_create", "Registered a client"
    CLIENT_UPDATE = "client_update", "Changed a client's details"
    CLIENT_ARCHIVE = "client_archive", "Archived a client"
    CLIENT_RESTORE = "client_restore", "Restored a client"
    CLIENT_VIEW = "client_view", "Viewed a client record"
    CLIENT_LIST_VIEW = "client_list_view", "Viewed or searched the client list"
    CLIENT_EXPORT = "client_export", "Downloaded everything held about a client"
    CLIENT_ERASE = "client_erase", "Erased a client"
    INTAKE_UPDATE = "intake_update", "Changed the intake history"
    HISTORY_ADD = "history_add", "Added to the history"
    HISTORY_REMOVE = "history_remove", "Removed from the history"
    SCREEN_RECORD = "screen_record", "Recorded a safety screen"
    CLEARANCE_RECORD = "clearance_record", "Recorded a doctor's clearance"
    OVERRIDE_RECORD = "override_record", "Overrode the safety screen"
    CONSENT_RECORD = "consent_record", "Recorded consent"
    INTAKE_LINK_CREATE = "intake_link_create", "Made an intake link"
    INTAKE_LINK_OPEN = "intake_link_open", "Opened an intake link"
    INTAKE_LINK_SUBMIT = "intake_link_submit", "Sent the intake through a link"
    INTAKE_LINK_REVOKE = "intake_link_revoke", "Revoked an intake link"
    CAREPLAN_CREATE = "careplan_create", "Made a care plan"
    CAREPLAN_UPDATE = "careplan_update", "Changed a care plan"
    CAREPLAN_CLOSE = "careplan_close", "Closed a care plan"
    CAREPLAN_VIEW = "careplan_view", "Viewed a care plan"
    APPOINTMENT_BOOK = "appointment_book", "Booked an appointment"
    APPOINTMENT_RESCHEDULE = "appointment_reschedule", "Moved an appointment"
    APPOINTMENT_CANCEL = "appointment_cancel", "Cancelled an appointment"
    SESSION_START = "session_start", "Started a session"
    SESSION_VIEW = "session_view", "Viewed a session"
    SESSION_TEAM_ADD = "session_team_add", "Added a colleague to a session"
    SESSION_FINISH = "session_finish", "Finished a session"
    SESSION_END = "session_end", "Ended a session"
    LATE_ENTRY_KEEP = "late_entry_keep", "Kept an entry that arrived after the session ended"
    PROGRAM_DRAFT = "program_draft", "Drafted a home program version from a session"
    PROGRAM_REVISE = "program_revise", "Changed a home program (a new version)"
    PROGRAM_END = "program_end", "Ended a home program"
    PROGRAM_VIEW = "program_view", "Viewed a home program"
    PROGRAM_SEND = "program_send", "Sent a home program to the client"
    ADHERENCE_LOG = "adherence_log", "Marked a home exercise done"
    ADHERENCE_CLEAR = "adherence_clear", "Took back a home exercise marked done"
    NOTE_DRAFT = "note_draft", "Drafted a note"
    NOTE_SAVE = "note_save", "Saved a note"
    NOTE_SIGN = "note_sign", "Signed a note"
    NOTE_COSIGN = "note_cosign", "Co-signed a student's note"
    NOTE_AMEND = "note_amend", "Amended a note"
    NOTE_FOR_CLIENT_SAVE = "note_for_client_save", "Wrote a note for the client"
    PORTAL_LINK_CREATE = "portal_link_create", "Sent a portal sign-in link"
    PORTAL_LINK_REVOKE = "portal_link_revoke", "Revoked a portal sign-in link"
    PORTAL_SIGN_IN = "portal_sign_in", "Signed in to the portal"
    PORTAL_VIEW = "portal_view", "Viewed a portal page"
    REMINDERS_UPDATE = "reminders_update", "Changed which reminders to get"
    REMINDER_SET = "reminder_set", "Chose when an appointment's reminder is sent"
    MESSAGE_LIST_VIEW = "message_list_view", "Viewed the e-mails the clinic sent"
    FEED_CREATE = "feed_create", "Made a calendar feed"
    FEED_REVOKE = "feed_revoke", "Revoked a calendar feed"
    FEED_READ = "feed_read", "A calendar app read a feed"
    RESPONSE_RECORD = "response_record", "Recorded an outcome measure"
    INSTRUMENT_UPLOAD = "instrument_upload", "Uploaded a licensed questionnaire's text"
    REVIEW_RECORD = "review_record", "Recorded a decision on a plan without important change"
    OUTCOME_SETTINGS_UPDATE = "outcome_settings_update", "Changed when plans are reviewed"
    SCHEDULE_UPDATE = "schedule_update", "Changed a care plan's measurement schedule"
    CHART_UPLOAD = "chart_upload", "Uploaded a clinic chart"
    CHART_DELETE = "chart_delete", "Removed a clinic chart"
    READING_RECORD = "reading_record", "Recorded a force reading"
    READINGS_IMPORT = "readings_import", "Imported force readings from a dynamometer file"
    RELIABILITY_VIEW = "reliability_view", "Viewed the test reliability report"
    API_TOKEN_CREATE = "api_token_create", "Made an API token"
    API_TOKEN_REVOKE = "api_token_revoke", "Revoked an API token"
    API_READ = "api_read", "Read through the API"
    API_EVENT_RECORD = "api_event_record", "Sent a session event through the API"
    CLIENT_IMPORT = "client_import", "Imported clients from a CSV file"
    CSV_EXPORT = "csv_export", "Downloaded a list as a CSV file"
    CASE_CONSENT_RECORD = "case_consent_record", "Recorded consent to a case study"
    CASE_STUDY_DRAFT = "case_study_draft", "Drafted a case study from a care plan"
    CASE_STUDY_REVISE = "case_study_revise", "Changed a case study (a new version)"
    CASE_STUDY_VIEW = "case_study_view", "Viewed or exported a case study"
    CASE_STUDY_REVIEW = "case_study_review", "Reviewed a case study"
    CERTIFICATION_START = "certification_start", "Recorded a certification course"
    CERTIFICATION_SUBMIT = "certification_submit", "Submitted a level for certification"
    CERTIFICATION_GRADE = "certification_grade", "Graded an observed session"
    LISTING_UPDATE = "listing_update", "Changed a directory listing"
    LISTING_RENEW = "listing_renew", "Renewed a directory listing"
    EDUCATION_LOG = "education_log", "Logged continuing education"
    RESEARCH_EXPORT = "research_export", "Exported the clinic's records de-identified for research"
    DISCHARGE_NOTE = "discharge_note", "Wrote the practitioner's note of a discharge summary"
    EVIDENCE_VIEW = "evidence_view", "Viewed the clinic evidence dashboard"


class AuditEvent(models.Model):
    """Who saw or changed which clinical record, and when. Never deleted; edited only when a
    client is erased, to take their name, phone and e-mail out of the summaries."""

    clinic = models.ForeignKey(
        "accounts.Clinic", on_delete=models.PROTECT, related_name="audit_events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField(max_length=150, help_text="Username, or who acted without an account")
    client = models.ForeignKey(
        "clients.Client",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        help_text="The client whose record was seen or changed, while that record exists",
    )
    # The trail outlives the client: an erased client's rows keep their number.
    client_number = models.BigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The client's number, kept when the client is erased",
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40)
    summary = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["clinic", "-at"]),
            models.Index(fields=["record_type", "record_id"]),
        ]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor} {self.action} {self.record_type} {self.record_id}"
