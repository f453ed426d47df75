from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


@register.filter
def percent_interval(pair: tuple[float, float] | None) -> str:
    return "" if pair is None else f"{100 * pair[0]:.0f}% to {100 * pair[1]:.0f}%"


@register.filter
def number(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2g}" if abs(value) < 1 else f"{value:+.1f}"


@register.filter
def number_interval(pair: tuple[float, float] | None) -> str:
    return "" if pair is None else f"{pair[0]:+.1f} to {pair[1]:+.1f}"
