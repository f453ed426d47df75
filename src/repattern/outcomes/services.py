"""Writing outcomes: a response to an instrument, the pain rated in a session as the same
pain rating, a clinic's licensed questionnaire, and the decision on a plan without important
change. Each writes its audit row in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.accounts.models import Clinic
from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import Client, body_place
from repattern.outcomes.instruments import Instrument, read_answers, score, shipped
from repattern.outcomes.instruments.catalogue import (
    match_problems,
    parse_document,
    problem,
)
from repattern.outcomes.instruments.schema import Questionnaire
from repattern.outcomes.instruments.scoring import Answer
from repattern.outcomes.models import (
    ClinicInstrument,
    OutcomeSettings,
    Response,
    Review,
    ScheduleEntry,
)
from repattern.outcomes.registry import instrument_for, questionnaire_reference
from repattern.treatment.models import CarePlan, TreatmentSession

__all__ = [
    "AnswerProblems",
    "UploadRefused",
    "instrument_upload",
    "outcome_settings_update",
    "response_record",
    "review_record",
    "schedule_update",
    "session_pain_record",
]

MAX_UPLOAD_BYTES = 1_000_000


class AnswerProblems(ValidationError):
    """Answers that do not fit the questionnaire; `.problems` maps each linkId to a sentence."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(list(problems.values()))
        self.problems = problems


class UploadRefused(ValidationError):
    """An uploaded questionnaire with errors: nothing is kept, and every error is listed."""


def _fhir_items(instrument: Instrument, answers: Mapping[str, Answer]) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for item in instrument.items():
        value = answers.get(item.linkId)
        if value is None:
            continue
        if isinstance(value, bool):
            answer: dict[str, object] = {"valueBoolean": value}
        elif item.type == "integer":
            answer = {"valueInteger": int(value)}
        elif item.type in ("decimal", "quantity"):
            answer = {"valueDecimal": value}
        elif item.type == "choice":
            option = next(
                o for o in item.answerOption if o.number() == value or o.code() == str(value)
            )
            answer = {"valueCoding": {"code": option.code(), "display": option.label()}}
        else:
            answer = {"valueString": str(value)}
        items.append({"linkId": item.linkId, "text": item.text, "answer": [answer]})
    return items


def _qualifier(instrument: Instrument, answers: Mapping[str, Answer]) -> str:
    words = []
    for link_id in instrument.rules.qualifiers:
        value = answers.get(link_id)
        if value is not None:
            words.append(str(value).strip().lower())
    return " · ".join(words)


@transaction.atomic
def response_record(
    *,
    client: Client,
    instrument_id: str,
    raw: Mapping[str, str],
    entered_by: str,
    user: User | None = None,
    actor: str = "",
    session: TreatmentSession | None = None,
    care_plan: CarePlan | None = None,
    phase: str = "",
) -> Response:
    """Keep one filling-in of an instrument; AnswerProblems if any answer does not fit."""
    instrument = instrument_for(client.clinic_id, instrument_id)
    if instrument is None:
        raise ValidationError("This clinic has no such questionnaire to fill in.")
    if session is not None and session.client_id != client.pk:
        raise ValidationError("That session is another client's.")
    if care_plan is not None and care_plan.client_id != client.pk:
        raise ValidationError("That care plan is another client's.")
    answers, problems = read_answers(instrument, raw)
    if problems:
        raise AnswerProblems(problems)
    response = Response.objects.create(
        client=client,
        instrument=instrument.id,
        questionnaire=questionnaire_reference(instrument)[:200],
        care_plan=care_plan or (session.care_plan if session is not None else None),
        session=session,
        phase=phase,
        authored=timezone.now(),
        entered_by=entered_by,
        recorded_by=user,
        actor=(actor or (user.get_username() if user is not None else "client"))[:150],
        answers=_fhir_items(instrument, answers),
        score=score(instrument.rules, answers),
        qualifier=_qualifier(instrument, answers)[:200],
    )
    audit_record(
        clinic=client.clinic,
        user=user,
        actor=actor,
        action=AuditAction.RESPONSE_RECORD,
        record=response,
        summary=f"{instrument.id} {response.score:g}" if response.score is not None else "",
    )
    return response


def pain_words(ratings: list[tuple[str, str, int]]) -> str:
    """The areas rated, the worst first."""
    worst_first = sorted(ratings, key=lambda r: -r[2])
    return "; ".join(f"{body_place(side, region)} {n}/10" for region, side, n in worst_first)


@transaction.atomic
def session_pain_record(
    *, session: TreatmentSession, phase: str, ratings: list[tuple[str, str, int]], user: User
) -> Response | None:
    """The pain rated before or after a session, as a pain rating (NPRS) of the worst area,
    so that the session's pain and every other pain rating make one history."""
    if not ratings:
        return None
    worst = max(n for _, _, n in ratings)
    return response_record(
        client=session.client,
        instrument_id="nprs",
        raw={"pain": str(worst), "where": pain_words(ratings)[:300]},
        entered_by=Response.EnteredBy.SESSION,
        user=user,
        session=session,
        phase=phase,
    )


def upload_problems(clinic: Clinic, content: bytes, name: str) -> tuple[str, dict, list[str]]:
    """The instrument the upload is for, its parsed JSON, and every problem with it."""
    errors: list[str] = []
    if len(content) > MAX_UPLOAD_BYTES:
        return "", {}, [problem(name, "(file)", "file", "is larger than 1 MB")]
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return "", {}, [problem(name, "(file)", "file", f"is not readable JSON: {error}")]
    if not isinstance(data, dict):
        return "", {}, [problem(name, "(file)", "file", "is not a Questionnaire resource")]
    questionnaire = parse_document(data, name, Questionnaire, "questionnaire", errors)
    instrument_id = str(data.get("id", ""))
    rules = shipped().get(instrument_id)
    if rules is None or not rules.rules.licensed:
        licensed = ", ".join(sorted(i for i, v in shipped().items() if v.rules.licensed))
        errors.append(
            problem(name, "(questionnaire)", "id", f"is {instrument_id!r}; give one of: {licensed}")
        )
    elif questionnaire is not None:
        errors += match_problems(rules.rules, questionnaire, name)
    else:
        # Still say which scored items are missing, so one upload lists every error.
        present = _link_ids(data.get("item"))
        errors += [
            problem(name, f"item {link_id}", "linkId", "the rules score it; add it")
            for link_id in rules.rules.score.items
            if link_id not in present
        ]
    return instrument_id, data, errors


def _link_ids(items: object) -> set[str]:
    found: set[str] = set()
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                found.add(str(item.get("linkId", "")))
                found |= _link_ids(item.get("item"))
    return found


@transaction.atomic
def instrument_upload(
    *, clinic: Clinic, user: User, content: bytes, name: str = "upload"
) -> ClinicInstrument:
    """Keep the licensed text of a questionnaire for this clinic; with any error nothing is
    kept and UploadRefused lists every one."""
    instrument_id, data, errors = upload_problems(clinic, content, name)
    if errors:
        raise UploadRefused(errors)
    upload, _ = ClinicInstrument.objects.update_or_create(
        clinic=clinic,
        instrument=instrument_id,
        defaults={"questionnaire": data, "uploaded_by": user, "uploaded_at": timezone.now()},
    )
    audit_record(
        clinic=clinic,
        user=user,
        action=AuditAction.INSTRUMENT_UPLOAD,
        record=upload,
        summary=instrument_id,
    )
    return upload


@transaction.atomic
def review_record(*, care_plan: CarePlan, user: User, decision: str, reason: str) -> Review:
    """What the practitioner decided for a plan without important change."""
    if decision == Review.Decision.CONTINUE and not reason.strip():
        raise ValidationError("Say why the plan goes on as it is.")
    review = Review(
        client=care_plan.client,
        care_plan=care_plan,
        decision=decision,
        reason=reason.strip(),
        sessions_held=care_plan.sessions_held(),
        decided_by=user,
    )
    review.full_clean()
    review.save()
    audit_record(
        clinic=care_plan.client.clinic,
        user=user,
        action=AuditAction.REVIEW_RECORD,
        record=review,
        summary=f"{review.decision} after {review.sessions_held} sessions",
    )
    return review


@transaction.atomic
def outcome_settings_update(*, clinic: Clinic, user: User, review_after: int) -> OutcomeSettings:
    found, _ = OutcomeSettings.objects.get_or_create(clinic=clinic)
    found.review_after_sessions = review_after
    found.full_clean()
    found.save()
    audit_record(
        clinic=clinic,
        user=user,
        action=AuditAction.OUTCOME_SETTINGS_UPDATE,
        record=found,
        summary=f"review after session {review_after}",
    )
    return found


@transaction.atomic
def schedule_update(
    *, care_plan: CarePlan, user: User, entries: list[tuple[str, bool, int, bool]]
) -> list[ScheduleEntry]:
    """Replace the plan's measurement schedule: (instrument, at the first session, every how
    many sessions, at the last session) for each measure wanted."""
    known = shipped()
    kept = []
    for instrument_id, at_first, every, at_discharge in entries:
        if instrument_id not in known:
            raise ValidationError(f"There is no instrument {instrument_id!r}.")
        entry = ScheduleEntry(
            care_plan=care_plan,
            instrument=instrument_id,
            at_first=at_first,
            every=every,
            at_discharge=at_discharge,
        )
        entry.full_clean(exclude=["care_plan"], validate_unique=False)
        kept.append(entry)
    ScheduleEntry.objects.filter(care_plan=care_plan).delete()
    ScheduleEntry.objects.bulk_create(kept)
    audit_record(
        clinic=care_plan.client.clinic,
        user=user,
        action=AuditAction.SCHEDULE_UPDATE,
        record=care_plan,
        summary=", ".join(e[0] for e in entries)[:300],
    )
    return kept
