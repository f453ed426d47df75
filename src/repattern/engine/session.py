"""The rules of a treatment session, once: what may follow what, when a window closes, which
outcome a pattern may take. Services, the session screen and the benchmarks all call these."""

from __future__ import annotations

# About this many challenges fit in one 30-60 s learning window (DOMAIN.md section 3).
WINDOW_TESTS = 12
