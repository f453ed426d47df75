"""Run as `python -m tests.backups.seeding`: migrate the configured database and fill it with
the demo clinic and a treated session, so that every kind of record has rows to back up."""

from __future__ import annotations

import os

import django


def seed() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from repattern import demo
    from repattern.clients import services as clients
    from repattern.clients.models import Client
    from repattern.treatment import services as treatment
    from tests.treatment.conftest import confirm, correct

    demo.demo_load()
    maria = Client.objects.get(first_name="Maria", last_name="Lopez")
    alice = maria.clinic.memberships.get(user__username="alice").user
    clients.intake_link_create(client=maria, user=alice, days=7)
    plan = treatment.careplan_create(client=maria, user=alice, complaint="Low back pain")
    session = treatment.session_start(
        client=maria, practitioner=alice, pain_before=[("lower_back", "right", 6)], care_plan=plan
    )
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    treatment.session_finish(
        session=session,
        user=alice,
        pain_after=[("lower_back", "right", 2)],
        after_effects=["soreness"],
        after_effects_note="Mild, gone by evening.",
    )
    draft = treatment.note_draft(session=session, user=alice)
    text = treatment.NoteText(draft.subjective, draft.objective, draft.assessment, draft.plan)
    note = treatment.note_sign(note=draft, user=alice, text=text)
    treatment.note_amend(note=note, user=alice, text="Phoned: soreness gone the next day.")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repattern.settings")
    django.setup()
    seed()
