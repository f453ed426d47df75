"""The Test reliability page and the minimal detectable change: figures from the clinic's own
records only, the owner's view of everyone, and plain words when there is too little data."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.urls import reverse

from repattern.audit.models import AuditAction, AuditEvent
from repattern.readings.figures import (
    between_pairs,
    force_figure,
    minimal_detectable_change,
    retests,
)
from repattern.readings.models import ForceReading
from repattern.treatment.models import SessionEvent, TreatmentSession
from tests.characters import signed_in

TRIALS = [(200, 204), (150, 149), (180, 186), (220, 218), (170, 171), (240, 236), (130, 133)]
TRIALS += [(160, 161), (210, 214), (190, 188), (175, 180), (205, 201)]


def readings_on_subjects(client, practitioner, pairs=TRIALS):
    """Each pair on its own session, so each pair is one subject."""
    for first, second in pairs:
        session = TreatmentSession.objects.create(client=client, practitioner=practitioner)
        for trial, newtons in ((1, first), (2, second)):
            ForceReading.objects.create(
                session=session,
                muscle="gluteus_medius",
                side="left",
                newtons=Decimal(newtons),
                trial=trial,
                practitioner=practitioner,
            )


def blinded_pairs(client, practitioner, results):
    session = TreatmentSession.objects.create(client=client, practitioner=practitioner)
    for index, (first, second) in enumerate(results):
        for result in (first, second):
            SessionEvent.objects.create(
                event_id=uuid.uuid4(),
                session=session,
                kind="challenge",
                site="psoas_major:left",
                candidate=f"structure_{index}",
                challenge="touch",
                result=result,
                blinded=True,
                recorded_by=practitioner,
            )


def test_with_no_records_the_page_says_there_is_too_little_data(as_alice, northside):
    page = as_alice.get(reverse("reliability", args=[northside.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Too little data: 0 pairs; at least 10 are needed." in text
    assert "You see your own figures" in text
    assert AuditEvent.objects.filter(action=AuditAction.RELIABILITY_VIEW).count() == 1


def test_blinded_retests_give_agreement_kappa_and_pabak(as_alice, northside, maria, alice):
    results = [("holds", "holds")] * 8 + [("weak", "weak")] * 3 + [("holds", "weak")]
    blinded_pairs(maria, alice, results)
    found = retests(northside.pk)
    assert len(found) == 12 and {r.muscle for r in found} == {"psoas_major"}
    text = as_alice.get(reverse("reliability", args=[northside.pk])).content.decode()
    assert "92% (" in text  # 11 of 12 agree
    assert "12 blinded retest pairs of yours; 0 force readings in 0 sessions." in text
    assert "Psoas major" in text


def test_force_readings_give_icc_sem_mdc_and_a_bland_altman_plot(as_alice, northside, maria, alice):
    readings_on_subjects(maria, alice)
    text = as_alice.get(reverse("reliability", args=[northside.pk])).content.decode()
    assert "95% CI" in text and "MDC95" in text
    assert 'src="data:image/svg+xml;base64,' in text
    assert "24 force readings in 12 sessions" in text


def test_the_mdc_needs_enough_pairs_and_then_is_in_newtons(northside, maria, alice):
    assert minimal_detectable_change(northside) is None
    readings_on_subjects(maria, alice, TRIALS[:5])
    assert minimal_detectable_change(northside) is None
    readings_on_subjects(maria, alice, TRIALS[5:])
    mdc = minimal_detectable_change(northside, muscle="gluteus_medius", side="left")
    assert mdc is not None and 5 < mdc < 20
    assert minimal_detectable_change(northside, muscle="psoas_major") is None


def test_another_clinics_readings_never_enter_the_figures(northside, southside, maria, bob):
    from repattern.clients.models import Client

    theirs = Client.objects.create(
        clinic=southside, first_name="Tom", last_name="Reed", date_of_birth="1970-01-01"
    )
    readings_on_subjects(theirs, bob)
    assert minimal_detectable_change(northside) is None
    assert minimal_detectable_change(southside) is not None


def test_another_clinic_cannot_open_the_report(as_bob, northside):
    assert as_bob.get(reverse("reliability", args=[northside.pk])).status_code == 404


def test_an_assistant_who_does_not_treat_cannot_open_the_report(sam, northside):
    assert signed_in(sam).get(reverse("reliability", args=[northside.pk])).status_code == 403


def test_the_owner_sees_every_practitioner_and_a_practitioner_only_themselves(
    as_olivia, as_alice, northside, maria, alice, olivia
):
    readings_on_subjects(maria, olivia)
    owner = as_olivia.get(reverse("reliability", args=[northside.pk])).content.decode()
    assert "All practitioners" in owner and ">alice<" in owner and ">olivia<" in owner
    own = as_alice.get(reverse("reliability", args=[northside.pk])).content.decode()
    assert "All practitioners" not in own and ">olivia<" not in own


def test_two_practitioners_on_the_same_muscle_give_the_between_practitioner_icc(
    northside, maria, alice, olivia
):
    for first, second in TRIALS:
        session = TreatmentSession.objects.create(client=maria, practitioner=alice)
        session.team.add(olivia)
        for who, newtons in ((alice, first), (olivia, second + 5)):
            ForceReading.objects.create(
                session=session,
                muscle="gluteus_medius",
                side="left",
                newtons=Decimal(newtons),
                practitioner=who,
            )
    pairs = between_pairs(northside.pk, olivia.pk)
    assert len(pairs) == len(TRIALS) and {p.practitioner_id for p in pairs} == {olivia.pk}
    figure = force_figure(pairs, "2,1")
    assert figure.raters == 2 and figure.result is not None
    # Olivia reads 5 N higher: the bias shows, and absolute agreement falls below consistency.
    assert figure.result.limits.bias.estimate < 0
    assert 0.8 < figure.result.icc.estimate < 1.0


def test_the_report_and_the_readings_tables_scroll_in_their_own_box_on_a_phone(
    as_alice, northside, maria, alice, session
):
    from tests.test_tables_on_phones import tables_are_wrapped

    readings_on_subjects(maria, alice, TRIALS[:1])
    assert tables_are_wrapped(
        as_alice.get(reverse("reliability", args=[northside.pk])).content.decode()
    )
    ForceReading.objects.create(
        session=session, muscle="psoas_major", side="left", newtons=100, practitioner=alice
    )
    screen = as_alice.get(reverse("session_detail", args=[session.pk])).content.decode()
    panel = screen[screen.index('id="readings"') :]
    assert tables_are_wrapped(panel[: panel.index("</section>")])
