"""Outcomes in a browser: Maria fills in her activities (PSFS) on her phone and sees her
chart; Alice sees the score and the chart on Maria's page. Tom has had four sessions without
an important change: Alice is asked to review his plan, on Today and on the session screen,
and her decision is kept."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Browser, expect

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in
from repattern.clients import services as clients
from repattern.outcomes.models import Response, Review
from repattern.portal.services import portal_link_create
from repattern.treatment import services as treatment
from tests.characters import NO_FLAGS

PHONE = {"width": 390, "height": 844}


def test_maria_fills_her_activities_on_her_phone_and_alice_sees_the_score_and_chart(
    browser: Browser, live_server, maria, alice, axe_script
):
    treatment.careplan_create(client=maria, user=alice, complaint="Low back pain")
    _, token = portal_link_create(client=maria, user=alice)

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{live_server.url}/portal/start/{token}/")
    expect(phone.get_by_role("heading", name="Before your next visit")).to_be_visible()
    phone.get_by_role("link", name="Activities that matter to you").click()
    assert serious_violations(phone, axe_script) == [] and no_horizontal_scroll(phone)
    for n, (activity, score) in enumerate(
        (("Climbing stairs", "3"), ("Running", "4"), ("Lifting my son", "5")), start=1
    ):
        phone.get_by_label(f"Activity {n}: something you find hard").fill(activity)
        phone.get_by_label(f"How well can you do activity {n} today?").fill(score)
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", name="Your progress")).to_be_visible()
    chart = phone.get_by_role("img", name="Activities: 4 on")
    expect(chart).to_be_visible()
    assert serious_violations(phone, axe_script) == [] and no_horizontal_scroll(phone)
    response = Response.objects.get(instrument="psfs")
    assert (response.score, response.entered_by) == (4, "client")

    tablet = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(tablet, live_server.url, "alice")
    tablet.goto(f"{live_server.url}/clients/{maria.pk}/")
    panel = tablet.locator("section", has=tablet.get_by_role("heading", name="Outcomes"))
    expect(panel).to_contain_text("Activities: baseline 4, latest 4")
    expect(panel.get_by_role("img", name="Activities: 4 on")).to_be_visible()
    assert serious_violations(tablet, axe_script) == []


def test_no_important_change_by_session_4_prompts_a_review_and_the_decision_is_kept(
    browser: Browser, live_server, northside, alice, axe_script
):
    tom = clients.client_create(
        clinic=northside,
        user=alice,
        details=clients.ClientDetails(
            first_name="Tom", last_name="Okafor", date_of_birth=date(1990, 6, 2)
        ),
    )
    clients.screen_record(client=tom, user=alice, answers=NO_FLAGS)
    clients.consent_record(client=tom, user=alice, signed_name="Tom Okafor")
    plan = treatment.careplan_create(client=tom, user=alice, complaint="Neck pain")
    for pain in (6, 6, 5):
        neck = [("neck_back", "left", pain)]
        session = treatment.session_start(
            client=tom, practitioner=alice, pain_before=neck, care_plan=plan
        )
        treatment.session_end(session=session, user=alice)
    fourth = treatment.session_start(
        client=tom, practitioner=alice, pain_before=[("neck_back", "left", 6)], care_plan=plan
    )

    tablet = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(tablet, live_server.url, "alice")
    tablet.goto(f"{live_server.url}/clinics/{northside.pk}/today/")
    prompts = tablet.locator("#review-prompts")
    expect(prompts).to_contain_text("Tom Okafor: no important change after 4 sessions")
    expect(prompts).to_contain_text("exercise therapy first")

    tablet.goto(f"{live_server.url}/sessions/{fourth.pk}/")
    prompt = tablet.locator("#review-prompt")
    expect(prompt).to_contain_text("No important change after 4 sessions.")
    prompt.get_by_role("link", name="Review the plan").click()
    expect(tablet.get_by_role("heading", name="Review the plan: Neck pain")).to_be_visible()
    assert serious_violations(tablet, axe_script) == []
    tablet.get_by_label("Refer to exercise therapy").check()
    reason = tablet.get_by_role("textbox", name="Reason")
    reason.fill("Graded neck exercise with a physiotherapist.")
    tablet.get_by_role("button", name="Record the decision").click()
    expect(tablet.get_by_text("Your decision is recorded.")).to_be_visible()

    review = Review.objects.get(care_plan=plan)
    assert (review.decision, review.sessions_held, review.decided_by) == (
        "refer_exercise",
        4,
        alice,
    )
    tablet.goto(f"{live_server.url}/clinics/{northside.pk}/today/")
    expect(tablet.locator("#review-prompts")).to_have_count(0)
