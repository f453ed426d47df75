"""The SOAP note, drafted from the session's events, edited, signed and amended; and the note
for the client, which the client reads on their portal."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Role
from repattern.atlas.services import clinic_atlas
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.engine.session import SEARCH_CHALLENGES, TESTS, EventKind, Result
from repattern.engine.unresolved import unresolved
from repattern.treatment.inputs import session_record
from repattern.treatment.models import NoteAmendment, SessionNote, TreatmentSession
from repattern.treatment.sites import site_name


class NoteSigned(ValidationError):
    """The note was signed (perhaps in another tab) and is locked."""


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def program_exercises(session: TreatmentSession) -> list[Any]:
    """The exercises of the home program version drafted from this session, if any."""
    version = session.program_versions.order_by("-number").first()
    return list(version.exercises.all()) if version is not None else []


def draft_text(session: TreatmentSession) -> dict[str, str]:
    """The four SOAP sections in words, from what was recorded."""
    atlas = clinic_atlas(session.client.clinic_id)
    before, after = session.pain("before"), session.pain("after")
    events = list(session.events.all())
    weak = sorted(
        {
            site_name(atlas, e.site)
            for e in events
            if e.kind == EventKind.TEST and e.result == Result.WEAK
        }
    )
    tests = sum(1 for e in events if e.kind in TESTS)
    challenges = sum(1 for e in events if e.kind in SEARCH_CHALLENGES)
    patterns = list(session.patterns.all())
    found = [
        f"{site_name(atlas, p.inhibited)} inhibited, {site_name(atlas, p.facilitated)} "
        f"facilitated (layer {p.layer}, engine {p.probability:.0%} at confirmation): "
        f"{p.get_status_display().lower()}"
        f"{' (retested after the learning window had closed)' if p.retested_late else ''}"
        for p in patterns
    ]
    found += [
        f"{site_name(atlas, site)}: tested weak, unresolved (no pattern found this session)"
        for site in unresolved(session_record(session, atlas).log)
    ]
    plan = session.care_plan
    complaint = f"Complaint: {plan.complaint}.\n" if plan else ""
    effects = ", ".join(session.after_effects) or "none reported"
    next_date = plan.next_date() if plan else None
    return {
        "subjective": f"{complaint}Pain before the session:\n{_lines(before) or '- not rated'}\n"
        f"After-effects reported: {effects}.",
        "objective": f"{_count(tests, 'muscle test')} and {_count(challenges, 'challenge')}.\n"
        f"Tested weak: {', '.join(weak) or 'none'}.\n"
        f"Pain after the session:\n{_lines(after) or '- not rated'}",
        "assessment": (_lines(found) or "No pattern confirmed.")
        + "\nManual muscle tests are noisy; the percentages are the engine's "
        "estimate from this practitioner's measured reliability, not certainties.",
        "plan": _lines([f"{e.title}: {e.dose()}." for e in program_exercises(session)])
        + (f"\nNext session: {next_date:%Y-%m-%d}." if next_date else ""),
    }


@transaction.atomic
def note_draft(*, session: TreatmentSession, user: User) -> SessionNote:
    """Draft the note from the events; a draft is rewritten, a signed note never."""
    note, _ = SessionNote.objects.get_or_create(session=session)
    if note.is_signed:
        return note
    for field, text in draft_text(session).items():
        setattr(note, field, text)
    note.save()
    audit_record(
        clinic=session.client.clinic,
        client=session.client,
        user=user,
        action=AuditAction.NOTE_DRAFT,
        record=note,
    )
    return note


@dataclass(frozen=True)
class NoteText:
    """The four sections of a SOAP note, as one practitioner wrote them."""

    subjective: str = ""
    objective: str = ""
    assessment: str = ""
    plan: str = ""


def _locked_unsigned(note: SessionNote) -> SessionNote:
    """The note, locked until the transaction ends; refused if it is already signed."""
    locked = SessionNote.objects.select_for_update(of=("self",)).select_related("signed_by")
    note = locked.get(pk=note.pk)
    if note.is_signed:
        signer = note.signed_by.get_username() if note.signed_by else "someone"
        raise NoteSigned(
            f"This note was signed by {signer} at {timezone.localtime(note.signed_at):%H:%M} "
            "and is locked, so your text was not saved. Add what you meant as a dated "
            "amendment."
        )
    return note


def _written(note: SessionNote, text: NoteText) -> None:
    for field, value in asdict(text).items():
        setattr(note, field, value)
    note.full_clean()


@transaction.atomic
def note_save(*, note: SessionNote, user: User, text: NoteText) -> SessionNote:
    """Keep a draft of the note; refused once it is signed."""
    note = _locked_unsigned(note)
    _written(note, text)
    note.save()
    audit_record(
        clinic=note.session.client.clinic,
        client=note.session.client,
        user=user,
        action=AuditAction.NOTE_SAVE,
        record=note,
    )
    return note


@transaction.atomic
def note_sign(*, note: SessionNote, user: User, text: NoteText) -> SessionNote:
    """Save exactly this text and sign it in one locked step, so no other tab's text can end up
    under this signature; a second signer is told the note is signed, and nothing of theirs is
    kept. A student's signature waits for a practitioner's or the owner's co-signature."""
    note = _locked_unsigned(note)
    _written(note, text)
    membership = user.memberships.filter(clinic_id=note.session.client.clinic_id).first()
    note.signed_by, note.signed_at = user, timezone.now()
    note.needs_cosign = membership is not None and membership.role == Role.STUDENT
    note.save()
    audit_record(
        clinic=note.session.client.clinic,
        client=note.session.client,
        user=user,
        action=AuditAction.NOTE_SIGN,
        record=note,
        summary="awaits co-signature" if note.needs_cosign else "",
    )
    return note


@transaction.atomic
def note_cosign(*, note: SessionNote, user: User) -> SessionNote:
    """A practitioner or the owner co-signs a student's signed note: they vouch for it."""
    note = SessionNote.objects.select_for_update().get(pk=note.pk)
    if not note.awaits_cosign:
        raise ValidationError("This note does not wait for a co-signature.")
    if note.signed_by_id == user.pk:
        raise ValidationError("A note is co-signed by someone other than the one who signed it.")
    note.cosigned_by, note.cosigned_at = user, timezone.now()
    note.save(update_fields=["cosigned_by", "cosigned_at"])
    audit_record(
        clinic=note.session.client.clinic,
        client=note.session.client,
        user=user,
        action=AuditAction.NOTE_COSIGN,
        record=note,
    )
    return note


@transaction.atomic
def note_amend(*, note: SessionNote, user: User, text: str) -> NoteAmendment:
    if not note.is_signed:
        raise ValidationError("The note is not signed yet: edit it directly.")
    amendment = NoteAmendment(note=note, text=text, written_by=user)
    amendment.full_clean()
    amendment.save()
    audit_record(
        clinic=note.session.client.clinic,
        client=note.session.client,
        user=user,
        action=AuditAction.NOTE_AMEND,
        record=note,
        summary=text[:200],
    )
    return amendment


@transaction.atomic
def note_for_client_save(*, session: TreatmentSession, user: User, text: str) -> TreatmentSession:
    """What the practitioner wants the client to keep from the session, in plain words. Unlike
    the clinical note it may be changed at any time; the client sees the latest words."""
    session = TreatmentSession.objects.select_for_update().get(pk=session.pk)
    session.note_for_client = text.strip()
    session.full_clean(exclude=["window_seconds"])
    session.save(update_fields=["note_for_client"])
    audit_record(
        clinic=session.client.clinic,
        user=user,
        action=AuditAction.NOTE_FOR_CLIENT_SAVE,
        record=session,
        client=session.client,
        summary=f"{len(session.note_for_client)} characters",
    )
    return session
