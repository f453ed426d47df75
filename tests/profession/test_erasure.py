"""A case study is held about its client: their export includes it and their erasure ends it."""

from __future__ import annotations

from typing import Any

from repattern.clients import services as clients
from repattern.profession import services
from repattern.profession.models import CaseConsent, CaseStudy, CaseStudyVersion


def test_erasing_the_client_erases_their_case_studies_and_consent(
    consented: Any, alice: Any, olivia: Any, maria: Any
):
    services.case_study_draft(care_plan=consented, user=alice)
    clients.client_erase(client=maria, user=olivia, reason="She asked in writing.")
    assert not CaseStudy.objects.exists()
    assert not CaseStudyVersion.objects.exists() and not CaseConsent.objects.exists()
