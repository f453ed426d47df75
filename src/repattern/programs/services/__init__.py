"""Every write to a home program or its adherence: one transaction, with its audit row."""

from repattern.programs.services.adherence import adherence_clear, adherence_log
from repattern.programs.services.programs import (
    ExerciseDose,
    program_draft,
    program_end,
    program_revise,
    program_send,
)

__all__ = [
    "ExerciseDose",
    "adherence_clear",
    "adherence_log",
    "program_draft",
    "program_end",
    "program_revise",
    "program_send",
]
