"""Readings typed on the session screen or imported from a file: checked, previewed, audited,
and only within the clinic that holds the session."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repattern.audit.models import AuditAction, AuditEvent
from repattern.readings.models import ForceReading
from tests.characters import signed_in

GOOD = b"muscle,side,peak_force_n,trial\ngluteus medius,left,182.5,1\nglute med,left,176,2\n"


def upload(browser, session, data: bytes, practitioner):
    return browser.post(
        reverse("readings_import", args=[session.pk]),
        {"file": SimpleUploadedFile("hd.csv", data), "practitioner": practitioner.pk},
    )


def test_a_good_file_is_previewed_and_nothing_is_saved_until_confirmed(as_alice, session, alice):
    page = upload(as_alice, session, GOOD, alice)
    assert page.status_code == 200
    assert b"Check before importing" in page.content and b"Gluteus medius" in page.content
    assert not ForceReading.objects.exists()
    confirm = page.context["confirm"]
    done = as_alice.post(
        reverse("readings_import", args=[session.pk]),
        {
            "text": confirm["text"].value(),
            "filename": "hd.csv",
            "practitioner": alice.pk,
        },
    )
    assert done.status_code == 302 and done["Location"].endswith("#readings")
    stored = list(ForceReading.objects.order_by("trial"))
    assert [(r.muscle, r.side, str(r.newtons), r.trial) for r in stored] == [
        ("gluteus_medius", "left", "182.5", 1),
        ("gluteus_medius", "left", "176.0", 2),
    ]
    assert {r.entered for r in stored} == {"imported"}
    audit = AuditEvent.objects.get(action=AuditAction.READINGS_IMPORT)
    assert audit.client_id == session.client_id and "2 readings" in audit.summary


def test_a_bad_file_is_refused_whole_with_every_problem_listed(as_alice, session, alice):
    bad = b"muscle,side,peak_force_n\npsoas,left,100\nbicepz,left,abc\n"
    page = upload(as_alice, session, bad, alice)
    assert page.status_code == 400
    text = page.content.decode()
    assert "Nothing was imported" in text
    assert "Line 3, muscle:" in text and "Line 3, newtons:" in text
    assert not ForceReading.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.READINGS_IMPORT).exists()


def test_a_file_that_is_not_a_csv_text_is_refused_with_a_message(as_alice, session, alice):
    page = upload(as_alice, session, b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", alice)
    assert page.status_code == 400
    assert b"is not UTF-8 text" in page.content


def test_another_clinic_cannot_import_into_or_open_the_session(as_bob, session, bob):
    assert as_bob.get(reverse("readings_import", args=[session.pk])).status_code == 404
    assert upload(as_bob, session, GOOD, bob).status_code == 404
    assert not ForceReading.objects.exists()


def test_a_colleague_who_does_not_treat_in_the_session_cannot_import(session, olivia, alice):
    page = upload(signed_in(olivia), session, GOOD, alice)
    assert page.status_code == 403
    assert b"Only alice" in page.content
    assert not ForceReading.objects.exists()


def test_a_typed_reading_is_saved_with_the_next_trial_and_an_audit_row(as_alice, session):
    url = reverse("reading_add", args=[session.pk])
    for newtons in ("150.0", "155.5"):
        as_alice.post(url, {"muscle": "psoas", "side": "right", "newtons": newtons})
    stored = list(ForceReading.objects.order_by("trial"))
    assert [(r.muscle, r.trial, r.entered) for r in stored] == [
        ("psoas_major", 1, "typed"),
        ("psoas_major", 2, "typed"),
    ]
    assert AuditEvent.objects.filter(action=AuditAction.READING_RECORD).count() == 2
    screen = as_alice.get(reverse("session_detail", args=[session.pk]))
    assert b"Force readings" in screen.content and b"155.5 N" in screen.content


def test_a_typed_reading_with_an_unknown_muscle_says_what_was_meant(as_alice, session):
    url = reverse("reading_add", args=[session.pk])
    answer = as_alice.post(
        url, {"muscle": "psoaz major", "side": "right", "newtons": "90"}, follow=True
    )
    assert b"did you mean" in answer.content
    assert not ForceReading.objects.exists()


def test_a_typed_reading_from_another_clinic_is_not_found(as_bob, session):
    url = reverse("reading_add", args=[session.pk])
    answer = as_bob.post(url, {"muscle": "psoas", "side": "right", "newtons": "90"})
    assert answer.status_code == 404
    assert not ForceReading.objects.exists()


def test_from_the_session_screen_the_panel_comes_back_with_the_reading_or_the_error(
    as_alice, session
):
    url = reverse("reading_add", args=[session.pk])
    htmx = {"HTTP_HX_REQUEST": "true"}
    saved = as_alice.post(url, {"muscle": "gmed", "side": "left", "newtons": "120"}, **htmx)
    assert saved.status_code == 200
    assert b"Saved Gluteus medius (left) trial 1: 120.0 N." in saved.content
    wrong = as_alice.post(url, {"muscle": "gmed", "side": "left", "newtons": "-4"}, **htmx)
    assert wrong.status_code == 422
    assert b"greater than or equal to 0.1" in wrong.content
    assert ForceReading.objects.count() == 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(max_size=300).map(lambda t: "muscle,side,force,trial,time\n" + t),
    practitioner=st.sampled_from(["", "x", "-1", "99999999999999999999"]),
)
def test_no_confirmed_text_makes_a_server_error(as_alice, session, alice, text, practitioner):
    answer = as_alice.post(
        reverse("readings_import", args=[session.pk]),
        {"text": text, "filename": "x.csv", "practitioner": practitioner or alice.pk},
    )
    assert answer.status_code in (302, 400)


def test_readings_show_on_the_summary_once_the_session_has_ended(as_alice, session, alice):
    from repattern.treatment.services import session_end

    as_alice.post(
        reverse("reading_add", args=[session.pk]),
        {"muscle": "psoas", "side": "left", "newtons": "99.5"},
    )
    session_end(session=session, user=alice)
    summary = as_alice.get(reverse("session_summary", args=[session.pk]))
    assert b"Force readings" in summary.content and b"99.5 N" in summary.content
    # A dynamometer's file can still be imported after the visit.
    page = upload(as_alice, session, GOOD, alice)
    assert page.status_code == 200 and b"Check before importing" in page.content
