"""The engine: anatomy, candidates, inference and outcomes, in pure Python and NumPy.

It never imports Django, so it is tested fast, benchmarked alone and usable from a notebook.
"""

from repattern.engine.candidates import Candidate, ClientHistory, Reason, rank_candidates
from repattern.engine.errors import (
    EngineError,
    InvalidCost,
    InvalidRecord,
    InvalidStopping,
    InvalidTestModel,
    InvalidWeight,
    UnknownCandidate,
    UnknownPolicy,
)
from repattern.engine.inference import NONE_OF_THESE, Posterior, TestModel
from repattern.engine.policies import DEFAULT_POLICY, POLICIES, Suggestion, next_test
from repattern.engine.reliability import (
    ConfirmedCounts,
    Reliability,
    RetestPair,
    estimate_reliability,
)

__all__ = [
    "DEFAULT_POLICY",
    "NONE_OF_THESE",
    "POLICIES",
    "Candidate",
    "ClientHistory",
    "ConfirmedCounts",
    "EngineError",
    "InvalidCost",
    "InvalidRecord",
    "InvalidStopping",
    "InvalidTestModel",
    "InvalidWeight",
    "Posterior",
    "Reason",
    "Reliability",
    "RetestPair",
    "Suggestion",
    "TestModel",
    "UnknownCandidate",
    "UnknownPolicy",
    "estimate_reliability",
    "next_test",
    "rank_candidates",
]
