from __future__ import annotations

from django import template
from django.contrib.auth.models import AnonymousUser, User
from django.template.context import Context

from repattern.engine.atlas import load_atlas
from repattern.readings.forms import ReadingForm
from repattern.treatment.models import TreatmentSession

register = template.Library()


def readings_panel(
    session: TreatmentSession,
    user: User | AnonymousUser,
    form: ReadingForm | None = None,
    saved: str = "",
) -> dict[str, object]:
    """The session's force readings, with the form to type one and the way to import a file."""
    return {
        "session": session,
        "readings": session.force_readings.select_related("practitioner"),
        "may_record": session.may_record(user.pk),
        "form": form or ReadingForm(atlas=load_atlas(), auto_id="reading_%s"),
        "saved": saved,
    }


@register.inclusion_tag("readings/_readings.html", takes_context=True)
def force_readings(context: Context, session: TreatmentSession) -> dict[str, object]:
    panel = readings_panel(session, context["request"].user)
    return {**panel, "csrf_token": context.get("csrf_token")}
