from django.db import migrations, models



def staff_for_practitioner(apps, schema_editor):
    # "practitioner" always meant any member of staff; it is now said so.
    for name in ("SafetyScreen", "Consent"):
        model = apps.get_model("clients", name)
        model.objects.filter(entered_by="practitioner").update(entered_by="staff")


ENTERED_BY = [("staff", "Entered by staff"), ("client_link", "Entered by the client through a link")]


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="safetyscreen", old_name="source", new_name="entered_by"),
        migrations.RenameField(model_name="consent", old_name="source", new_name="entered_by"),
        migrations.AlterField(
            model_name="safetyscreen",
            name="entered_by",
            field=models.CharField(choices=ENTERED_BY, max_length=20),
        ),
        migrations.AlterField(
            model_name="consent",
            name="entered_by",
            field=models.CharField(choices=ENTERED_BY, max_length=20),
        ),
        migrations.RunPython(staff_for_practitioner, migrations.RunPython.noop),
    ]
