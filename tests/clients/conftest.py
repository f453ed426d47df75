"""Maria with a record of every kind the clinic can hold about a client, for the export and the
erasure: each of them must reach every kind."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from repattern.clients import services as clients
from repattern.clients.models import Client
from repattern.evidence.services import discharge_note_write
from repattern.outcomes import services as outcomes
from repattern.profession.services import case_consent_record, case_study_draft
from repattern.programs import services as programs
from repattern.readings.services import reading_record
from repattern.reminders.services import reminder_set, reminders_update
from repattern.treatment import services as treatment
from tests.characters import NO_FLAGS
from tests.treatment.conftest import confirm, correct

# Written by staff where records take free text, so the erasure has names to take out.
OVERRIDE = "Maria Lopez had a cold; it is gone now and she feels well."
AMENDMENT = "Phoned Maria on 07700 900101 (maria@example.com): soreness gone next day."


@pytest.fixture
def maria_everything(maria: Client, session: Any, alice: Any, olivia: Any) -> Client:
    plan = treatment.careplan_create(client=maria, user=alice, complaint="Low back pain")
    session.care_plan = plan
    session.save(update_fields=["care_plan"])
    clients.injury_add(
        client=maria, user=alice, kind="sprain", region="ankle", side="left", age_at_injury=16
    )
    clients.intake_update(
        client=maria, user=alice, answers=clients.IntakeAnswers(goals="Lift my toddler.")
    )
    clients.screen_record(client=maria, user=alice, answers={**NO_FLAGS, "fever": True})
    clients.override_record(client=maria, user=olivia, reason=OVERRIDE)
    clients.intake_link_create(client=maria, user=alice, days=7)
    appointment = treatment.appointment_book(
        client=maria, practitioner=alice, starts_at=timezone.now() + timedelta(days=1), by=alice
    )
    reminder_set(
        appointment=appointment, remind_at=timezone.now() + timedelta(hours=12), user=alice
    )
    pattern = confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left")
    reading_record(session=session, user=alice, muscle="psoas_major", side="left", newtons=150)
    correct(session, alice, pattern)
    treatment.session_finish(
        session=session,
        user=alice,
        pain_after=[("lower_back", "right", 2)],
        after_effects=["soreness"],
        after_effects_note="",
    )
    draft = treatment.note_draft(session=session, user=alice)
    text = treatment.NoteText(draft.subjective, draft.objective, draft.assessment, draft.plan)
    note = treatment.note_sign(note=draft, user=alice, text=text)
    treatment.note_amend(note=note, user=alice, text=AMENDMENT)
    session.refresh_from_db()
    treatment.late_entry_keep(
        session=session,
        user=alice,
        event_id=uuid.uuid4(),
        entry={"kind": "test", "site": "psoas_major:left", "note": "Maria said it eased"},
    )
    clients.consent_record(client=maria, user=alice, signed_name="Maria Lopez")
    program = maria.home_programs.get()
    programs.adherence_log(
        program=program,
        key=program.current().exercises.first().key,
        day=timezone.localdate(),
        pain=3,
        entered_by="client",
        actor="client via portal link",
    )
    programs.program_send(program=program, user=alice)
    reminders_update(
        client=maria, actor="client via portal link", appointments=True, exercises=False
    )
    outcomes.schedule_update(care_plan=plan, user=alice, entries=[("nprs", True, 1, False)])
    outcomes.review_record(care_plan=plan, user=alice, decision="refer_exercise", reason="")
    finished = treatment.careplan_create(client=maria, user=alice, complaint="Stiff neck")
    treatment.careplan_close(plan=finished, user=alice)
    discharge_note_write(plan=finished, user=alice, note="Turns her head freely again.")
    case_consent_record(care_plan=plan, user=alice, signed_name="Maria Lopez")
    case_study_draft(care_plan=plan, user=alice)
    return maria
