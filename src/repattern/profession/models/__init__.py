from repattern.profession.models.casestudies import (
    SECTIONS,
    CaseConsent,
    CaseStudy,
    CaseStudyVersion,
    Review,
)
from repattern.profession.models.certification import (
    Certification,
    Certifier,
    EducationEntry,
    ObservedSession,
)
from repattern.profession.models.directory import DirectoryListing

__all__ = [
    "SECTIONS",
    "CaseConsent",
    "CaseStudy",
    "CaseStudyVersion",
    "Certification",
    "Certifier",
    "DirectoryListing",
    "EducationEntry",
    "ObservedSession",
    "Review",
]
