"""The practitioner reads, changes, prints, downloads and sends the home program; another
clinic gets nothing of it."""

from __future__ import annotations

import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core import mail
from pypdf import PdfReader

from repattern.audit.models import AuditEvent
from repattern.portal.models import PortalLink


def form_data(program, **changes):
    exercise = program.current().exercises.get()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(exercise.pk),
        "form-0-title": exercise.title,
        "form-0-release": exercise.release,
        "form-0-activation": exercise.activation,
        "form-0-side": exercise.side,
        "form-0-hold_seconds": "30",
        "form-0-sets": "1",
        "form-0-repetitions": "5",
        "form-0-times_per_day": "1",
        "form-0-note": "",
        "note_for_client": "",
    }
    return {**data, **changes}


def test_the_program_page_shows_each_exercise_with_its_dose_and_where(as_alice, program):
    page = as_alice.get(f"/programs/{program.pk}/")
    assert b"Release Quadratus lumborum, left, then activate Psoas major, left" in page.content
    assert b"Hold 30 s, 1 set of 5, once a day" in page.content
    assert b"<svg" in page.content, "a body map shows where"
    assert AuditEvent.objects.filter(action="program_view", record_id=str(program.pk)).exists()


def test_saving_a_change_makes_version_2_and_keeps_version_1(as_alice, program):
    answer = as_alice.post(
        f"/programs/{program.pk}/", form_data(program, **{"form-0-sets": "3"}), follow=True
    )
    assert b"Saved as a new version" in answer.content
    assert program.current().number == 2 and program.current().exercises.get().sets == 3
    assert as_alice.get(f"/programs/{program.pk}/versions/1/").status_code == 200


def test_a_wrong_dose_is_refused_with_what_to_fix_and_nothing_saved(as_alice, program):
    answer = as_alice.post(
        f"/programs/{program.pk}/", form_data(program, **{"form-0-hold_seconds": "9999"})
    )
    assert answer.status_code == 422 and b"Hold for 5 minutes at most." in answer.content
    assert program.versions.count() == 1


def test_the_print_page_leaves_the_navigation_out_of_the_printout(as_alice, program):
    page = as_alice.get(f"/programs/{program.pk}/print/")
    assert b"Release" in page.content and b'class="bar"' in page.content
    css = finders.find("css/app.css")
    print_rules = Path(css).read_text().split("@media print {")[1].split("}")[0]
    assert ".bar" in print_rules and "display: none" in print_rules


def test_the_pdf_names_the_release_and_the_activation(as_alice, program):
    answer = as_alice.get(f"/programs/{program.pk}/program.pdf")
    assert answer["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages)
    text = " ".join(text.split())
    assert "Release Quadratus lumborum, left" in text
    assert "then activate Psoas major, left" in text and "Maria" in text


def test_sending_emails_a_portal_link(as_alice, program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = as_alice.post(f"/programs/{program.pk}/send/", follow=True)
    assert b"Sent to maria@example.com" in answer.content
    (email,) = mail.outbox
    assert "home program" in email.body and "/portal/start/" in email.body
    assert PortalLink.objects.filter(client=program.client).count() == 1


def test_another_clinic_gets_nothing_of_the_program(as_bob, program):
    for path in ("", "print/", "program.pdf", "versions/1/"):
        assert as_bob.get(f"/programs/{program.pk}/{path}").status_code == 404
    assert as_bob.post(f"/programs/{program.pk}/send/").status_code == 404
    assert mail.outbox == []
