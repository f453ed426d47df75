"""The demo clinic has a client who responds and one whose plan waits for a review."""

from __future__ import annotations

from repattern import demo
from repattern.accounts.models import Clinic
from repattern.outcomes.change import plan_outcome, plans_to_review
from repattern.treatment.models import CarePlan


def test_the_demo_has_a_responder_and_a_plan_to_review(db):
    demo.demo_load()
    clinic = Clinic.objects.get(name=demo.CLINIC_NAME)
    alice = clinic.memberships.get(user__username="alice").user
    outcomes = [plan_outcome(p) for p in CarePlan.objects.filter(client__clinic=clinic)]
    responders = [o for o in outcomes if o.responder]
    assert [o.plan.complaint for o in responders] == ["Low back pain when running"]
    assert {s.instrument.id for s in responders[0].improved} == {"nprs", "psfs", "groc"}
    waiting = plans_to_review(clinic.pk, alice.pk)
    assert [(o.plan.complaint, o.sessions_held) for o in waiting] == [("Low back stiffness", 4)]
