"""One file of an export: its name in the ZIP, its text, and what it holds, for the README."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExportFile:
    name: str
    text: str
    about: str
    # (key, meaning) for each key of a JSON file's records; empty for other files.
    keys: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0
