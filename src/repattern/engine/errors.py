"""The engine's named errors: one base class, so callers can catch every engine error at once."""

from __future__ import annotations

from dataclasses import dataclass


class EngineError(Exception):
    """Base class of every error the engine raises."""


class InvalidWeight(EngineError, ValueError):
    """A prior weight (or the "none of these" share) that is not a finite positive number."""


class InvalidCandidate(EngineError, ValueError):
    """A candidate name the engine cannot take (the residual's own key), or an empty region."""


class InvalidResult(EngineError, TypeError):
    """A challenge result that is not True (the weak muscle held) or False (it stayed weak)."""


class InvalidTestModel(EngineError, ValueError):
    """Test rates that do not satisfy 0 < false-positive rate < sensitivity < 1."""


class UnknownCandidate(EngineError, KeyError):
    """A candidate that the belief (or a per-candidate mapping) does not list."""

    def __str__(self) -> str:
        # KeyError quotes its message; a person should read a plain sentence.
        return str(self.args[0]) if self.args else ""


class InvalidCost(EngineError, ValueError):
    """A test cost that is not a finite positive number."""


class InvalidStopping(EngineError, ValueError):
    """A threshold outside (0, 1] or a budget below zero."""


class UnknownRegion(EngineError, KeyError):
    """A region name that the regions given to `next_test` (or the atlas) do not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownPolicy(EngineError, KeyError):
    """A policy name that `next_test` does not know."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidRecord(EngineError, ValueError):
    """Reliability counts or records that cannot describe real tests."""


class InvalidSite(EngineError, ValueError):
    """A site that is not written as "structure_id:side" with a known side."""


class AtlasError(EngineError):
    """A problem with the anatomy atlas: its data files, a lookup or a search."""


class UnknownStructure(AtlasError, KeyError):
    """An entry id (muscle or other structure) that the atlas does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataFileError(AtlasError):
    """Atlas data files that fail validation; `.errors` lists every problem, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = "\n".join(errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} problem(s) in the atlas data:\n{shown}{more}")


@dataclass(frozen=True)
class ChartProblem:
    """One problem in an uploaded clinic chart: its line (1-based), the field, and what to fix."""

    line: int
    field: str
    message: str


class ChartError(AtlasError):
    """A clinic chart rejected whole; `.errors` lists every problem by line and field."""

    def __init__(self, filename: str, errors: list[ChartProblem]) -> None:
        self.filename = filename
        self.errors = errors
        lines = "\n".join(f"{filename}:{p.line}: {p.field}: {p.message}" for p in errors)
        super().__init__(f"{filename} was not imported ({len(errors)} problem(s)):\n{lines}")
