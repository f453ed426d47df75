"""The records as JSON, one file per kind, each record's keys named after the model's fields.

Stable on purpose: keys are added, never renamed or removed, without raising the export's version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from repattern.accounts.models import Clinic
from repattern.audit.models import AuditEvent
from repattern.clients import held
from repattern.clients.export.files import ExportFile
from repattern.clients.held import Held, Kind
from repattern.clients.models import (
    Clearance,
    Client,
    Consent,
    Injury,
    Intake,
    IntakeLink,
    PainArea,
    SafetyScreen,
    Scar,
)
from repattern.evidence.models import DischargeNote
from repattern.outbox.models import Message
from repattern.outcomes.models import Response, Review, ScheduleEntry
from repattern.portal.models import PortalLink
from repattern.profession.models import CaseConsent, CaseStudy, CaseStudyVersion
from repattern.programs.models import AdherenceEntry, Exercise, HomeProgram, ProgramVersion
from repattern.readings.models import ForceReading
from repattern.reminders.models import AppointmentReminder, ReminderChoices
from repattern.treatment.models import (
    Appointment,
    CarePlan,
    LateEntry,
    NoteAmendment,
    PainRating,
    Pattern,
    SessionEvent,
    SessionNote,
    TreatmentSession,
)


@dataclass(frozen=True)
class JsonFile:
    name: str
    kind: Kind
    about: str
    # Keys left out: what would open something (a link's token hash) or says nothing of the client.
    leave_out: tuple[str, ...] = ()
    one: bool = False


def _kind(model: type[models.Model]) -> Kind:
    return next(k for k in (held.CLIENT, *held.RECORDS, held.TRAIL) if k.model is model)


def _file(
    name: str,
    model: type[models.Model],
    about: str,
    leave_out: tuple[str, ...] = (),
    one: bool = False,
) -> JsonFile:
    return JsonFile(name, _kind(model), about, leave_out, one)


FILES: tuple[JsonFile, ...] = (
    _file(
        "client.json",
        Client,
        "The client's details: name, date of birth, gender, phone, e-mail and notes.",
        one=True,
    ),
    _file(
        "intake.json",
        Intake,
        "The intake history: intubation, jaw, conditions, goals, activities and medications.",
        one=True,
    ),
    _file("injuries.json", Injury, "Injuries: what, where, and when."),
    _file("scars.json", Scar, "Surgeries and scars: where, when and how healed."),
    _file("pain_areas.json", PainArea, "Where it hurt at intake, and how much."),
    _file(
        "safety_screens.json",
        SafetyScreen,
        "Safety screens: the answer to each question (true is yes), and who recorded them.",
    ),
    _file(
        "clearances.json",
        Clearance,
        "Doctors' clearances and owners' overrides of a flagged safety screen.",
    ),
    _file("consents.json", Consent, "Consents signed, with the version of the text."),
    _file(
        "intake_links.json",
        IntakeLink,
        "Links sent to the client to fill in their history; the secret that opened them is not "
        "included.",
        leave_out=("token_hash",),
    ),
    _file("care_plans.json", CarePlan, "Care plans: the complaint, goals and planned course."),
    _file(
        "appointments.json",
        Appointment,
        "Appointments: when, for how long, with whom; moved and cancelled ones with the reason.",
    ),
    _file("sessions.json", TreatmentSession, "Sessions: when, with whom, and after-effects."),
    _file("pain_ratings.json", PainRating, "Pain rated before and after each session."),
    _file(
        "session_events.json",
        SessionEvent,
        "Every test, challenge, release, activation and retest of each session, in order.",
    ),
    _file("patterns.json", Pattern, "Compensation patterns found in each session."),
    _file("home_programs.json", HomeProgram, "Home programs: when each began and ended."),
    _file(
        "home_program_versions.json",
        ProgramVersion,
        "Each version of a home program, with the note for the client; none is ever changed.",
    ),
    _file(
        "home_exercises.json",
        Exercise,
        "The exercises of each version: release, then activate, with the dose.",
    ),
    _file(
        "home_exercise_days.json",
        AdherenceEntry,
        "The days the client marked an exercise done, with their pain if they gave it.",
    ),
    _file(
        "notes.json",
        SessionNote,
        "SOAP notes of each session; a signed note is never changed, only amended.",
    ),
    _file("note_amendments.json", NoteAmendment, "Amendments to signed notes, dated."),
    _file(
        "late_entries.json",
        LateEntry,
        "Entries a device sent after its session had ended, kept as they were typed.",
    ),
    _file(
        "portal_links.json",
        PortalLink,
        "Links sent to sign in to the client portal; the secret that opened them is not included.",
        leave_out=("token_hash",),
    ),
    _file(
        "reminder_choices.json", ReminderChoices, "Which reminders the client asked for.", one=True
    ),
    _file(
        "emails.json",
        Message,
        "E-mails the clinic sent the client through Repattern, and whether each went; the text "
        "of those that held a sign-in link is removed once sent.",
        leave_out=("key",),
    ),
    _file(
        "outcome_measures.json",
        Response,
        "Outcome measures (pain, activities, change, stress, numeric measures): each filling-in "
        "with its answers in the shape of a FHIR QuestionnaireResponse, its score and who "
        "entered it.",
    ),
    _file("plan_reviews.json", Review, "Decisions on a plan that had no important change."),
    _file("measure_schedules.json", ScheduleEntry, "When each measure is due in a care plan."),
    _file(
        "appointment_reminders.json",
        AppointmentReminder,
        "Reminder times chosen for single appointments, instead of the usual day before.",
    ),
    _file(
        "force_readings.json",
        ForceReading,
        "Peak force in newtons per muscle, side and trial, typed or from a dynamometer file.",
    ),
    _file(
        "discharge_notes.json",
        DischargeNote,
        "The practitioner's note at the close of each care plan, for its discharge summary.",
    ),
    _file(
        "case_consents.json",
        CaseConsent,
        "The client's consent to the use of their care, de-identified, as a case study.",
    ),
    _file("case_studies.json", CaseStudy, "Case studies written from the client's care."),
    _file(
        "case_study_versions.json",
        CaseStudyVersion,
        "The text of each case study, version by version, without the client's name or dates.",
    ),
    _file(
        "audit.json",
        AuditEvent,
        "Who saw or changed this client's record, and when (the audit log's rows about them).",
        leave_out=("clinic", "client"),
    ),
)
FILE_OF = {f.kind.model: f.name for f in FILES}


class Names(dict[tuple[type[models.Model], int], str]):
    """People by username and the clinic by name: an id means nothing outside the clinic."""

    def __missing__(self, key: tuple[type[models.Model], int]) -> str:
        model, pk = key
        row = model._default_manager.filter(pk=pk).first()
        name = row.get_username() if isinstance(row, User) else str(row or pk)
        self[key] = name
        return name


def _named(field: models.Field) -> bool:
    return isinstance(field, models.ForeignKey) and field.related_model in (User, Clinic)


def record(row: models.Model, leave_out: tuple[str, ...], names: Names) -> dict[str, object]:
    out: dict[str, object] = {}
    for field in row._meta.concrete_fields:
        if field.name in leave_out:
            continue
        value = field.value_from_object(row)
        if _named(field) and value is not None:
            value = names[(field.related_model, value)]  # type: ignore[index]
        out[field.name] = value
        if field.choices and value not in (None, ""):
            out[f"{field.name}_label"] = str(dict(field.flatchoices).get(value, value))
    return out


def keys(spec: JsonFile) -> list[tuple[str, str]]:
    """What each key of the file's records means, from the model's own words."""
    found = []
    for field in spec.kind.model._meta.concrete_fields:
        if field.name in spec.leave_out:
            continue
        meaning = str(field.verbose_name)
        if field.help_text:
            meaning += f": {field.help_text}"
        if _named(field):
            meaning += " (a username)" if field.related_model is User else " (its name)"
        elif isinstance(field, models.ForeignKey):
            meaning += (
                f" (the id of a record in {FILE_OF.get(field.related_model, 'another file')})"
            )
        found.append((field.name, meaning))
        if field.choices:
            found.append((f"{field.name}_label", f"{field.verbose_name}, in words"))
    return found


def files(held_about: Held) -> list[ExportFile]:
    names = Names()
    out = []
    for spec in FILES:
        rows = [record(r, spec.leave_out, names) for r in held_about.rows(spec.kind)]
        data: object = (rows[0] if rows else None) if spec.one else rows
        text = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False) + "\n"
        out.append(ExportFile(spec.name, text, spec.about, keys(spec), len(rows)))
    return out
