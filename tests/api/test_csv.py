"""Clients, appointments and sessions download as CSV; clients import from a practice system's
CSV after a preview, all or nothing, every problem listed by line and column."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients.models import Client

# The layout of a common practice-management export: its own names, day-first dates.
GOOD = (
    "Patient ID,First Name,Surname,DOB,Sex,Mobile,Email Address,Referral Source\n"
    "101,Jane,Doe,14/03/1981,F,+44 7700 900123,jane@example.com,GP\n"
    "102,John,Smith,01/12/1975,M,07700 900456,,Website\n"
    '103,Ana,"García, López",30/06/1990,,,ana@example.com,"Friend, colleague"\n'
)


def upload(browser, clinic, text, name="patients.csv"):
    data = text.encode() if isinstance(text, str) else text
    return browser.post(
        f"/clinics/{clinic.pk}/csv/", {"file": SimpleUploadedFile(name, data, "text/csv")}
    )


def preview(browser, clinic, **choices):
    return browser.get(f"/clinics/{clinic.pk}/csv/import/")


def import_with(browser, clinic, mapping):
    return browser.post(f"/clinics/{clinic.pk}/csv/import/", mapping)


MAPPING = {
    "first_name": "First Name",
    "last_name": "Surname",
    "date_of_birth": "DOB",
    "gender": "Sex",
    "phone": "Mobile",
    "email": "Email Address",
    "date_format": "%d/%m/%Y",
}


def test_the_preview_guesses_the_columns_and_the_date_format(as_alice, northside):
    assert upload(as_alice, northside, GOOD).status_code == 302
    page = preview(as_alice, northside).content.decode()
    assert "3 clients in the file" in page
    assert '<option value="Surname" selected>' in page
    assert '<option value="%d/%m/%Y" selected>' in page
    assert not Client.objects.exists()


def test_a_good_file_imports_every_client_and_is_audited(as_alice, northside):
    upload(as_alice, northside, GOOD)
    response = import_with(as_alice, northside, MAPPING)
    assert response.status_code == 302
    jane = Client.objects.get(first_name="Jane")
    assert (jane.date_of_birth.isoformat(), jane.gender, jane.phone) == (
        "1981-03-14",
        "female",
        "+44 7700 900123",
    )
    assert Client.objects.get(first_name="Ana").last_name == "García, López"
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_IMPORT).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_CREATE).count() == 3


def test_a_file_with_errors_is_refused_whole_with_each_error_by_line_and_column(
    as_alice, northside, maria
):
    bad = (
        "First Name,Surname,DOB,Sex,Email Address\n"
        "Jane,Doe,1981-31-31,F,jane@example.com\n"
        ",Smith,1975-12-01,M,\n"
        "Ana,Lee,1990-06-30,Q,not-an-email\n"
        "Ana,Lee,1990-06-30,F,\n"
        "Maria,Lopez,1981-03-14,F,\n"
        "Good,Person,1970-01-01,\n"
    )
    upload(as_alice, northside, bad)
    mapping = {**MAPPING, "phone": "", "date_format": "%Y-%m-%d"}
    page = import_with(as_alice, northside, mapping).content.decode()
    assert "Nothing was imported" in page
    assert "line 2, column &#x27;DOB&#x27;: &#x27;1981-31-31&#x27; is not a date" in page
    assert "line 3, column &#x27;First Name&#x27;: is empty." in page
    assert "line 4, column &#x27;Sex&#x27;: &#x27;Q&#x27; is not a gender" in page
    assert "line 4, column &#x27;Email Address&#x27;" in page
    assert "line 5: the same client as line 4." in page
    assert "line 6: the clinic already has this client." in page
    assert "line 7: 4 cells where line 1 names 5." in page
    assert Client.objects.count() == 1  # Maria, from before


def test_a_file_missing_a_needed_column_says_which(as_alice, northside):
    upload(as_alice, northside, "Name,Phone\nJane Doe,123456\n")
    page = import_with(as_alice, northside, {"date_format": "%Y-%m-%d"}).content.decode()
    assert "Choose the column that holds the date of birth" in page
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("Name,Surname\n".encode("utf-16"), "not UTF-8"),
        ("Nom,Prénom\nÉlodie,Dupré\n".encode("latin-1"), "not UTF-8"),
        (b"", "The submitted file is empty"),
        ("First Name,Surname,DOB\n", "holds no clients"),
        ("A,A\n1,2\n", "names a column twice"),
    ],
)
def test_unreadable_files_are_refused_with_what_to_do(as_alice, northside, content, says):
    page = upload(as_alice, northside, content)
    assert page.status_code == 200
    assert says in page.content.decode()


def test_a_50_mb_file_is_refused_before_it_is_read(as_alice, northside):
    big = b"First Name,Surname,DOB\n" + b"Jane,Doe,1981-03-14\n" * (50 * 1024 * 1024 // 20)
    page = upload(as_alice, northside, big).content.decode()
    assert "The file is 50 MB; import at most 5 MB" in page
    assert not Client.objects.exists()


def test_clients_appointments_sessions_and_outcomes_download_as_csv(as_alice, northside, session):
    for what in ("clients", "appointments", "sessions", "outcomes"):
        response = as_alice.get(f"/clinics/{northside.pk}/csv/{what}.csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][0].endswith("number")
    clients = as_alice.get(f"/clinics/{northside.pk}/csv/clients.csv").content.decode()
    assert "Maria,Lopez" in clients and "+44 7700 900101" in clients
    assert AuditEvent.objects.filter(action=AuditAction.CSV_EXPORT).count() == 5


def test_outcome_measures_download_with_their_scores(as_alice, northside, maria, alice):
    from repattern.outcomes.services import response_record

    response_record(
        client=maria, instrument_id="stress", raw={"stress": "6"}, entered_by="room", user=alice
    )
    text = as_alice.get(f"/clinics/{northside.pk}/csv/outcomes.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    stress = next(r for r in rows if r["Measure"] == "stress")
    assert stress["Client"] == "Maria Lopez" and float(stress["Score"]) == 6


def test_a_cell_that_a_spreadsheet_would_run_is_written_as_text(as_alice, northside, alice):
    from datetime import date

    from repattern.clients.services import ClientDetails, client_create

    client_create(
        clinic=northside,
        user=alice,
        details=ClientDetails(
            first_name="=HYPERLINK(1)", last_name="Doe", date_of_birth=date(1980, 1, 1)
        ),
    )
    text = as_alice.get(f"/clinics/{northside.pk}/csv/clients.csv").content.decode()
    assert "'=HYPERLINK(1)" in text


def test_another_clinic_cannot_download_or_import(as_bob, northside, maria):
    assert as_bob.get(f"/clinics/{northside.pk}/csv/clients.csv").status_code == 404
    assert upload(as_bob, northside, GOOD).status_code == 404
