"""Alice keeps what a session came to: the summary and the signed SOAP note print without the
navigation and download as PDFs, amendments in them with their dates; each download is audited
like the page, and another clinic gets nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from repattern.audit.models import AuditAction, AuditEvent
from repattern.treatment import services
from repattern.treatment.models import NoteAmendment, SessionNote
from tests.treatment.conftest import confirm, correct

CSS = Path(__file__).resolve().parents[2] / "src" / "repattern" / "static" / "css" / "app.css"


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


@pytest.fixture
def finished(session, alice):
    correct(session, alice, confirm(session, alice, "psoas_major:left", "quadratus_lumborum:left"))
    services.session_finish(
        session=session, user=alice, pain_after=[], after_effects=[], after_effects_note=""
    )
    return session


@pytest.fixture
def signed(finished, alice) -> SessionNote:
    note = SessionNote.objects.get(session=finished)
    words = services.NoteText("Low back ache.", "Psoas weak.", "Psoas over QL.", "Home program.")
    note = services.note_sign(note=note, user=alice, text=words)
    services.note_amend(note=note, user=alice, text="Client phoned: the ache eased.")
    return note


def test_the_summary_pdf_holds_the_summary_and_the_pattern(as_alice, finished):
    answer = as_alice.get(f"/sessions/{finished.pk}/summary.pdf")
    assert answer["Content-Type"] == "application/pdf"
    assert "attachment" in answer["Content-Disposition"]
    text = pdf_text(answer.content)
    assert "Session with Maria Lopez" in text
    assert "Patterns found" in text and "Psoas major, left inhibited" in text


def test_the_note_pdf_holds_its_four_sections_and_the_dated_amendment(as_alice, signed):
    answer = as_alice.get(f"/sessions/{signed.session_id}/note.pdf")
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    for section in ("Subjective", "Objective", "Assessment", "Plan"):
        assert section in text
    assert "Psoas over QL." in text and "Signed by alice" in text
    assert "Maria Lopez, born 1981-03-14" in text
    amendment = NoteAmendment.objects.get(note=signed)
    written = f"{amendment.written_at:%Y-%m-%d}"
    assert re.search(rf"{written} \d\d:\d\d, alice: Client phoned: the ache eased\.", text)


def test_a_draft_note_has_no_pdf_and_says_why(as_alice, finished):
    answer = as_alice.get(f"/sessions/{finished.pk}/note.pdf", follow=True)
    assert answer.status_code == 200
    assert "The note has no PDF until it is signed." in answer.content.decode()


def test_each_download_is_audited_like_the_page(as_alice, signed, maria):
    as_alice.get(f"/sessions/{signed.session_id}/summary.pdf")
    as_alice.get(f"/sessions/{signed.session_id}/note.pdf")
    reads = AuditEvent.objects.filter(action=AuditAction.SESSION_VIEW, client_id=maria.pk)
    assert set(reads.values_list("summary", flat=True)) >= {
        "PDF of the session summary",
        "PDF of the signed note",
    }


def test_another_clinic_gets_no_pdf(as_bob, signed):
    for name in ("summary.pdf", "note.pdf"):
        assert as_bob.get(f"/sessions/{signed.session_id}/{name}").status_code == 404


def test_an_assistant_gets_no_pdf(signed, sam):
    from tests.characters import signed_in

    for name in ("summary.pdf", "note.pdf"):
        assert signed_in(sam).get(f"/sessions/{signed.session_id}/{name}").status_code == 403


def test_the_page_links_each_pdf_and_leaves_the_links_out_of_print(as_alice, signed):
    page = as_alice.get(f"/sessions/{signed.session_id}/summary/").content.decode()
    assert f'<p class="no-print"><a href="/sessions/{signed.session_id}/summary.pdf"' in page
    assert f'<p class="no-print"><a href="/sessions/{signed.session_id}/note.pdf"' in page


def test_print_leaves_out_the_navigation_and_the_buttons():
    css = CSS.read_text()
    printed = css[css.index("@media print") :]
    hidden = printed[: printed.index("}")]
    assert ".bar" in hidden and ".no-print" in hidden and "form" in hidden
    assert re.search(r"nav, button, a\.button \{ display: none; \}", printed)
