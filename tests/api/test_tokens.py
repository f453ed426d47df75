"""A token is shown once, kept as a hash, scoped to one clinic, revocable, and rate-limited."""

from __future__ import annotations

from repattern.api.models import ApiToken
from repattern.audit.models import AuditAction, AuditEvent
from tests.api.conftest import Api, token_for


def test_a_token_is_kept_only_as_its_hash(alice, northside):
    secret = token_for(alice, northside)
    token = ApiToken.objects.get()
    assert secret.startswith("rp_")
    assert secret not in {token.token_hash, token.prefix}
    assert secret.startswith(token.prefix)


def test_a_call_without_a_token_is_told_how_to_get_one(db):
    response = Api("rp_nonsense").get("/clients")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "no_token"
    assert "account page" in body["message"]


def test_a_revoked_token_no_longer_works(alice, northside, maria):
    from repattern.api.services import api_token_revoke

    api = Api(token_for(alice, northside))
    assert api.get("/clients").status_code == 200
    api_token_revoke(token=ApiToken.objects.get(), user=alice)
    assert api.get("/clients").status_code == 401


def test_a_token_notes_when_it_was_last_used(alice_api, maria):
    assert ApiToken.objects.get().last_used_at is None
    alice_api.get("/clients")
    assert ApiToken.objects.get().last_used_at is not None


def test_every_call_is_audited_with_the_member_and_the_token(alice_api, maria):
    alice_api.get(f"/clients/{maria.pk}")
    row = AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEW).latest("id")
    assert row.client_id == maria.pk
    assert row.actor.startswith("alice (API token rp_")
    assert row.summary.startswith("API")


def test_past_the_limit_a_token_gets_a_429_that_says_how_long_to_wait(alice_api, maria, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    statuses = [alice_api.get("/clients").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = alice_api.get("/clients")
    assert response.json()["code"] == "429"
    assert "wait" in response.json()["message"]
    assert int(response["Retry-After"]) >= 1


def test_a_member_makes_a_token_on_the_tokens_page_and_sees_it_once(as_alice, alice):
    page = as_alice.post(
        "/account/api-tokens/",
        {"name": "tablet", "membership": alice.memberships.get().pk, "scope": "read"},
    )
    token = ApiToken.objects.get()
    assert page.status_code == 200
    assert "shown only this once" in page.content.decode()
    again = as_alice.get("/account/api-tokens/").content.decode()
    assert token.prefix in again
    assert "shown only this once" not in again


def test_the_owner_revokes_a_members_token_but_a_member_cannot_revoke_anothers(
    as_olivia, alice, olivia, sam, northside
):
    from tests.characters import signed_in

    token_for(alice, northside)
    token = ApiToken.objects.get()
    refused = signed_in(sam).post(f"/account/api-tokens/{token.pk}/revoke/")
    assert refused.status_code == 404
    as_olivia.post(f"/account/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKE).exists()


def test_bad_query_values_get_one_error_shape_naming_the_field(alice_api):
    response = alice_api.get("/clients", limit=0, since="not-a-date")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert {p["where"] for p in body["problems"]} >= {"query.limit", "query.since"}


def test_the_demo_prints_a_working_api_token_for_its_owner(db):
    import re
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("demo", no_serve=True, stdout=out)
    token = re.search(r"API token for olivia \(read and write\): (rp_\S+)", out.getvalue())
    assert token is not None
    listed = Api(token.group(1)).get("/clients")
    assert listed.status_code == 200
    assert listed.json()["count"] > 0


def test_a_method_a_route_lacks_gets_the_same_error_shape(alice_api):
    response = alice_api.post("/clients", {})
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]
