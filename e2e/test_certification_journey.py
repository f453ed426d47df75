"""From case studies to the public directory, in a browser: Alice drafts three case studies from
Maria's care plan and submits them with an observed session; Carol, a certifier of no clinic,
reviews and grades them with the rubric; Alice becomes Level 1, appears in the directory, a
search near a city finds her, and two years later her listing has gone."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in
from repattern.profession.models import Certification
from tests.profession.conftest import carol, episode, level_one

__all__ = ["carol", "episode", "level_one"]
PHONE = {"width": 390, "height": 844}


def draft_three_case_studies(page: Page, base: str, plan_id: int) -> None:
    for n in (1, 2, 3):
        page.goto(f"{base}/care-plans/{plan_id}/")
        page.get_by_role("link", name="Write a case study").click()
        if n == 1:
            page.get_by_label("The client's typed signature").fill("Maria Lopez")
        page.get_by_role("button", name="Draft the case study").click()
        expect(page.get_by_label("Presenting complaint and history")).to_contain_text("aged 40-49")
        page.get_by_label("Reflection").fill(f"Case {n}: I would challenge the scar sooner.")
        page.get_by_role("button", name="Save a new version").click()
        expect(page.get_by_text("Saved as a new version.")).to_be_visible()


def submit_level_one(page: Page, base: str) -> None:
    page.goto(f"{base}/profession/")
    page.get_by_role("link", name="Level 1").click()
    for box in page.get_by_role("checkbox").all():
        box.check()
    page.get_by_label("Certifier").select_option(label="Carol")
    page.get_by_label("Date of the observed session").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_label("In person or remote").select_option("remote")
    page.get_by_role("button", name="Submit to the certifier").click()
    expect(page.get_by_text("Submitted to the certifier.")).to_be_visible()


def list_in_directory(page: Page, base: str) -> None:
    page.goto(f"{base}/profession/listing/")
    page.get_by_label("List me in the public directory").check()
    page.get_by_label("Name shown").fill("Alice Moreau")
    page.get_by_label("City").fill("Bristol")
    page.get_by_label("Country").fill("GB")
    page.get_by_label("Low back pain").check()
    page.get_by_role("button", name="Save the listing").click()
    expect(page.get_by_text("Your listing is saved.")).to_be_visible()


def grade_with_the_rubric(page: Page, base: str) -> None:
    page.goto(f"{base}/certifier/")
    page.get_by_role("link", name="alice, level 1").click()
    for n in range(3):
        case_study = page.locator("article.panel").nth(n)
        case_study.get_by_label("Review of").select_option("accepted")
        case_study.get_by_role("button", name="Save the review").click()
        expect(page.get_by_text("Review saved.")).to_be_visible()
        expect(page.locator("article.panel > p", has_text="Accepted")).to_have_count(n + 1)
    for criterion in ("Safety and consent", "History and goal", "Muscle testing"):
        page.get_by_label(re.compile(rf"^{criterion}:?$")).select_option("4")
    for criterion in ("Challenges and reasoning", "Correction and retest", "Homework"):
        page.get_by_label(re.compile(rf"^{criterion}:?$")).select_option("3")
    page.get_by_label(re.compile("^Communication:?$")).select_option("3")
    page.get_by_label("Comment on safety and consent").fill("Checked the screen first.")
    page.get_by_role("button", name="Save the grade").click()
    expect(page.get_by_text("Passed: 24 of 28 (86%).")).to_be_visible()


def test_from_case_studies_to_the_public_directory(
    browser: Browser, live_server, episode, level_one, alice, carol, axe_script
):
    base = live_server.url
    alices = browser.new_context().new_page()
    sign_in(alices, base, "alice")
    draft_three_case_studies(alices, base, episode.pk)
    submit_level_one(alices, base)
    list_in_directory(alices, base)

    carols = browser.new_context().new_page()
    sign_in(carols, base, "carol")
    grade_with_the_rubric(carols, base)
    assert serious_violations(carols, axe_script) == []
    assert Certification.objects.get(pk=level_one.pk).result == Certification.Result.CERTIFIED

    alices.goto(f"{base}/profession/certifications/{level_one.pk}/")
    expect(alices.get_by_role("heading", name="Level 1: Certified")).to_be_visible()
    expect(alices.get_by_text("Checked the screen first.")).to_be_visible()
    alices.goto(f"{base}/profession/")
    assert serious_violations(alices, axe_script) == []

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{base}/directory/")
    phone.get_by_label("Near the city").fill("Bath")
    phone.get_by_label("Within (km)").fill("30")
    phone.get_by_role("button", name="Search").click()
    expect(phone.get_by_text("1 practitioner found.")).to_be_visible()
    assert serious_violations(phone, axe_script) == [] and no_horizontal_scroll(phone)
    phone.get_by_role("link", name="Alice Moreau").click()
    expect(phone.get_by_role("heading", name="Alice Moreau")).to_be_visible()
    expect(phone.get_by_text("Low back pain")).to_be_visible()
    assert serious_violations(phone, axe_script) == [] and no_horizontal_scroll(phone)
    listing_url = phone.url

    with time_machine.travel(timezone.now() + timedelta(days=2 * 366), tick=True):
        phone.goto(f"{base}/directory/?near=Bath&within_km=30")
        expect(phone.get_by_text("0 practitioners found.")).to_be_visible()
        response = phone.goto(listing_url)
        assert response is not None and response.status == 404
