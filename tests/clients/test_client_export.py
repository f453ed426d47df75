"""Everything held about Maria, downloaded as one ZIP by the clinic's owner or a practitioner:
every kind of record as JSON, signed notes as text, a README that says what each file holds."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from repattern.accounts.models import Role
from repattern.audit.models import AuditAction, AuditEvent
from repattern.clients import export as export_format
from repattern.clients import services
from repattern.clients.export import records_json
from repattern.clients.held import CLIENT, RECORDS, TRAIL, Held
from repattern.clients.models import IntakeLink
from tests.characters import make_user, signed_in
from tests.clients.conftest import AMENDMENT

PINNED_KEYS = Path(__file__).with_name(f"export_keys_v{export_format.VERSION}.json")


def download(browser: Any, client_id: int) -> Any:
    return browser.post(f"/clients/{client_id}/export/")


def unzipped(response: Any) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.fixture
def export(as_alice, maria_everything) -> dict[str, str]:
    return unzipped(download(as_alice, maria_everything.pk))


def test_the_zip_holds_every_record_of_every_kind_held_about_the_client(maria_everything, export):
    held = Held(maria_everything)
    for spec in records_json.FILES:
        records = json.loads(export[spec.name])
        found = [records] if spec.one else records
        assert [r["id"] for r in found] == list(
            held.rows(spec.kind).values_list("pk", flat=True)
        ), spec.name
    assert {spec.kind for spec in records_json.FILES} == {CLIENT, *RECORDS, TRAIL}


def test_the_details_are_the_clients_own(export):
    client = json.loads(export["client.json"])
    assert (client["first_name"], client["last_name"]) == ("Maria", "Lopez")
    assert (client["date_of_birth"], client["email"]) == ("1981-03-14", "maria@example.com")
    events = json.loads(export["session_events.json"])
    assert [e["kind"] for e in events][:3] == ["test", "challenge", "confirm"]
    assert events[0]["recorded_by"] == "alice" and events[0]["result_label"] == "Weak"


def test_intake_links_are_listed_without_their_token_or_its_hash(export):
    links = json.loads(export["intake_links.json"])
    assert len(links) == 1 and not [key for key in links[0] if "token" in key]
    token_hash = IntakeLink.objects.get().token_hash
    assert not [name for name, text in export.items() if token_hash in text]


def test_each_signed_note_is_a_text_file_with_its_amendments_and_their_dates(export):
    (name,) = [name for name in export if name.startswith("notes/")]
    text = export[name]
    assert "Signed by alice on" in text and "Assessment\n----------" in text
    assert "Amendments\n----------" in text and AMENDMENT in text


def test_the_readme_names_every_file_and_every_key(export):
    readme = export["README.txt"]
    assert "These are clinical records." in readme
    for name, text in export.items():
        assert (name.split("/")[0] + "/" if "/" in name else name) in readme
        if name.endswith(".json") and name != "export.json":
            records = json.loads(text)
            for record in [records] if isinstance(records, dict) else records:
                assert [key for key in record if f"  {key}: " not in readme] == [], name


def test_no_key_of_this_format_version_is_renamed_or_removed():
    pinned = json.loads(PINNED_KEYS.read_text())
    now = {spec.name: [key for key, _ in records_json.keys(spec)] for spec in records_json.FILES}
    gone = {name: sorted(set(keys) - set(now.get(name, []))) for name, keys in pinned.items()}
    assert {name: keys for name, keys in gone.items() if keys} == {}, (
        "Keys were renamed or removed: keep them, or raise the export's VERSION and say so in "
        "README.txt."
    )


def test_the_manifest_says_what_the_zip_is(maria_everything, export):
    manifest = json.loads(export["export.json"])
    assert (manifest["format"], manifest["version"]) == ("repattern-client-export", 2)
    assert manifest["client_number"] == maria_everything.pk and manifest["made_by"] == "alice"
    assert manifest["records"]["sessions.json"] == 1


def test_nothing_about_another_client_is_in_it(as_alice, northside, alice, maria_everything):
    services.client_create(
        clinic=northside,
        user=alice,
        details=services.ClientDetails("James", "Carter", date(1975, 7, 2)),
    )
    export = unzipped(download(as_alice, maria_everything.pk))
    assert not [name for name, text in export.items() if "Carter" in text]


def test_the_download_is_audited_and_never_cached(as_alice, alice, maria):
    response = download(as_alice, maria.pk)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="repattern-client-')
    row = AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORT).get()
    assert (row.user, row.client) == (alice, maria)
    trail = json.loads(unzipped(response)["audit.json"])
    assert trail[-1]["action"] == "client_export", "the export shows its own row"


def test_the_page_says_what_the_download_holds(as_olivia, maria):
    response = as_olivia.get(f"/clients/{maria.pk}/export/")
    text = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "session_events.json" in text and "Download everything held about this client" in text
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORT).exists()


def test_the_owner_and_the_practitioners_can_download(as_olivia, as_alice, maria):
    for browser in (as_olivia, as_alice):
        assert b"Download everything held" in browser.get(f"/clients/{maria.pk}/").content
        assert download(browser, maria.pk).status_code == 200


@pytest.mark.parametrize("role", [Role.ASSISTANT, Role.STUDENT])
def test_assistants_and_students_cannot(django_user_model, northside, maria, role):
    browser = signed_in(make_user(django_user_model, "pat", northside, role))
    assert b"Download everything held" not in browser.get(f"/clients/{maria.pk}/").content
    assert browser.get(f"/clients/{maria.pk}/export/").status_code == 403
    assert download(browser, maria.pk).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_EXPORT).exists()


def test_another_clinics_owner_gets_not_found(as_bob, maria):
    for response in (as_bob.get(f"/clients/{maria.pk}/export/"), download(as_bob, maria.pk)):
        assert response.status_code == 404 and b"Lopez" not in response.content


@pytest.mark.parametrize("client_id", ["999999", "99999999999999999999999999"])
def test_a_client_that_does_not_exist_is_not_found(as_alice, maria, client_id):
    assert as_alice.get(f"/clients/{client_id}/export/").status_code == 404
    assert download(as_alice, client_id).status_code == 404
