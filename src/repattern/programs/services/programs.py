"""Home programs: drafted from a session's corrected patterns, revised by the practitioner,
each change a new version the client then sees."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.atlas.services import clinic_atlas
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.engine.atlas import Atlas, parse_site
from repattern.engine.errors import EngineError
from repattern.engine.session import PatternStatus
from repattern.portal.services import portal_link_create
from repattern.programs.models import Exercise, HomeProgram, ProgramVersion
from repattern.treatment.models import Pattern, TreatmentSession
from repattern.treatment.sites import NO_ACTIVATION, site_name


@dataclass(frozen=True)
class ExerciseDose:
    """One exercise as the practitioner sets it: its texts and its dose."""

    key: str
    title: str
    release: str
    activation: str
    side: str = "both"
    hold_seconds: int = 30
    sets: int = 1
    repetitions: int = 5
    times_per_day: int = 1
    note: str = ""
    inhibited: str = ""
    facilitated: str = ""
    pattern_id: int | None = None


def exercise_key(inhibited: str, facilitated: str) -> str:
    return f"{inhibited}>{facilitated}"


def _self_care(atlas: Atlas, site: str, field: str, fallback: str) -> str:
    """The atlas's text a client can follow alone (its `home_` text where it has one)."""
    try:
        entry = atlas.get(parse_site(site).entry_id)
    except EngineError:
        return fallback
    text = getattr(entry, f"home_{field}", None) or getattr(entry, field, None)
    return str(text or fallback)


def _side(site: str) -> str:
    try:
        side = parse_site(site).side
    except EngineError:
        return "both"
    return side if side in ("left", "right") else "midline"


def dose_for(atlas: Atlas, pattern: Pattern) -> ExerciseDose:
    """The exercise a corrected pattern sends home: release what took over, then activate the
    muscle that was inhibited, in the client's own words from the atlas."""
    facilitated = site_name(atlas, pattern.facilitated)
    inhibited = site_name(atlas, pattern.inhibited)
    return ExerciseDose(
        key=exercise_key(pattern.inhibited, pattern.facilitated),
        title=f"Release {facilitated}, then activate {inhibited}",
        release=_self_care(
            atlas, pattern.facilitated, "release", "Release it as you were shown in the session."
        ),
        activation=_self_care(atlas, pattern.inhibited, "activation", NO_ACTIVATION),
        side=_side(pattern.inhibited),
        inhibited=pattern.inhibited,
        facilitated=pattern.facilitated,
        pattern_id=pattern.pk,
    )


def _dose_of(exercise: Exercise) -> ExerciseDose:
    return ExerciseDose(
        key=exercise.key,
        title=exercise.title,
        release=exercise.release,
        activation=exercise.activation,
        side=exercise.side,
        hold_seconds=exercise.hold_seconds,
        sets=exercise.sets,
        repetitions=exercise.repetitions,
        times_per_day=exercise.times_per_day,
        note=exercise.note,
        inhibited=exercise.inhibited,
        facilitated=exercise.facilitated,
        pattern_id=exercise.pattern_id,
    )


def _version(
    program: HomeProgram,
    doses: list[ExerciseDose],
    user: User,
    note_for_client: str,
    made_from: TreatmentSession | None = None,
) -> ProgramVersion:
    previous = program.current()
    version = ProgramVersion(
        program=program,
        number=(previous.number if previous else 0) + 1,
        note_for_client=note_for_client,
        made_from=made_from,
        created_by=user,
    )
    version.full_clean()
    version.save()
    for order, dose in enumerate(doses):
        exercise = Exercise(
            version=version,
            order=order,
            key=dose.key,
            pattern_id=dose.pattern_id,
            inhibited=dose.inhibited,
            facilitated=dose.facilitated,
            title=dose.title,
            release=dose.release,
            activation=dose.activation,
            side=dose.side,
            hold_seconds=dose.hold_seconds,
            sets=dose.sets,
            repetitions=dose.repetitions,
            times_per_day=dose.times_per_day,
            note=dose.note,
        )
        exercise.full_clean(exclude=["version"])
        exercise.save()
    return version


def active_program(client: Client) -> HomeProgram | None:
    return client.home_programs.filter(ended_at__isnull=True).first()


@transaction.atomic
def program_draft(*, session: TreatmentSession, user: User) -> ProgramVersion | None:
    """After a session: the client's program gains an exercise for each pattern the session
    corrected that it does not have yet, as a new version; None when nothing is new."""
    atlas = clinic_atlas(session.client.clinic_id)
    program = active_program(session.client)
    current = program.current() if program else None
    kept = [_dose_of(e) for e in current.exercises.all()] if current else []
    have = {dose.key for dose in kept}
    added = [
        dose_for(atlas, pattern)
        for pattern in session.patterns.filter(status=PatternStatus.CORRECTED)
        if exercise_key(pattern.inhibited, pattern.facilitated) not in have
    ]
    if not added:
        return None
    if program is None:
        program = HomeProgram.objects.create(client=session.client, care_plan=session.care_plan)
    note = current.note_for_client if current else ""
    version = _version(program, [*kept, *added], user, note, made_from=session)
    audit_record(
        clinic=session.client.clinic,
        user=user,
        action=AuditAction.PROGRAM_DRAFT,
        record=program,
        client=session.client,
        summary=f"version {version.number}: {len(added)} new of {len(kept) + len(added)}",
    )
    return version


@transaction.atomic
def program_revise(
    *, program: HomeProgram, user: User, doses: list[ExerciseDose], note_for_client: str
) -> ProgramVersion:
    """The practitioner's changes, as a new version; the previous ones stay in the record."""
    program = HomeProgram.objects.select_for_update().get(pk=program.pk)
    if not program.is_active:
        raise ValidationError("This program has ended: start a new one from a session.")
    if not doses:
        raise ValidationError("A program needs at least one exercise: end it instead.")
    version = _version(program, doses, user, note_for_client)
    audit_record(
        clinic=program.client.clinic,
        user=user,
        action=AuditAction.PROGRAM_REVISE,
        record=program,
        client=program.client,
        summary=f"version {version.number}",
    )
    return version


@transaction.atomic
def program_end(*, program: HomeProgram, user: User) -> HomeProgram:
    program = HomeProgram.objects.select_for_update().get(pk=program.pk)
    if program.is_active:
        program.ended_at = timezone.now()
        program.save(update_fields=["ended_at"])
        audit_record(
            clinic=program.client.clinic,
            user=user,
            action=AuditAction.PROGRAM_END,
            record=program,
            client=program.client,
        )
    return program


@transaction.atomic
def program_send(*, program: HomeProgram, user: User) -> None:
    """E-mail the client a link to their portal, where the current version waits for them."""
    program = (
        HomeProgram.objects.select_for_update().select_related("client__clinic").get(pk=program.pk)
    )
    if not program.is_active:
        raise ValidationError("This program has ended: there is nothing to send.")
    version = program.current()
    client = program.client
    portal_link_create(
        client=client,
        user=user,
        opening=(
            f"Your home program from {client.clinic.name} is ready: each exercise, how long to "
            "hold it and how often, and a button to mark it done each day."
        ),
        kind="program_send",
    )
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.PROGRAM_SEND,
        record=program,
        client=client,
        summary=f"version {version.number if version else 0} to {client.email}",
    )
