"""Homework drafted before home programs existed becomes each client's program: one version per
session that had homework, each holding every exercise so far, as the client had them."""

from django.db import migrations


def homework_to_programs(apps, schema_editor):
    HomeworkItem = apps.get_model("treatment", "HomeworkItem")
    HomeProgram = apps.get_model("programs", "HomeProgram")
    ProgramVersion = apps.get_model("programs", "ProgramVersion")
    Exercise = apps.get_model("programs", "Exercise")
    items = HomeworkItem.objects.select_related("session", "pattern").order_by(
        "session__client_id", "session__started_at", "id"
    )
    programs, held, numbers = {}, {}, {}
    for item in items:
        session = item.session
        client_id = session.client_id
        if client_id not in programs:
            programs[client_id] = HomeProgram.objects.create(
                client_id=client_id,
                care_plan_id=session.care_plan_id,
                created_at=session.ended_at or session.started_at,
            )
            held[client_id], numbers[client_id] = {}, {}
        pattern = item.pattern
        key = f"{pattern.inhibited}>{pattern.facilitated}" if pattern else f"homework-{item.pk}"
        held[client_id][key] = {
            "pattern_id": item.pattern_id,
            "inhibited": pattern.inhibited if pattern else "",
            "facilitated": pattern.facilitated if pattern else "",
            "title": item.release.split(":")[0][:200] or "Release, then activate",
            "release": item.release,
            "activation": item.activation,
            "note": item.dosage,
        }
        numbers[client_id][session.pk] = session
    for client_id, sessions in numbers.items():
        program, so_far = programs[client_id], []
        for number, session in enumerate(sessions.values(), start=1):
            keys = [
                i.pattern and f"{i.pattern.inhibited}>{i.pattern.facilitated}" or f"homework-{i.pk}"
                for i in items.filter(session=session)
            ]
            so_far += [key for key in keys if key not in so_far]
            version = ProgramVersion.objects.create(
                program=program,
                number=number,
                made_from=session,
                created_by_id=session.practitioner_id,
                created_at=session.ended_at or session.started_at,
            )
            for order, key in enumerate(so_far):
                Exercise.objects.create(version=version, order=order, key=key, **held[client_id][key])


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_home_programs"),
        ("treatment", "0006_appointments"),
    ]

    operations = [migrations.RunPython(homework_to_programs, migrations.RunPython.noop)]
