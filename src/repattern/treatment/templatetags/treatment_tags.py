"""Filters for the session screen: sites in words, atlas techniques, probabilities."""

from __future__ import annotations

from django import template

from repattern.engine.atlas import load_atlas, parse_site
from repattern.engine.errors import EngineError
from repattern.treatment.models import Pattern, SessionEvent
from repattern.treatment.sites import NO_ACTIVATION, site_name

register = template.Library()

CHALLENGE_FOR_ENTRY = {
    "scar": "scar",
    "injury_site": "touch",
    "jaw_tmj": "jaw_clench",
    "diaphragm": "breath",
    "eyes_gaze": "gaze",
}


@register.filter
def site_label(site: str) -> str:
    return site_name(load_atlas(), site) if site else ""


@register.filter
def sites_in_words(text: str, site: str) -> str:
    """The engine's explanation names sites by id; the screen names them in words."""
    return text.replace(site, site_name(load_atlas(), site)) if site else text


@register.filter
def muscle_name(entry_id: str) -> str:
    try:
        return load_atlas().name(entry_id)
    except EngineError:
        return entry_id


def _entry(site: str):
    try:
        return load_atlas().get(parse_site(site).entry_id)
    except EngineError:
        return None


@register.filter
def release_text(site: str) -> str:
    entry = _entry(site)
    return entry.release if entry else "Release it with the technique you use for it."


@register.filter
def activation_text(site: str) -> str:
    entry = _entry(site)
    activation = getattr(entry, "activation", None) if entry else None
    return activation or NO_ACTIVATION


@register.filter
def default_challenge(site: str) -> str:
    try:
        return CHALLENGE_FOR_ENTRY.get(parse_site(site).entry_id, "touch")
    except EngineError:
        return "touch"


@register.filter
def percent(value: float) -> str:
    if value >= 0.995:
        return ">99%"
    if 0 < value < 0.005:
        return "<1%"
    return f"{value:.0%}"


@register.filter
def percent_width(value: float) -> str:
    return f"{max(0.0, min(1.0, value)) * 100:.1f}%"


@register.filter
def event_words(event: SessionEvent) -> str:
    """One line of the session log, naming what was actually done to which structure."""
    atlas = load_atlas()
    site, candidate = site_name(atlas, event.site), site_name(atlas, event.candidate)
    result = {"holds": "held", "weak": "weak"}.get(event.result, "")
    if event.kind == "test":
        return f"Muscle test: {site} — {result}"
    if event.kind == "challenge":
        how = (
            event.challenge_other if event.challenge == "custom" else event.get_challenge_display()
        )
        blind = ", blinded" if event.blinded else ""
        verdict = "the muscle held" if event.result == "holds" else "still weak"
        return f"Challenge ({how.lower()}{blind}) of {candidate} for {site}: {verdict}"
    if event.kind == "confirm":
        return f"Pattern confirmed: {site} inhibited, {candidate} facilitated"
    if event.kind == "release":
        return f"Release of {candidate}"
    if event.kind == "activation":
        return f"Activation of {site}"
    if event.kind == "retest":
        return f"Retest of {site} — {result}"
    return f"Pattern {site} with {candidate}: {event.get_outcome_display().lower()}"


@register.filter
def has_held(candidate: object) -> bool:
    """A candidate whose challenge made the weak muscle hold: only that can be confirmed."""
    return any(e.result == "holds" for e in getattr(candidate, "challenges", ()))


@register.simple_tag
def pattern_steps(pattern: Pattern) -> dict[str, bool]:
    kinds = {e.kind for e in pattern.events.all()}
    return {"released": "release" in kinds, "activated": "activation" in kinds}
