"""Every public service that writes a record writes its audit row, in the same transaction.

The services are read from each app's `services.__all__`, so a new service without a row in
CALLS (or a reason in NOT_WRITES) fails here until someone says how it is audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from repattern.accounts import services as accounts
from repattern.accounts import two_factor
from repattern.accounts.models import Membership, Role
from repattern.atlas import services as atlas
from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients import services as clients
from repattern.clients.screening import QUESTION_IDS
from repattern.outcomes import services as outcomes
from repattern.portal import services as portal
from repattern.programs import services as programs
from repattern.readings import services as readings
from repattern.readings.dynamometer import ParsedReading
from repattern.reminders import services as reminders
from repattern.reminders.links import StopLink
from repattern.treatment import services as treatment
from repattern.treatment.services.events import EventInput
from tests.accounts.two_factor_helpers import SECRET, code_now, with_two_factor
from tests.outcomes.licensed import stand_in_bytes
from tests.treatment.conftest import confirm, correct

MODULES = (
    accounts,
    two_factor,
    clients,
    treatment,
    atlas,
    programs,
    portal,
    reminders,
    readings,
    outcomes,
)
# Public names that are not writes of a record, and why they need no audit row.
NOT_WRITES = {
    "clinic_name_check": "a check that a name is free",
    "member_invite": "sends an e-mail; the member it invites was added, and audited, before",
    "intake_of": "reads the intake",
    "intake_link_find": "finds a link by its token; the page that opens it audits the opening",
    "link_actor": "names whoever holds a link",
    "IntakeAnswers": "the shape of the intake's answers",
    "ClientDetails": "the shape of a client's details",
    "ClientExport": "the file an export makes",
    "feed_find": "finds a feed by its token",
    "clinic_atlas": "reads the atlas",
    "clinic_relations": "reads a clinic's charts",
    "EventRejected": "an error",
    "SessionEnded": "an error",
    "AppointmentOverlap": "an error",
    "NoteSigned": "an error",
    "NoteText": "the shape of a note's text",
    "ExerciseDose": "the shape of one exercise and its dose",
    "portal_actor": "names whoever holds a portal link",
    "portal_link_find": "finds a link by its token; signing in with it is audited",
    "portal_link_request": "sends new links through portal_link_create, which audits each",
    "portal_url": "writes a link's address",
    "reminder_choices_of": "reads a client's reminder choices",
    "practitioner_choices_of": "reads a member's reminder choices",
    "SessionBlocked": "an error",
    "SessionClosed": "an error",
    "ReadingRefused": "an error",
    "AnswerProblems": "an error",
    "UploadRefused": "an error",
    # The event log is its own audit trail: see the docstring of treatment/services/events.py.
    "event_record": "each event row keeps who recorded it and when, and is never changed",
}
CHART = "inhibited,facilitated,kind\npsoas_major,quadratus_lumborum,reported\n"
NO_FLAGS = dict.fromkeys(QUESTION_IDS, False)


def _flagged(c: Any) -> Any:
    clients.screen_record(client=c.maria, user=c.alice, answers={**NO_FLAGS, "fever": True})
    return c.maria


def _member(c: Any) -> Membership:
    return accounts.member_add(
        clinic=c.northside, username="pat", email="pat@example.com", role=Role.STUDENT, by=c.olivia
    )


def _corrected(c: Any) -> Any:
    correct(
        c.session,
        c.alice,
        confirm(c.session, c.alice, "psoas_major:left", "quadratus_lumborum:left"),
    )
    return c.session


def _program(c: Any) -> Any:
    """The client's home program, drafted once from a corrected session."""
    if not hasattr(c, "program"):
        c.program = programs.program_draft(session=_corrected(c), user=c.alice).program
    return c.program


def _logged(c: Any) -> Any:
    program = _program(c)
    key = program.current().exercises.first().key
    programs.adherence_log(
        program=program,
        key=key,
        day=timezone.localdate(),
        pain=None,
        entered_by="staff",
        user=c.alice,
    )
    return program


def _note(c: Any) -> Any:
    return treatment.note_draft(session=c.session, user=c.alice)


def _signed(c: Any) -> Any:
    return treatment.note_sign(note=_note(c), user=c.alice, text=treatment.NoteText("S"))


def _student_signed(c: Any) -> Any:
    pat = accounts.member_add(
        clinic=c.northside, username="pat", email="pat@example.com", role=Role.STUDENT, by=c.olivia
    ).user
    return treatment.note_sign(note=_note(c), user=pat, text=treatment.NoteText("By Pat"))


def _appointment(c: Any) -> Any:
    when = timezone.now().replace(microsecond=0) + timedelta(days=1)
    return treatment.appointment_book(
        client=c.maria, practitioner=c.alice, starts_at=when, by=c.alice
    )


def _link(c: Any) -> Any:
    return clients.intake_link_create(client=c.maria, user=c.alice, days=7)[0]


def _plan(c: Any) -> Any:
    return treatment.careplan_create(client=c.maria, user=c.alice, complaint="Low back pain")


# Each entry: the action it must write, and what to call, its preparations already made.
Call = tuple[AuditAction, Callable[[Any], Callable[[], Any]]]
CALLS: dict[str, Call] = {
    "clinic_create": (
        AuditAction.CLINIC_CREATE,
        lambda c: partial(
            accounts.clinic_create,
            name="Eastside",
            owner_username="eve",
            owner_email="eve@example.com",
            owner_password=None,
        ),
    ),
    "member_add": (AuditAction.MEMBER_ADD, lambda c: partial(_member, c)),
    "member_set_role": (
        AuditAction.MEMBER_SET_ROLE,
        lambda c: partial(
            accounts.member_set_role, membership=_member(c), role=Role.PRACTITIONER, by=c.olivia
        ),
    ),
    "member_remove": (
        AuditAction.MEMBER_REMOVE,
        lambda c: partial(accounts.member_remove, membership=_member(c), by=c.olivia),
    ),
    "clinic_require_two_factor": (
        AuditAction.CLINIC_REQUIRE_TWO_FACTOR,
        lambda c: (
            with_two_factor(c.olivia)
            and partial(
                two_factor.clinic_require_two_factor, clinic=c.northside, required=True, by=c.olivia
            )
        ),
    ),
    "two_factor_enable": (
        AuditAction.TWO_FACTOR_ENABLE,
        lambda c: partial(
            two_factor.two_factor_enable, user=c.alice, secret=SECRET, code=code_now(SECRET)
        ),
    ),
    "two_factor_disable": (
        AuditAction.TWO_FACTOR_DISABLE,
        lambda c: (
            with_two_factor(c.alice)
            and partial(two_factor.two_factor_disable, user=c.alice, code=code_now(SECRET, 1))
        ),
    ),
    "recovery_codes_make": (
        AuditAction.RECOVERY_CODES_MAKE,
        lambda c: partial(two_factor.recovery_codes_make, user=c.alice),
    ),
    "client_create": (
        AuditAction.CLIENT_CREATE,
        lambda c: partial(
            clients.client_create,
            clinic=c.northside,
            user=c.alice,
            details=clients.ClientDetails("Ann", "Lee", date(1990, 1, 2)),
        ),
    ),
    "client_update": (
        AuditAction.CLIENT_UPDATE,
        lambda c: partial(
            clients.client_update,
            client=c.maria,
            user=c.alice,
            details=clients.ClientDetails("Maria", "López", date(1981, 3, 14)),
        ),
    ),
    "client_archive": (
        AuditAction.CLIENT_ARCHIVE,
        lambda c: partial(clients.client_archive, client=c.maria, user=c.alice),
    ),
    "client_restore": (
        AuditAction.CLIENT_RESTORE,
        lambda c: partial(clients.client_restore, client=c.maria, user=c.alice),
    ),
    "client_erase": (
        AuditAction.CLIENT_ERASE,
        lambda c: partial(
            clients.client_erase,
            client=c.maria,
            user=c.olivia,
            reason="She asked in writing for her records to be erased.",
        ),
    ),
    "client_export": (
        AuditAction.CLIENT_EXPORT,
        lambda c: partial(clients.client_export, client=c.maria, user=c.alice),
    ),
    "client_viewed": (
        AuditAction.CLIENT_VIEW,
        lambda c: partial(clients.client_viewed, client=c.maria, user=c.alice),
    ),
    "intake_update": (
        AuditAction.INTAKE_UPDATE,
        lambda c: partial(
            clients.intake_update,
            client=c.maria,
            user=c.alice,
            answers=clients.IntakeAnswers(goals="Run"),
        ),
    ),
    "injury_add": (
        AuditAction.HISTORY_ADD,
        lambda c: partial(
            clients.injury_add,
            client=c.maria,
            user=c.alice,
            kind="sprain",
            region="ankle",
            side="left",
        ),
    ),
    "scar_add": (
        AuditAction.HISTORY_ADD,
        lambda c: partial(
            clients.scar_add,
            client=c.maria,
            user=c.alice,
            procedure="Hernia",
            region="groin",
            side="left",
        ),
    ),
    "pain_area_add": (
        AuditAction.HISTORY_ADD,
        lambda c: partial(
            clients.pain_area_add,
            client=c.maria,
            user=c.alice,
            region="knee",
            side="left",
            intensity=3,
        ),
    ),
    "history_remove": (
        AuditAction.HISTORY_REMOVE,
        lambda c: partial(clients.history_remove, row=c.maria.scars.get(), user=c.alice),
    ),
    "screen_record": (AuditAction.SCREEN_RECORD, lambda c: partial(_flagged, c)),
    "clearance_record": (
        AuditAction.CLEARANCE_RECORD,
        lambda c: partial(
            clients.clearance_record,
            client=_flagged(c),
            user=c.alice,
            cleared_by="Dr Webb",
            cleared_on=timezone.localdate(),
            note="Ok.",
        ),
    ),
    "override_record": (
        AuditAction.OVERRIDE_RECORD,
        lambda c: partial(
            clients.override_record, client=_flagged(c), user=c.olivia, reason="A cold, gone now."
        ),
    ),
    "consent_record": (
        AuditAction.CONSENT_RECORD,
        lambda c: partial(
            clients.consent_record, client=c.maria, user=c.alice, signed_name="Maria Lopez"
        ),
    ),
    "intake_link_create": (AuditAction.INTAKE_LINK_CREATE, lambda c: partial(_link, c)),
    "intake_link_submit": (
        AuditAction.INTAKE_LINK_SUBMIT,
        lambda c: partial(
            clients.intake_link_submit,
            link=_link(c),
            intake=clients.IntakeAnswers(),
            screen_answers=NO_FLAGS,
            screen_notes="",
            signed_name="Maria Lopez",
        ),
    ),
    "intake_link_revoke": (
        AuditAction.INTAKE_LINK_REVOKE,
        lambda c: partial(clients.intake_link_revoke, link=_link(c), user=c.alice),
    ),
    "appointment_book": (AuditAction.APPOINTMENT_BOOK, lambda c: partial(_appointment, c)),
    "appointment_reschedule": (
        AuditAction.APPOINTMENT_RESCHEDULE,
        lambda c: partial(
            treatment.appointment_reschedule,
            appointment=_appointment(c),
            starts_at=timezone.now().replace(microsecond=0) + timedelta(days=2),
            duration_minutes=30,
            reason="asked",
            by=c.alice,
        ),
    ),
    "appointment_cancel": (
        AuditAction.APPOINTMENT_CANCEL,
        lambda c: partial(
            treatment.appointment_cancel, appointment=_appointment(c), reason="ill", by=c.alice
        ),
    ),
    "careplan_create": (AuditAction.CAREPLAN_CREATE, lambda c: partial(_plan, c)),
    "careplan_update": (
        AuditAction.CAREPLAN_UPDATE,
        lambda c: partial(
            treatment.careplan_update,
            plan=_plan(c),
            user=c.alice,
            complaint="Low back pain",
            goals="",
            planned_sessions=4,
            interval_days=14,
            start_date=timezone.localdate(),
        ),
    ),
    "careplan_viewed": (
        AuditAction.CAREPLAN_VIEW,
        lambda c: partial(treatment.careplan_viewed, plan=_plan(c), user=c.alice),
    ),
    "feed_read": (
        AuditAction.FEED_READ,
        lambda c: partial(
            treatment.feed_read, feed=treatment.feed_create(membership=c.alice.memberships.get())[0]
        ),
    ),
    "careplan_close": (
        AuditAction.CAREPLAN_CLOSE,
        lambda c: partial(treatment.careplan_close, plan=_plan(c), user=c.alice),
    ),
    "session_start": (
        AuditAction.SESSION_START,
        lambda c: partial(
            treatment.session_start, client=c.maria, practitioner=c.alice, pain_before=[]
        ),
    ),
    "session_finish": (
        AuditAction.SESSION_FINISH,
        lambda c: partial(
            treatment.session_finish,
            session=c.session,
            user=c.alice,
            pain_after=[],
            after_effects=[],
            after_effects_note="",
        ),
    ),
    "session_team_add": (
        AuditAction.SESSION_TEAM_ADD,
        lambda c: partial(
            treatment.session_team_add, session=c.session, member=c.olivia, by=c.alice
        ),
    ),
    "late_entry_keep": (
        AuditAction.LATE_ENTRY_KEEP,
        lambda c: (
            treatment.session_end(session=c.session, user=c.alice)
            and partial(
                treatment.late_entry_keep,
                session=c.session,
                user=c.alice,
                event_id=uuid.uuid4(),
                entry={"kind": "test", "site": "psoas_major:left", "result": "weak"},
            )
        ),
    ),
    "session_end": (
        AuditAction.SESSION_END,
        lambda c: partial(treatment.session_end, session=c.session, user=c.alice),
    ),
    "program_draft": (
        AuditAction.PROGRAM_DRAFT,
        lambda c: partial(programs.program_draft, session=_corrected(c), user=c.alice),
    ),
    "program_revise": (
        AuditAction.PROGRAM_REVISE,
        lambda c: partial(
            programs.program_revise,
            program=_program(c),
            user=c.alice,
            doses=[
                programs.ExerciseDose(
                    key="psoas_major:left>iliacus:left",
                    inhibited="psoas_major:left",
                    facilitated="iliacus:left",
                    title="Rub, then lift",
                    release="Rub it.",
                    activation="Lift it.",
                )
            ],
            note_for_client="Daily, please.",
        ),
    ),
    "program_end": (
        AuditAction.PROGRAM_END,
        lambda c: partial(programs.program_end, program=_program(c), user=c.alice),
    ),
    "adherence_log": (
        AuditAction.ADHERENCE_LOG,
        lambda c: partial(
            programs.adherence_log,
            program=_program(c),
            key=_program(c).current().exercises.first().key,
            day=timezone.localdate(),
            pain=2,
            entered_by="client",
            actor="the client, on the portal",
        ),
    ),
    "adherence_clear": (
        AuditAction.ADHERENCE_CLEAR,
        lambda c: partial(
            programs.adherence_clear,
            program=_logged(c),
            key=_logged(c).current().exercises.first().key,
            day=timezone.localdate(),
            user=c.alice,
        ),
    ),
    "program_send": (
        AuditAction.PROGRAM_SEND,
        lambda c: partial(programs.program_send, program=_program(c), user=c.alice),
    ),
    "note_for_client_save": (
        AuditAction.NOTE_FOR_CLIENT_SAVE,
        lambda c: partial(
            treatment.note_for_client_save, session=c.session, user=c.alice, text="Walk daily."
        ),
    ),
    "portal_link_create": (
        AuditAction.PORTAL_LINK_CREATE,
        lambda c: partial(portal.portal_link_create, client=c.maria, user=c.alice),
    ),
    "portal_link_revoke": (
        AuditAction.PORTAL_LINK_REVOKE,
        lambda c: partial(
            portal.portal_link_revoke,
            link=portal.portal_link_create(client=c.maria, user=c.alice)[0],
            user=c.alice,
        ),
    ),
    "portal_sign_in": (
        AuditAction.PORTAL_SIGN_IN,
        lambda c: partial(
            portal.portal_sign_in, link=portal.portal_link_create(client=c.maria, user=c.alice)[0]
        ),
    ),
    "reminders_update": (
        AuditAction.REMINDERS_UPDATE,
        lambda c: partial(
            reminders.reminders_update,
            client=c.maria,
            actor="client via portal link 1",
            appointments=False,
            exercises=True,
        ),
    ),
    "reminder_set": (
        AuditAction.REMINDER_SET,
        lambda c: partial(
            reminders.reminder_set,
            appointment=_appointment(c),
            remind_at=timezone.now() + timedelta(hours=1),
            user=c.alice,
        ),
    ),
    "reminder_stop": (
        AuditAction.REMINDERS_UPDATE,
        lambda c: partial(reminders.reminder_stop, StopLink("exercises", c.maria.pk)),
    ),
    "practitioner_reminders_update": (
        AuditAction.REMINDERS_UPDATE,
        lambda c: partial(
            reminders.practitioner_reminders_update,
            membership=c.alice.memberships.get(),
            actor="alice",
            quiet_clients=False,
        ),
    ),
    "note_draft": (AuditAction.NOTE_DRAFT, lambda c: partial(_note, c)),
    "note_save": (
        AuditAction.NOTE_SAVE,
        lambda c: partial(
            treatment.note_save,
            note=_note(c),
            user=c.alice,
            text=treatment.NoteText("S", "O", "A", "P"),
        ),
    ),
    "note_sign": (
        AuditAction.NOTE_SIGN,
        lambda c: partial(
            treatment.note_sign, note=_note(c), user=c.alice, text=treatment.NoteText("S")
        ),
    ),
    "note_cosign": (
        AuditAction.NOTE_COSIGN,
        lambda c: partial(treatment.note_cosign, note=_student_signed(c), user=c.alice),
    ),
    "note_amend": (
        AuditAction.NOTE_AMEND,
        lambda c: partial(
            treatment.note_amend, note=_signed(c), user=c.alice, text="Phoned: better."
        ),
    ),
    "feed_create": (
        AuditAction.FEED_CREATE,
        lambda c: partial(treatment.feed_create, membership=c.alice.memberships.get()),
    ),
    "feed_revoke": (
        AuditAction.FEED_REVOKE,
        lambda c: (
            treatment.feed_create(membership=c.alice.memberships.get())
            and partial(treatment.feed_revoke, membership=c.alice.memberships.get())
        ),
    ),
    "reading_record": (
        AuditAction.READING_RECORD,
        lambda c: partial(
            readings.reading_record,
            session=c.session,
            user=c.alice,
            muscle="psoas_major",
            side="left",
            newtons=Decimal(150),
        ),
    ),
    "readings_import": (
        AuditAction.READINGS_IMPORT,
        lambda c: partial(
            readings.readings_import,
            session=c.session,
            user=c.alice,
            practitioner=c.alice,
            readings=[ParsedReading(2, "psoas_major", "left", Decimal(150), None, None)],
            filename="hd.csv",
        ),
    ),
    "response_record": (
        AuditAction.RESPONSE_RECORD,
        lambda c: partial(
            outcomes.response_record,
            client=c.maria,
            instrument_id="stress",
            raw={"stress": "6"},
            entered_by="room",
            user=c.alice,
        ),
    ),
    "session_pain_record": (
        AuditAction.RESPONSE_RECORD,
        lambda c: partial(
            outcomes.session_pain_record,
            session=c.session,
            phase="after",
            ratings=[("lower_back", "right", 3)],
            user=c.alice,
        ),
    ),
    "instrument_upload": (
        AuditAction.INSTRUMENT_UPLOAD,
        lambda c: partial(
            outcomes.instrument_upload, clinic=c.northside, user=c.olivia, content=stand_in_bytes()
        ),
    ),
    "review_record": (
        AuditAction.REVIEW_RECORD,
        lambda c: partial(
            outcomes.review_record,
            care_plan=_plan(c),
            user=c.alice,
            decision="refer_exercise",
            reason="",
        ),
    ),
    "schedule_update": (
        AuditAction.SCHEDULE_UPDATE,
        lambda c: partial(
            outcomes.schedule_update,
            care_plan=_plan(c),
            user=c.alice,
            entries=[("nprs", True, 1, False), ("odi", True, 0, True)],
        ),
    ),
    "outcome_settings_update": (
        AuditAction.OUTCOME_SETTINGS_UPDATE,
        lambda c: partial(
            outcomes.outcome_settings_update, clinic=c.northside, user=c.olivia, review_after=6
        ),
    ),
    "chart_upload": (
        AuditAction.CHART_UPLOAD,
        lambda c: partial(
            atlas.chart_upload, clinic=c.northside, user=c.olivia, filename="ours.csv", text=CHART
        ),
    ),
    "chart_delete": (
        AuditAction.CHART_DELETE,
        lambda c: partial(
            atlas.chart_delete,
            chart=atlas.chart_upload(
                clinic=c.northside, user=c.olivia, filename="ours.csv", text=CHART
            ),
            user=c.olivia,
        ),
    ),
}
PUBLIC = sorted({name for module in MODULES for name in module.__all__})


@pytest.fixture
def world(northside, alice, olivia, maria, session) -> SimpleNamespace:
    return SimpleNamespace(
        northside=northside, alice=alice, olivia=olivia, maria=maria, session=session
    )


def test_every_public_service_is_called_here_or_says_why_it_writes_nothing() -> None:
    unlisted = [name for name in PUBLIC if name not in CALLS and name not in NOT_WRITES]
    assert unlisted == [], f"Add these services to CALLS (or NOT_WRITES, with a reason): {unlisted}"
    assert set(CALLS) | set(NOT_WRITES) == set(PUBLIC)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_service_writes_its_audit_row(name: str, world: SimpleNamespace) -> None:
    action, prepare = CALLS[name]
    call = prepare(world)
    before = AuditEvent.objects.filter(action=action).count()
    call()
    assert AuditEvent.objects.filter(action=action).count() > before


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_without_its_audit_row_the_service_changes_nothing(
    name: str, world: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit row is written in the service's own transaction: if it cannot be written, the
    change it records is not kept either."""
    action, prepare = CALLS[name]
    call = prepare(world)
    real_create = AuditEvent.objects.create

    def refuse(**fields: Any) -> AuditEvent:
        if fields.get("action") == action:
            raise RuntimeError("the audit log is unavailable")
        return real_create(**fields)

    monkeypatch.setattr(AuditEvent.objects, "create", refuse)
    counts = _row_counts()
    with pytest.raises(RuntimeError, match="audit log is unavailable"):
        call()
    assert _row_counts() == counts


def test_event_record_keeps_its_own_trail(world: SimpleNamespace) -> None:
    recorded = treatment.event_record(
        session=world.session,
        user=world.alice,
        event=EventInput(
            event_id=uuid.uuid4(), kind="test", site="psoas_major:left", result="weak"
        ),  # type: ignore[arg-type]
    )
    assert recorded.event.recorded_by == world.alice and recorded.event.recorded_at is not None
