"""Outcomes where other pages show them, each in one line of their template: the client's
pain now and progress, the measures due on the session screen, the review prompts on the
Today page and the questionnaires waiting on the portal."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html

from repattern.clients.models import Client
from repattern.outcomes.change import plan_outcome, plans_to_review
from repattern.outcomes.progress import pain_now, progress
from repattern.outcomes.registry import instruments_for
from repattern.outcomes.schedule import current_plan, due, schedule_of
from repattern.treatment.models import CarePlan, TreatmentSession

register = template.Library()


@register.simple_tag
def client_pain_now(client: Client) -> str:
    """The latest pain rating; the areas rated at intake only while there is none."""
    latest = pain_now(client)
    if latest is None:
        areas = "; ".join(str(p) for p in client.pain_areas.all())
        return areas or "none recorded"
    when = timezone.localtime(latest.authored)
    where = latest.answer("where")
    context = {
        "before": "before the session",
        "after": "after the session",
    }.get(latest.phase, "rated")
    return format_html(
        "{}/10 {} of {}{}",
        f"{latest.score:g}" if latest.score is not None else "?",
        context,
        f"{when:%-d %b %Y}",
        f" ({where})" if where else "",
    )


@register.inclusion_tag("outcomes/_client_panel.html")
def client_outcomes_panel(client: Client) -> dict[str, Any]:
    plan = current_plan(client.pk)
    return {
        "client": client,
        "shown": progress(client, limit=4),
        "plan_outcome": plan_outcome(plan) if plan is not None else None,
    }


@register.inclusion_tag("outcomes/_session_measures.html")
def session_measures(session: TreatmentSession) -> dict[str, Any]:
    plan = session.care_plan
    instruments = instruments_for(session.client.clinic_id)
    return {
        "session": session,
        "due": due(plan, session) if plan is not None else [],
        "outcome": plan_outcome(plan) if plan is not None else None,
        "measures": [i for i in instruments.values() if i.usable],
    }


@register.inclusion_tag("outcomes/_review_prompts.html")
def review_prompts(clinic_id: int, user_id: int) -> dict[str, Any]:
    return {"waiting": plans_to_review(clinic_id, user_id)}


@register.inclusion_tag("outcomes/_portal_due.html")
def portal_due(client: Client) -> dict[str, Any]:
    plan = current_plan(client.pk)
    return {"due": due(plan) if plan is not None else []}


@register.inclusion_tag("outcomes/_plan_measures.html")
def plan_measures(plan: CarePlan) -> dict[str, Any]:
    """The plan's measurement schedule, editable, and the decisions taken on its outcome."""
    instruments = instruments_for(plan.client.clinic_id)
    wanted = {w.instrument: w for w in schedule_of(plan)}
    rows = [(i, wanted.get(i.id)) for i in instruments.values() if i.usable]
    return {
        "plan": plan,
        "rows": rows,
        "outcome": plan_outcome(plan),
        "reviews": plan.outcome_reviews.select_related("decided_by"),
    }
