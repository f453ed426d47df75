"""Alice types a dynamometer reading on the session screen and sees it listed without leaving
the screen; the owner reads the Test reliability page with its Bland-Altman plot."""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect

from e2e.conftest import no_horizontal_scroll, serious_violations, sign_in
from repattern.readings.models import ForceReading
from repattern.treatment.models import TreatmentSession


def test_a_typed_reading_appears_in_the_session_screen_list(
    page: Page, live_server, alice, session, axe_script
):
    page.set_default_timeout(90_000)  # a machine shared with other builds can be slow
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    panel = page.locator("#readings")
    panel.get_by_label("Muscle measured").fill("gluteus medius")
    panel.get_by_label("Side").select_option("left")
    panel.get_by_label("Peak force (N)").fill("182.5")
    panel.get_by_role("button", name="Save reading").click()
    expect(page.locator("#readings")).to_contain_text("Saved Gluteus medius (left) trial 1")
    expect(page.locator("#readings table")).to_contain_text("182.5 N")
    # The session screen itself stayed: no reload, the test panel is still there.
    expect(page.get_by_role("heading", name="Test a muscle")).to_be_visible()
    assert ForceReading.objects.filter(session=session).count() == 1
    assert serious_violations(page, axe_script) == []


def test_the_owner_reads_the_report_with_its_plot_on_a_phone(
    page: Page, live_server, olivia, alice, maria, axe_script
):
    for first, second in [(200 + i, 203 + i * 1.1) for i in range(12)]:
        visit = TreatmentSession.objects.create(client=maria, practitioner=alice)
        for trial, newtons in ((1, first), (2, second)):
            ForceReading.objects.create(
                session=visit,
                muscle="gluteus_medius",
                side="left",
                newtons=Decimal(str(round(newtons, 1))),
                trial=trial,
                practitioner=alice,
            )
    page.set_default_timeout(90_000)  # a machine shared with other builds can be slow
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, "olivia")
    page.get_by_role("link", name="Test reliability").click()
    expect(page.get_by_role("heading", name="Test reliability")).to_be_visible()
    plot = page.get_by_role("img", name="Bland-Altman plot")
    expect(plot).to_be_visible()
    assert plot.evaluate("img => img.naturalWidth") > 0
    assert no_horizontal_scroll(page)
    assert serious_violations(page, axe_script) == []
