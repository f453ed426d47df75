"""Every write to the profession's records goes through these functions, each in one
transaction with its audit row."""

from repattern.profession.services.casestudies import (
    case_consent_record,
    case_study_draft,
    case_study_review,
    case_study_revise,
    case_study_viewed,
    identification_problems,
)
from repattern.profession.services.certification import (
    certification_grade,
    certification_start,
    certification_submit,
    education_log,
    level_held,
)
from repattern.profession.services.directory import listing_raise, listing_renew, listing_update

__all__ = [
    "case_consent_record",
    "case_study_draft",
    "case_study_review",
    "case_study_revise",
    "case_study_viewed",
    "certification_grade",
    "certification_start",
    "certification_submit",
    "education_log",
    "identification_problems",
    "level_held",
    "listing_raise",
    "listing_renew",
    "listing_update",
]
