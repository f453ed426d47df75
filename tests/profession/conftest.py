"""Maria's episode with Alice, written carelessly: her name, phone, e-mail and birth date turn up
in the history, the session note and the homework. Carol is a certifier who works at no clinic.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from repattern.clients import services as clients
from repattern.profession import services
from repattern.profession.models import CaseStudy, Certification, Certifier
from repattern.programs import services as programs
from repattern.treatment import services as treatment
from tests.characters import PASSWORD
from tests.treatment.conftest import confirm, correct

CARELESS = "Maria Lopez (born 14/03/1981, +44 7700 900101, maria@example.com)"
IDENTIFIERS = (
    "Maria",
    "Lopez",
    "maria@example.com",
    "7700 900101",
    "7700900101",
    "14/03/1981",
    "1981-03-14",
    "14 March 1981",
)


@pytest.fixture
def episode(maria: Any, alice: Any) -> Any:
    """A care plan with one session, a signed note and a home program, each naming Maria."""
    clients.intake_update(
        client=maria,
        user=alice,
        answers=clients.IntakeAnswers(
            goals=f"{CARELESS} wants to lift her toddler.", activities="Maria does yoga."
        ),
    )
    clients.injury_add(
        client=maria,
        user=alice,
        kind="sprain",
        region="ankle",
        side="left",
        notes="Maria fell on 1981-03-14 playing; ML says it still aches. Call 07700 900101.",
    )
    plan = treatment.careplan_create(
        client=maria, user=alice, complaint="Low back pain", goals=f"Goals agreed with {CARELESS}"
    )
    session = treatment.session_start(
        client=maria, practitioner=alice, pain_before=[("lower_back", "right", 6)], care_plan=plan
    )
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    note = treatment.note_draft(session=session, user=alice)
    treatment.note_sign(
        note=note,
        user=alice,
        text=treatment.NoteText(
            "S", f"Objective: {CARELESS} weak left psoas", "Maria Lopez responds well", "P"
        ),
    )
    treatment.session_end(session=session, user=alice)
    version = programs.program_draft(session=session, user=alice)
    assert version is not None
    exercise = version.exercises.get()
    dose = programs.ExerciseDose(
        key=exercise.key,
        inhibited=exercise.inhibited,
        facilitated=exercise.facilitated,
        title="Rub, then lift",
        release="Rub.",
        activation="Lift.",
        note=f"Text {CARELESS} each evening",
    )
    programs.program_revise(
        program=version.program, user=alice, doses=[dose], note_for_client=f"Dear {CARELESS}"
    )
    return plan


@pytest.fixture
def consented(episode: Any, alice: Any) -> Any:
    services.case_consent_record(care_plan=episode, user=alice, signed_name="Maria Lopez")
    return episode


@pytest.fixture
def carol(django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(
        username="carol", email="carol@example.com", password=PASSWORD, first_name="Carol"
    )
    Certifier.objects.create(user=user)
    return user


def written(case_study: CaseStudy, user: Any) -> CaseStudy:
    """The case study with its reflection written."""
    sections = {**case_study.current().sections, "reflection": "I would test the scar sooner."}
    services.case_study_revise(case_study=case_study, user=user, sections=sections)
    return case_study


@pytest.fixture
def three_case_studies(consented: Any, alice: Any) -> list[CaseStudy]:
    return [
        written(
            services.case_study_draft(care_plan=consented, user=alice, title=f"Case {n}"), alice
        )
        for n in (1, 2, 3)
    ]


@pytest.fixture
def level_one(alice: Any) -> Certification:
    """Alice took the level 1 course two months ago."""
    return services.certification_start(
        practitioner=alice,
        level=1,
        course_date=timezone.localdate() - timedelta(days=61),
        course_place="Bristol",
        course_instructor="A. Teacher",
    )


@pytest.fixture
def submitted(level_one: Any, three_case_studies: Any, alice: Any, carol: Any) -> Certification:
    return services.certification_submit(
        certification=level_one,
        user=alice,
        case_studies=three_case_studies,
        certifier=carol.certifier,
        observed_on=timezone.localdate() - timedelta(days=1),
        mode="remote",
    )


ALL_THREES = dict.fromkeys(
    ["safety", "history", "testing", "reasoning", "correction", "homework", "communication"], 3
)
BORN = date(1981, 3, 14)
