"""The discharge summary of a closed care plan, and the clinic evidence dashboard: who sees
what, what it says it cannot show, and the audit rows of each read."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from repattern.accounts.models import Role
from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients.models import Intake
from repattern.evidence.dashboard import ALL, evidence
from repattern.outcomes.change import plan_outcome
from repattern.treatment.services import careplan_close, careplan_create
from tests.characters import make_user, signed_in
from tests.outcomes.conftest import hold
from tests.test_tables_on_phones import tables_are_wrapped

CAVEAT = "There is no control group"


def closed_plan(client: Any, user: Any, pains: tuple[int, ...]) -> Any:
    plan = careplan_create(client=client, user=user, complaint="Low back pain")
    for pain in pains:
        hold(plan, user, pain=pain)
    return careplan_close(plan=plan, user=user)


@pytest.fixture
def discharged(maria: Any, alice: Any) -> Any:
    Intake.objects.update_or_create(client=maria, defaults={"conditions": ["low_back_pain"]})
    return closed_plan(maria, alice, (7, 5, 3))


def test_the_discharge_summary_waits_until_the_plan_is_closed(as_alice, maria, alice):
    plan = careplan_create(client=maria, user=alice, complaint="Neck")
    assert as_alice.get(f"/care-plans/{plan.pk}/discharge/").status_code == 302
    assert as_alice.get(f"/care-plans/{plan.pk}/discharge.pdf").status_code == 302


def test_the_discharge_summary_shows_each_measure_and_the_note(as_alice, discharged, alice):
    detail = as_alice.get(f"/care-plans/{discharged.pk}/").content.decode()
    assert f'href="/care-plans/{discharged.pk}/discharge/"' in detail
    refused = as_alice.post(f"/care-plans/{discharged.pk}/discharge/", {"note": "  "})
    assert refused.status_code == 422
    as_alice.post(f"/care-plans/{discharged.pk}/discharge/", {"note": "Back to running."})
    assert AuditEvent.objects.filter(action=AuditAction.DISCHARGE_NOTE).count() == 1
    page = as_alice.get(f"/care-plans/{discharged.pk}/discharge/").content.decode()
    series = plan_outcome(discharged).series[0]
    assert series.label in page
    assert "Back to running." in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert tables_are_wrapped(page)
    assert AuditEvent.objects.filter(
        action=AuditAction.CAREPLAN_VIEW, summary="discharge summary"
    ).exists()


def test_the_discharge_pdf_names_each_measure_with_baseline_and_discharge(as_alice, discharged):
    response = as_alice.get(f"/care-plans/{discharged.pk}/discharge.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    measured = plan_outcome(discharged).series
    assert measured
    for series in measured:
        verdict = series.verdict
        assert verdict is not None
        assert f"{series.label} {verdict.baseline:g} {verdict.latest:g}" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.CAREPLAN_VIEW, summary="PDF of the discharge summary"
    ).exists()


def test_another_clinic_cannot_read_a_discharge_summary(as_bob, discharged):
    assert as_bob.get(f"/care-plans/{discharged.pk}/discharge/").status_code == 404
    assert as_bob.get(f"/care-plans/{discharged.pk}/discharge.pdf").status_code == 404


def test_the_owner_sees_every_episode_and_a_practitioner_only_their_own(
    django_user_model, northside, discharged, alice, olivia
):
    pat = make_user(django_user_model, "pat", northside, Role.PRACTITIONER)
    other = discharged.client
    closed_plan(other, pat, (6, 6))
    whole = {(r.measure, r.condition): r.figures for r in evidence(northside.pk)}
    own = {(r.measure, r.condition): r.figures for r in evidence(northside.pk, alice.pk)}
    measure = plan_outcome(discharged).series[0].label
    assert whole[(measure, ALL)].episodes == 2
    assert whole[(measure, "Low back pain")].episodes == 2
    assert own[(measure, ALL)].episodes == 1
    assert own[(measure, ALL)].responders == 1
    assert evidence(northside.pk, pat.pk)[0].figures.non_responders == 1


def test_the_dashboard_says_what_it_cannot_show_and_is_audited(as_olivia, discharged, northside):
    page = as_olivia.get(f"/clinics/{northside.pk}/evidence/")
    text = page.content.decode()
    assert page.status_code == 200
    assert CAVEAT in text
    assert "Regression to the mean" in text
    assert "People who stop coming are missing" in text
    assert "Too few episodes for an interval" in text
    assert tables_are_wrapped(text)
    assert f'href="/clinics/{northside.pk}/evidence/"' in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EVIDENCE_VIEW, summary="whole clinic"
    ).exists()


def test_a_practitioner_sees_their_own_and_others_are_refused(
    as_alice, as_bob, sam, discharged, northside
):
    assert "your episodes" in as_alice.get(f"/clinics/{northside.pk}/evidence/").content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.EVIDENCE_VIEW, summary="own episodes"
    ).exists()
    assert as_bob.get(f"/clinics/{northside.pk}/evidence/").status_code == 404
    assert signed_in(sam).get(f"/clinics/{northside.pk}/evidence/").status_code == 403
