"""Plain progress lines on standard error: how far the run is, and what it is measuring."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts finished runs and prints one line for each, with the time so far."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()

    def step(self, what: str) -> None:
        self.done += 1
        seconds = time.perf_counter() - self.started
        print(
            f"bench engine: {self.done}/{self.total} ({seconds:.0f} s) {what}",
            file=self.stream,
            flush=True,
        )
