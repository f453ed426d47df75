from django.db import migrations

RENAMED = {"homework_draft": "program_draft", "homework_update": "program_revise"}


def rename(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for old, new in RENAMED.items():
        AuditEvent.objects.filter(action=old).update(action=new)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_appointment_actions")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
