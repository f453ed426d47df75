"""A realistic demo clinic: two practitioners, an owner, an assistant and varied clients."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from repattern import demo_history
from repattern.accounts.models import Clinic, Role
from repattern.accounts.services import clinic_create, member_add
from repattern.clients import services
from repattern.clients.screening import QUESTION_IDS
from repattern.outcomes.demo import outcomes_demo_load
from repattern.profession.demo import profession_demo_load

CLINIC_NAME = "Northside Movement Clinic (demo)"
PASSWORD = "repattern-demo"
STAFF: tuple[tuple[str, str, str], ...] = (
    ("olivia", Role.OWNER, "Olivia Grant"),
    ("alice", Role.PRACTITIONER, "Alice Moreau"),
    ("ben", Role.PRACTITIONER, "Ben Adeyemi"),
    ("sam", Role.ASSISTANT, "Sam Ito"),
)

NO_FLAGS = dict.fromkeys(QUESTION_IDS, False)

# Each client: details, then history rows (kind, fields), intake fields, screen flags, cleared?
CLIENTS: tuple[dict[str, Any], ...] = (
    {
        "client": ("Maria", "Lopez", date(1981, 3, 14), "female", "+44 7700 900101"),
        "history": [
            (
                "scar",
                {
                    "procedure": "Appendectomy",
                    "region": "lower_abdomen",
                    "side": "right",
                    "year": 2004,
                    "length_cm": 5,
                    "healing": "adhered",
                },
            ),
            ("pain_area", {"region": "lower_back", "side": "right", "intensity": 6}),
        ],
        "intake": {
            "conditions": ["low_back_pain"],
            "goals": "Lift my toddler without back pain.",
            "activities": "Yoga once a week",
        },
    },
    {
        "client": ("James", "Carter", date(1975, 7, 2), "male", "+44 7700 900102"),
        "history": [
            (
                "injury",
                {
                    "kind": "whiplash",
                    "region": "neck_back",
                    "side": "both",
                    "occurred_on": date(2019, 11, 8),
                    "notes": "Rear-ended at a junction.",
                },
            ),
            ("pain_area", {"region": "neck_back", "side": "both", "intensity": 5}),
            ("pain_area", {"region": "head", "side": "both", "intensity": 4}),
        ],
        "intake": {
            "conditions": ["whiplash", "neck_pain", "headache_migraine"],
            "goals": "Check my blind spot without pain.",
        },
    },
    {
        "client": ("Priya", "Shah", date(1990, 1, 23), "female", "+44 7700 900103"),
        "history": [("pain_area", {"region": "jaw", "side": "left", "intensity": 4})],
        "intake": {
            "jaw_clenching": True,
            "teeth_grinding": True,
            "tmj_trouble": True,
            "dental_work": "Braces 2004-2006; night guard since 2021",
            "conditions": ["jaw_tmj_pain", "headache_migraine", "stress"],
            "goals": "Wake up without a sore jaw.",
        },
    },
    {
        "client": ("Tom", "Becker", date(1995, 9, 30), "male", "+44 7700 900104"),
        "history": [
            (
                "injury",
                {
                    "kind": "sprain",
                    "region": "ankle",
                    "side": "left",
                    "age_at_injury": 16,
                    "notes": "Inversion sprain playing football; crutches two weeks.",
                },
            ),
            ("pain_area", {"region": "thigh_outer", "side": "left", "intensity": 5}),
            ("pain_area", {"region": "knee", "side": "left", "intensity": 3}),
        ],
        "intake": {
            "conditions": ["it_band_syndrome"],
            "activities": "Running 40 km a week; half-marathon in April",
            "goals": "Run the half-marathon pain-free.",
        },
    },
    {
        "client": ("Elena", "Rossi", date(1958, 5, 11), "female", "+44 7700 900105"),
        "history": [
            (
                "pain_area",
                {
                    "region": "lower_back",
                    "side": "both",
                    "intensity": 7,
                    "notes": "Worse at night.",
                },
            )
        ],
        "intake": {"conditions": ["low_back_pain"], "goals": "Sleep through the night."},
        "flags": ["night_pain", "weight_loss"],
    },
    {
        "client": ("Daniel", "Kim", date(1988, 12, 5), "male", "+44 7700 900106"),
        "history": [
            (
                "injury",
                {
                    "kind": "fracture",
                    "region": "shoulder",
                    "side": "right",
                    "occurred_on": date(2010, 6, 19),
                    "notes": "Broken collarbone, cycling.",
                },
            ),
            ("pain_area", {"region": "shoulder", "side": "right", "intensity": 5}),
        ],
        "intake": {
            "conditions": ["rotator_cuff_pain"],
            "activities": "Climbing, cycling",
            "goals": "Climb overhead routes again.",
        },
    },
    {
        "client": ("Sophie", "Martin", date(1985, 4, 17), "female", "+44 7700 900107"),
        "history": [
            (
                "scar",
                {
                    "procedure": "Caesarean section",
                    "region": "lower_abdomen",
                    "side": "midline",
                    "year": 2015,
                    "length_cm": 14,
                    "healing": "numb",
                },
            ),
            ("pain_area", {"region": "lower_back", "side": "left", "intensity": 4}),
            ("pain_area", {"region": "pelvis", "side": "midline", "intensity": 3}),
        ],
        "intake": {
            "conditions": ["low_back_pain"],
            "goals": "Get back to running after two children.",
        },
    },
    {
        "client": ("George", "Okafor", date(1956, 10, 9), "male", "+44 7700 900108"),
        "history": [
            (
                "scar",
                {
                    "procedure": "Knee replacement",
                    "region": "knee",
                    "side": "right",
                    "year": 2018,
                    "length_cm": 20,
                    "healing": "raised",
                },
            ),
            ("pain_area", {"region": "hip", "side": "right", "intensity": 5}),
        ],
        "intake": {
            "intubated": True,
            "intubation_notes": "General anaesthetic for the knee replacement, 2018",
            "conditions": ["hip_bursitis"],
            "medications": "Amlodipine 5 mg",
            "goals": "Walk the dog for an hour.",
        },
    },
    {
        "client": ("Hannah", "Schmidt", date(2001, 2, 27), "female", "+44 7700 900109"),
        "history": [
            (
                "injury",
                {
                    "kind": "strain",
                    "region": "thigh_back",
                    "side": "right",
                    "occurred_on": date(2022, 3, 3),
                    "notes": "Hamstring strain in a grand jeté.",
                },
            ),
            ("pain_area", {"region": "foot", "side": "right", "intensity": 6}),
        ],
        "intake": {
            "conditions": ["plantar_fasciitis"],
            "activities": "Ballet, 15 hours a week",
            "goals": "Dance through a full rehearsal.",
        },
    },
    {
        "client": ("Luis", "Fernandez", date(1979, 8, 21), "male", "+44 7700 900110"),
        "history": [
            ("pain_area", {"region": "elbow", "side": "right", "intensity": 5}),
            ("pain_area", {"region": "wrist", "side": "right", "intensity": 3}),
        ],
        "intake": {
            "conditions": ["tennis_elbow", "carpal_tunnel"],
            "activities": "Padel twice a week; desk work",
            "goals": "Play a full padel match.",
        },
    },
    {
        "client": ("Ava", "Nguyen", date(1993, 6, 8), "female", "+44 7700 900111"),
        "history": [
            (
                "injury",
                {
                    "kind": "tear",
                    "region": "knee",
                    "side": "left",
                    "occurred_on": date(2024, 1, 20),
                    "notes": "ACL reconstruction.",
                },
            ),
            (
                "scar",
                {
                    "procedure": "ACL reconstruction",
                    "region": "knee",
                    "side": "left",
                    "year": 2024,
                    "length_cm": 6,
                    "healing": "well_healed",
                },
            ),
        ],
        "intake": {"conditions": ["knee_strain"], "goals": "Return to netball."},
        "flags": ["recent_trauma"],
        "cleared_by": "Dr R. Patel, orthopaedic surgeon",
    },
)


HISTORY_ADD: dict[str, Any] = {
    "injury": services.injury_add,
    "scar": services.scar_add,
    "pain_area": services.pain_area_add,
}


class DemoClash(Exception):
    """The database already holds users with the demo's usernames."""


def demo_load() -> bool:
    """Load the demo clinic unless it is already there. Returns True if it was created."""
    if Clinic.objects.filter(name=CLINIC_NAME).exists():
        return False
    taken = get_user_model().objects.filter(username__in=[u for u, _, _ in STAFF])
    if taken.exists():
        names = ", ".join(sorted(u.username for u in taken))
        raise DemoClash(
            f"This database already has users named {names}, so the demo cannot add its staff. "
            "Run the demo on its own database (REPATTERN_VAR_DIR or DATABASE_URL), or use "
            "--reset to wipe this one."
        )
    with transaction.atomic():
        clinic = _clinic()
        users = {m.user.username: m.user for m in clinic.memberships.select_related("user")}
        for spec in CLIENTS:
            _client(clinic, users["alice"], users["olivia"], spec)
        demo_history.history_load(clinic)
        outcomes_demo_load(clinic, users["alice"])
        profession_demo_load(PASSWORD)
    return True


def _clinic() -> Clinic:
    """The clinic and its staff, through the same services as a real clinic's."""
    (owner, _, owner_name), *others = STAFF
    first, last = owner_name.split(" ", 1)
    clinic = clinic_create(
        name=CLINIC_NAME,
        owner_username=owner,
        owner_email=f"{owner}@northside.example",
        owner_password=PASSWORD,
        owner_first_name=first,
        owner_last_name=last,
    )
    by = get_user_model().objects.get(username=owner)
    for username, role, name in others:
        first, last = name.split(" ", 1)
        member_add(
            clinic=clinic,
            username=username,
            email=f"{username}@northside.example",
            role=role,
            first_name=first,
            last_name=last,
            password=PASSWORD,
            by=by,
        )
    return clinic


def _client(clinic: Clinic, practitioner: Any, owner: Any, spec: dict[str, Any]) -> None:
    first, last, born, gender, phone = spec["client"]
    client = services.client_create(
        clinic=clinic,
        user=practitioner,
        details=services.ClientDetails(
            first_name=first,
            last_name=last,
            date_of_birth=born,
            gender=gender,
            phone=phone,
            email=f"{first.lower()}.{last.lower()}@example.com",
        ),
    )
    for kind, fields in spec["history"]:
        HISTORY_ADD[kind](client=client, user=practitioner, **fields)
    services.intake_update(
        client=client, user=practitioner, answers=services.IntakeAnswers(**spec["intake"])
    )
    answers = {**NO_FLAGS, **dict.fromkeys(spec.get("flags", []), True)}
    services.screen_record(client=client, user=practitioner, answers=answers)
    services.consent_record(client=client, user=practitioner, signed_name=f"{first} {last}")
    if "cleared_by" in spec:
        services.clearance_record(
            client=client,
            user=practitioner,
            cleared_by=spec["cleared_by"],
            cleared_on=timezone.localdate() - timedelta(days=20),
            note="Cleared for gentle manual therapy and exercise.",
        )


def demo_api_token() -> str:
    """A fresh read-and-write API token for the demo owner; the demo's earlier ones are revoked."""
    from repattern.accounts.models import Membership
    from repattern.api.services import api_token_create, api_token_revoke

    owner = Membership.objects.select_related("user", "clinic").get(
        clinic__name=CLINIC_NAME, role=Role.OWNER
    )
    for old in owner.api_tokens.filter(name="demo", revoked_at__isnull=True):
        api_token_revoke(token=old, user=owner.user)
    return api_token_create(membership=owner, user=owner.user, name="demo", scope="write").secret
