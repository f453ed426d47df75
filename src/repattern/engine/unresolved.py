"""Inhibited muscles a session left unresolved: still weak at their latest test, with no
pattern confirmed since, so no compensator was found for them (DOMAIN.md section 1)."""

from __future__ import annotations

from repattern.engine.session import TESTS, EventKind, SessionLog


def unresolved(log: SessionLog) -> list[str]:
    """The sites left inhibited without a pattern, most recent first."""

    def confirmed_since_weak(site: str) -> bool:
        last_weak = max(e.id for e in log.events if e.site == site and e.kind in TESTS)
        return any(
            e.kind is EventKind.CONFIRM and e.site == site and e.id > last_weak for e in log.events
        )

    return [site for site in log.open_findings() if not confirmed_since_weak(site)]
