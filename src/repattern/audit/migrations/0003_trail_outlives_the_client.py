import django.db.models.deletion
from django.db import migrations, models


def number_every_row(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditEvent.objects.filter(client__isnull=False).update(client_number=models.F("client_id"))


class Migration(migrations.Migration):
    """An erased client's audit rows stay: the link to the client empties, their number stays."""

    dependencies = [
        ("audit", "0002_actions_named_after_services"),
        ("clients", "0003_model_validation"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="client_number",
            field=models.BigIntegerField(
                blank=True,
                db_index=True,
                help_text="The client's number, kept when the client is erased",
                null=True,
            ),
        ),
        migrations.RunPython(number_every_row, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="client",
            field=models.ForeignKey(
                blank=True,
                help_text="The client whose record was seen or changed, while that record exists",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="audit_events",
                to="clients.client",
            ),
        ),
    ]
