"""The engine: anatomy, candidates, inference and outcomes, in pure Python and NumPy.

It never imports Django, so it is tested fast, benchmarked alone and usable from a notebook.

The search for a compensator, as the session screen drives it:

- `Posterior.from_prior(weights, none_of_these=learned_none_share(on_list, added))`: the
  clinic's own share of compensators the practitioner had to add;
- `next_test(belief, model, threshold=..., budget=..., regions=contacts_for(atlas,
  belief.candidates), region_model=...)`: the next challenge (`Suggestion.candidates`,
  `.region`, `.candidate`, `.reason`), or None to stop;
- `belief.observe(site, positive=True/False, model=model)` for a single challenge, and
  `belief.observe(tuple_of_members, positive=..., model=region_model)` for a region;
- `verdict(belief, threshold)`: what to say, confident in X, confident none of these, or
  undecided with the leaders (`Verdict.kind`, `.name`, `.leaders`, `.words`).

Test models carry their uncertainty when they come from a record: `TestModel.from_record(...)`
with a practitioner's counts of single challenges, or of region challenges for `region_model`,
and `estimate_reliability(...).model` (confirmed outcomes and blinded retests).
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
