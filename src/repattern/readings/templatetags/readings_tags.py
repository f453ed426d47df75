from __future__ import annotations

from django import template
from django.template.context import Context

from repattern.engine.atlas import load_atlas
from repattern.readings.forms import ReadingForm
from repattern.treatment.models import TreatmentSession

register = template.Library()


@register.inclusion_tag("readings/_readings.html", takes_context=True)
def force_readings(context: Context, session: TreatmentSession) -> dict[str, object]:
    """The session's force readings, with the form to type one and the way to import a file."""
    request = context["request"]
    return {
        "session": session,
        "readings": session.force_readings.select_related("practitioner"),
        "may_record": session.may_record(request.user.pk),
        "form": ReadingForm(atlas=load_atlas(), auto_id="reading_%s"),
        "csrf_token": context.get("csrf_token"),
    }
