"""Every profession page opens for whom it is meant, and bad input gets a sentence, not a 500."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from repattern.profession.models import CaseStudy
from tests.characters import signed_in


def test_the_practitioners_pages_open(as_alice: Any, level_one: Any, episode: Any):
    for url in [
        reverse("tracker"),
        reverse("certification_detail", args=[level_one.pk]),
        reverse("listing_edit"),
        reverse("case_study_new", args=[episode.pk]),
        reverse("careplan_detail", args=[episode.pk]),
    ]:
        assert as_alice.get(url).status_code == 200, url


def test_the_today_page_shows_the_next_certification_deadline(as_alice: Any, level_one: Any):
    page = as_alice.get(
        reverse("day_view", args=[level_one.practitioner.memberships.get().clinic_id])
    )
    assert "Certify by" in page.content.decode()


def test_a_course_is_recorded_from_the_tracker(as_alice: Any, alice: Any):
    response = as_alice.post(
        reverse("tracker"),
        {
            "course": "1",
            "level": "1",
            "course_date": "2026-01-10",
            "course_place": "Leeds",
            "course_instructor": "B. Teacher",
        },
    )
    assert response.status_code == 302 and alice.certifications.get().course_place == "Leeds"


def test_consent_then_a_draft_from_the_care_plan_page(as_alice: Any, episode: Any):
    response = as_alice.post(
        reverse("case_study_new", args=[episode.pk]), {"signed_name": "Maria Lopez"}
    )
    case_study = CaseStudy.objects.get()
    assert response.url == reverse("case_study_detail", args=[case_study.pk])
    page = as_alice.get(response.url).content.decode()
    assert "Presenting complaint" in page and "aged 40-49" in page and "Lopez" not in page


def test_a_certifier_has_a_home_without_a_clinic(carol: Any):
    as_carol = signed_in(carol)
    assert as_carol.get(reverse("certifier_home")).status_code == 200
    assert "submitted to you" in as_carol.get(reverse("home")).content.decode()


def test_the_directory_opens_without_signing_in(client: Any, db: None):
    page = client.get(reverse("directory"))
    assert page.status_code == 200 and "0 practitioners found" in page.content.decode()


def test_bad_search_input_is_a_sentence(client: Any, db: None):
    for query in ["?near=Nowhereville", "?level=9", "?within_km=-3&near=Bristol", "?condition=x"]:
        response = client.get(reverse("directory") + query)
        assert response.status_code == 200, query
    assert "No city called" in client.get(reverse("directory") + "?near=Qqqq").content.decode()


def test_a_bad_course_is_a_sentence(as_alice: Any):
    response = as_alice.post(reverse("tracker"), {"course": "1", "level": "2"})
    assert response.status_code == 200
