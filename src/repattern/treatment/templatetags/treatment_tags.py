"""Filters for the session screen: sites in words, atlas techniques, probabilities."""

from __future__ import annotations

from django import template

from repattern.engine import words
from repattern.engine.atlas import load_atlas, parse_site
from repattern.engine.errors import EngineError
from repattern.engine.policies import DEFAULT_THRESHOLD
from repattern.engine.session import EventKind, Result
from repattern.treatment.models import ChallengeKind, SessionEvent
from repattern.treatment.regions import member_name
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
    """The release in the learning window: short enough to read while the seconds run."""
    entry = _entry(site)
    return entry.window_release if entry else "Release it with the technique you use for it."


@register.filter
def activation_text(site: str) -> str:
    entry = _entry(site)
    activation = getattr(entry, "window_activation", None) if entry else None
    return activation or NO_ACTIVATION


@register.filter
def release_technique(site: str) -> str:
    """The full release, with the longer work that goes home in the program."""
    entry = _entry(site)
    return entry.release if entry else ""


@register.filter
def activation_technique(site: str) -> str:
    entry = _entry(site)
    return (getattr(entry, "activation", None) or "") if entry else ""


@register.filter
def default_challenge(site: str) -> str:
    try:
        return CHALLENGE_FOR_ENTRY.get(parse_site(site).entry_id, "touch")
    except EngineError:
        return "touch"


@register.filter
def percent(value: float) -> str:
    """A probability as the engine words it: never rounded across the stop threshold."""
    return words.percent(value, DEFAULT_THRESHOLD)


@register.filter
def event_words(event: SessionEvent) -> str:
    """One line of the session log, naming what was actually done to which structure."""
    atlas = load_atlas()
    site, candidate = site_name(atlas, event.site), site_name(atlas, event.candidate)
    result = (
        {Result.HOLDS: "held", Result.WEAK: "weak"}.get(Result(event.result), "")
        if event.result
        else ""
    )
    if event.kind == EventKind.TEST:
        return f"Muscle test: {site} — {result}"
    if event.kind == EventKind.CHALLENGE:
        how = (
            event.challenge_other
            if event.challenge == ChallengeKind.CUSTOM
            else event.get_challenge_display()
        )
        blind = ", blinded" if event.blinded else ""
        verdict = "the muscle held" if event.result == Result.HOLDS else "still weak"
        return f"Challenge ({how.lower()}{blind}) of {candidate} for {site}: {verdict}"
    if event.kind == EventKind.REGION:
        members = ", ".join(member_name(atlas, m) for m in event.members or ())
        verdict = "the muscle held" if event.result == Result.HOLDS else "still weak"
        return f"Region challenge of the {event.region} ({members}) for {site}: {verdict}"
    if event.kind == EventKind.CONFIRM:
        return f"Pattern confirmed: {site} inhibited, {candidate} facilitated"
    if event.kind == EventKind.RELEASE:
        return f"Release of {candidate}"
    if event.kind == EventKind.ACTIVATION:
        return f"Activation of {site}"
    if event.kind == EventKind.RETEST:
        return f"Retest of {site} — {result}"
    return f"Pattern {site} with {candidate}: {event.get_outcome_display().lower()}"
