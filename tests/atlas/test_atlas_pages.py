"""Alice browses the atlas; Olivia, the owner, adds her clinic's own chart."""

from __future__ import annotations

import html

from django.core.files.uploadedfile import SimpleUploadedFile

from repattern.atlas.models import ClinicRelation
from repattern.atlas.services import clinic_atlas


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_searching_psoas_finds_psoas_major_first(as_alice, northside):
    response = as_alice.get(f"/clinics/{northside.pk}/atlas/?q=psoas")
    text = page_text(response)
    assert response.status_code == 200
    assert text.index("Psoas major") < text.index("Iliacus") if "Iliacus" in text else True
    assert "Psoas major" in text


def test_search_filters_by_region_joint_action_and_root(as_alice, northside):
    url = f"/clinics/{northside.pk}/atlas/"
    by_root = page_text(as_alice.get(url, {"root": "L4", "joint": "knee", "action": "extension"}))
    assert "Vastus lateralis" in by_root and "Biceps brachii" not in by_root
    by_region = page_text(as_alice.get(url, {"region": "jaw"}))
    assert "Masseter" in by_region and "Soleus" not in by_region


def test_an_unknown_root_gets_a_message_not_an_error_page(as_alice, northside):
    response = as_alice.get(f"/clinics/{northside.pk}/atlas/", {"root": "Q9"})
    assert response.status_code == 200
    assert "root" in page_text(response).lower()


def test_htmx_search_returns_only_the_results(as_alice, northside):
    response = as_alice.get(f"/clinics/{northside.pk}/atlas/?q=scm", HTTP_HX_REQUEST="true")
    text = page_text(response)
    assert "Sternocleidomastoid" in text and "<html" not in text


def test_the_psoas_page_shows_test_release_activation_and_relations_with_badges(
    as_alice, northside
):
    text = page_text(as_alice.get(f"/clinics/{northside.pk}/atlas/psoas_major/"))
    for heading in [
        "Manual test",
        "Release and activation",
        "Synergists (same action)",
        "May take over when this tests weak",
        "Sources",
    ]:
        assert heading in text
    synergists = text[text.index("Synergists (same action)") :]
    assert "Iliacus" in synergists and "anatomical" in synergists
    takes_over = text[text.index("May take over when this tests weak") : text.index("Synergists")]
    assert "Quadratus lumborum" in takes_over and "reported" in takes_over


def test_a_structure_page_shows_how_it_is_challenged(as_alice, northside):
    text = page_text(as_alice.get(f"/clinics/{northside.pk}/atlas/jaw_tmj/"))
    assert "Challenge" in text and "Release" in text


def test_an_unknown_entry_is_not_found(as_alice, northside):
    assert as_alice.get(f"/clinics/{northside.pk}/atlas/not_a_muscle/").status_code == 404


CHART = (
    b"inhibited,facilitated,kind,note,source\n"
    b"psoas_major,piriformis,reported,Seen after long drives,Case review 2025\n"
)


def upload(browser, clinic, content: bytes, name: str = "ours.csv"):
    return browser.post(
        f"/clinics/{clinic.pk}/atlas/charts/",
        {"chart": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_a_clinic_chart_joins_the_atlas_for_that_clinic_only(
    as_olivia, as_bob, northside, southside
):
    assert upload(as_olivia, northside, CHART).status_code == 302
    text = page_text(as_olivia.get(f"/clinics/{northside.pk}/atlas/psoas_major/"))
    takes_over = text[text.index("May take over when this tests weak") :]
    assert (
        "Piriformis" in takes_over and "clinic" in takes_over and "Case review 2025" in takes_over
    )
    assert not any(r.evidence == "clinic" for r in clinic_atlas(southside.pk).relations)
    bob_view = page_text(as_bob.get(f"/clinics/{southside.pk}/atlas/psoas_major/"))
    assert "Case review 2025" not in bob_view


def test_a_chart_with_errors_is_rejected_whole_with_every_error_by_line_and_field(
    as_olivia, northside
):
    bad = (
        b"inhibited,facilitated,kind,note\n"
        b"psoas_major,quadratus_lumborum,reported,fine\n"
        b"psoaz,iliacus,reported,typo\n"
        b"psoas_major,iliacus,friend,bad kind\n"
    )
    response = upload(as_olivia, northside, bad)
    text = page_text(response)
    assert response.status_code == 422
    assert "Line 3, inhibited" in text and "Line 4, kind" in text
    assert not ClinicRelation.objects.exists()


def test_a_chart_that_is_not_text_gets_a_clear_message(as_olivia, northside):
    response = upload(as_olivia, northside, b"\xff\xfe\x00\x00binary", "chart.csv")
    assert "not UTF-8 text" in page_text(response)


def test_only_the_owner_manages_charts(as_alice, northside):
    assert as_alice.get(f"/clinics/{northside.pk}/atlas/charts/").status_code == 403


def test_removing_a_chart_takes_its_relations_out(as_olivia, northside):
    upload(as_olivia, northside, CHART)
    chart = northside.charts.get()
    as_olivia.post(f"/clinics/{northside.pk}/atlas/charts/{chart.pk}/delete/")
    assert not ClinicRelation.objects.exists()


def test_a_job_such_as_hip_flexors_finds_every_muscle_that_does_it(as_alice, northside):
    text = page_text(as_alice.get(f"/clinics/{northside.pk}/atlas/?q=hip+flexors"))
    for name in ["Psoas major", "Iliacus", "Rectus femoris", "Sartorius"]:
        assert name in text
    assert "Soleus" not in text


def test_the_whole_atlas_is_listed_without_a_search(as_alice, northside):
    text = page_text(as_alice.get(f"/clinics/{northside.pk}/atlas/"))
    assert "172 found." in text


def test_a_chart_with_nul_characters_is_refused_and_nothing_is_stored(as_olivia, northside):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from repattern.atlas.models import ClinicChart

    chart = SimpleUploadedFile(
        "ours.csv", b"inhibited,facilitated,kind\npsoas_major,iliacus\x00,reported\n"
    )
    response = as_olivia.post(f"/clinics/{northside.pk}/atlas/charts/", {"chart": chart})
    assert response.status_code == 200
    assert "NUL characters" in response.content.decode()
    assert not ClinicChart.objects.exists()


def test_typing_a_nerve_root_in_the_name_box_lists_the_muscles_it_supplies(as_alice, northside):
    text = page_text(as_alice.get(f"/clinics/{northside.pk}/atlas/", {"q": "C5"}))
    assert "Deltoid" in text and "Biceps brachii" in text and "Soleus" not in text
