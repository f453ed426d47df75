"""The pain rated before and after each session so far becomes a pain rating (NPRS) of the
worst area, as new sessions record it, so there is one pain history. The session's own pain
ratings by area are kept as they are."""

from django.db import migrations

from repattern.clients.models import body_place

NPRS = "https://repattern.org/fhir/Questionnaire/nprs|1"


def forwards(apps, schema_editor):
    PainRating = apps.get_model("treatment", "PainRating")
    Response = apps.get_model("outcomes", "Response")
    by_phase = {}
    for rating in PainRating.objects.select_related("session", "session__practitioner").order_by(
        "session_id", "phase", "region", "side"
    ):
        by_phase.setdefault((rating.session_id, rating.phase), []).append(rating)
    for (_, phase), ratings in by_phase.items():
        session = ratings[0].session
        if Response.objects.filter(session=session, phase=phase, instrument="nprs").exists():
            continue
        worst = max(r.intensity for r in ratings)
        worst_first = sorted(ratings, key=lambda r: -r.intensity)
        where = "; ".join(f"{body_place(r.side, r.region)} {r.intensity}/10" for r in worst_first)
        authored = session.started_at if phase == "before" else (session.ended_at or session.started_at)
        Response.objects.create(
            client_id=session.client_id,
            instrument="nprs",
            questionnaire=NPRS,
            care_plan_id=session.care_plan_id,
            session=session,
            phase=phase,
            authored=authored,
            entered_by="migrated",
            recorded_by_id=session.practitioner_id,
            actor=session.practitioner.username,
            answers=[
                {"linkId": "pain", "answer": [{"valueInteger": worst}]},
                {"linkId": "where", "answer": [{"valueString": where[:300]}]},
            ],
            score=float(worst),
        )


def backwards(apps, schema_editor):
    apps.get_model("outcomes", "Response").objects.filter(entered_by="migrated").delete()


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_outcomes")]

    operations = [migrations.RunPython(forwards, backwards)]
