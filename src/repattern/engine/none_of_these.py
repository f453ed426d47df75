""" "None of these": the compensator is not among the candidates the engine listed.

Every belief keeps this residual hypothesis beside the candidates (DOMAIN.md section 3). Its
prior share is NONE_SHARE until the clinic's own record says how often its practitioners had
to add a compensator the engine had not listed; `learned_none_share` turns that record into a
share for `Posterior.from_prior(..., none_of_these=share)`.
"""

from __future__ import annotations

from repattern.engine.levels import check_counts

NONE_OF_THESE = "none_of_these"

NONE_SHARE = 0.05

# The default share counts as this many corrected patterns, so a clinic's first few patterns
# move it only a little and a long record takes over.
SHARE_PRIOR_PATTERNS = 20


def learned_none_share(on_list: int, added: int) -> float:
    """The prior share of "none of these" from a clinic's corrected patterns.

    `on_list`: patterns whose compensator was among the engine's candidates; `added`: patterns
    whose compensator the practitioner had to add. The posterior mean of a Beta prior centred
    on NONE_SHARE worth SHARE_PRIOR_PATTERNS patterns; raises InvalidRecord for counts that
    are not whole numbers, 0 or more.
    """
    check_counts(on_list, added)
    prior_added = NONE_SHARE * SHARE_PRIOR_PATTERNS
    return (added + prior_added) / (on_list + added + SHARE_PRIOR_PATTERNS)
