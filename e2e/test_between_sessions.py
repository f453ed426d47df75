"""Between sessions, in a browser: Maria opens her portal link on her phone and marks her home
exercises done; Alice's Today page shows it. And Alice's day: from Today to an appointment, a
short session, the home program sent and its PDF downloaded."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in
from e2e.test_session_screen import test_weak
from repattern.portal.services import portal_link_create
from repattern.programs.models import AdherenceEntry, HomeProgram, ProgramVersion
from repattern.treatment import services as treatment
from repattern.treatment.models import TreatmentSession
from tests.treatment.conftest import confirm, correct

PHONE = {"width": 390, "height": 844}


def this_hour():
    return timezone.localtime().replace(minute=0, second=0, microsecond=0)


def session_three_days_ago_with_two_corrections(maria, alice):
    session = treatment.session_start(client=maria, practitioner=alice, pain_before=[])
    for weak, strong in (
        ("psoas_major:left", "quadratus_lumborum:left"),
        ("gluteus_medius:right", "tensor_fasciae_latae:right"),
    ):
        correct(session, alice, confirm(session, alice, weak, strong))
    treatment.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    back = timezone.now() - timedelta(days=3)
    TreatmentSession.objects.filter(pk=session.pk).update(started_at=back, ended_at=back)
    HomeProgram.objects.filter(client=maria).update(created_at=back)
    ProgramVersion.objects.filter(program__client=maria).update(created_at=back)


def test_maria_marks_two_exercises_done_on_her_phone_and_alice_sees_it_today(
    browser: Browser, live_server, maria, alice, axe_script
):
    session_three_days_ago_with_two_corrections(maria, alice)
    treatment.appointment_book(client=maria, practitioner=alice, starts_at=this_hour(), by=alice)
    _, token = portal_link_create(client=maria, user=alice)

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{live_server.url}/portal/start/{token}/")
    expect(phone.get_by_role("heading", name="Hello Maria")).to_be_visible()
    expect(phone.get_by_role("heading", name="Today's exercises")).to_be_visible()
    assert serious_violations(phone, axe_script) == [] and no_horizontal_scroll(phone)
    cards = phone.locator("article.portal-exercise")
    expect(cards).to_have_count(2)
    for card, pain in ((cards.nth(0), "3"), (cards.nth(1), "5")):
        card.get_by_label("Pain while doing it (optional)").select_option(pain)
        card.get_by_role("button", name="Done").click()
        expect(card).to_contain_text(f"Done today, pain {pain} of 10")
    assert serious_violations(phone, axe_script) == []
    for path in ("visits/", "notes/", "reminders/", "my-data/"):
        phone.goto(f"{live_server.url}/portal/{path}")
        assert serious_violations(phone, axe_script) == [] and no_horizontal_scroll(phone), path
    assert sorted(AdherenceEntry.objects.values_list("pain", flat=True)) == [3, 5]

    tablet = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(tablet, live_server.url, "alice")
    tablet.goto(f"{live_server.url}/clinics/{maria.clinic_id}/today/")
    visit = tablet.locator("article.visit", has_text="Maria Lopez")
    expect(visit.locator(".adherence")).to_contain_text("2 of 8 exercise-days done (25%)")
    assert serious_violations(tablet, axe_script) == []


def test_alice_runs_an_appointment_and_sends_the_home_program_with_its_pdf(
    page: Page, live_server, maria, alice, axe_script
):
    booked = treatment.appointment_book(
        client=maria, practitioner=alice, starts_at=this_hour(), by=alice
    )
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/clinics/{maria.clinic_id}/today/")
    assert serious_violations(page, axe_script) == []
    page.locator("article.visit", has_text="Maria Lopez").get_by_role("link", name="Booked").click()
    expect(page).to_have_url(f"{live_server.url}/appointments/{booked.pk}/")
    assert serious_violations(page, axe_script) == []
    page.get_by_role("link", name="Start session").click()
    for box in page.locator("fieldset.pain input").all():
        box.fill("6")
    page.get_by_role("button", name="Start session").click()

    test_weak(page)
    ql = page.locator('tr[data-candidate="quadratus_lumborum:left"]')
    ql.get_by_role("button", name="the weak muscle held").click()
    ql.get_by_role("button", name="Confirm").click()
    window = page.locator("section.window")
    window.get_by_role("button", name="Released").click()
    window.get_by_role("button", name="Activated").click()
    window.get_by_role("button", name="Retest holds").click()
    expect(page.locator(".settled")).to_contain_text("corrected")
    page.get_by_role("link", name="End session").click()
    page.get_by_label("Right lower back").fill("2")
    page.get_by_role("button", name="End session and draft the home program and note").click()

    page.get_by_role("link", name="Open the home program").click()
    expect(page.get_by_role("heading", name="Home program")).to_be_visible()
    assert serious_violations(page, axe_script) == []
    page.get_by_role("button", name="Send to Maria").click()
    expect(page.get_by_role("status")).to_contain_text("Sent to maria@example.com")
    assert "/portal/start/" in mail.outbox[-1].body

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    text = " ".join(
        part.extract_text()
        for part in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    text = " ".join(text.split())
    assert "Release Quadratus lumborum, left" in text and "then activate Psoas major, left" in text
