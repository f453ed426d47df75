"""The engine: anatomy, candidates, inference and outcomes, in pure Python and NumPy.

It never imports Django, so it is tested fast, benchmarked alone and usable from a notebook.

The search for a compensator, as the session screen drives it:

- `Posterior.from_prior(weights, none_of_these=learned_none_share(on_list, added))`;
- `next_test(belief, model, threshold=..., budget=..., regions=..., region_model=...)` for the
  next challenge (`Suggestion.candidates`, `.region`, `.reason`), None to stop;
- `belief.observe(candidate_or_region_members, positive=True/False, model=...)` per result;
- `verdict(belief)` for what to say: confident in X, confident none of these, or undecided.

`TestModel.from_record(...)` or `estimate_reliability(...).model` give a test model that
carries its uncertainty; `contacts_for(atlas, candidates)` the atlas's challengeable regions
that cover the belief's candidates.
"""

from repattern.engine.candidates import Candidate, ClientHistory, Reason, rank_candidates
from repattern.engine.errors import (
    EngineError,
    InvalidCandidate,
    InvalidCost,
    InvalidRecord,
    InvalidResult,
    InvalidStopping,
    InvalidTestModel,
    InvalidWeight,
    UnknownCandidate,
    UnknownPolicy,
    UnknownRegion,
)
from repattern.engine.inference import NONE_OF_THESE, NONE_SHARE, Posterior, TestModel
from repattern.engine.none_of_these import learned_none_share
from repattern.engine.policies import (
    DEFAULT_POLICY,
    DEFAULT_THRESHOLD,
    POLICIES,
    Suggestion,
    next_test,
)
from repattern.engine.regions import contacts_for
from repattern.engine.reliability import (
    ConfirmedCounts,
    Reliability,
    RetestPair,
    estimate_reliability,
)
from repattern.engine.verdict import Verdict, verdict

__all__ = [
    "DEFAULT_POLICY",
    "DEFAULT_THRESHOLD",
    "NONE_OF_THESE",
    "NONE_SHARE",
    "POLICIES",
    "Candidate",
    "ClientHistory",
    "ConfirmedCounts",
    "EngineError",
    "InvalidCandidate",
    "InvalidCost",
    "InvalidRecord",
    "InvalidResult",
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
    "UnknownRegion",
    "Verdict",
    "contacts_for",
    "estimate_reliability",
    "learned_none_share",
    "next_test",
    "rank_candidates",
    "verdict",
]
