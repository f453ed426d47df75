"""Who joined, changed role or left a clinic is in its audit log; a demoted member's calendar
address stops working."""

from __future__ import annotations

from repattern.accounts import services
from repattern.audit.models import AuditEvent
from repattern.treatment.services import feed_create, feed_find


def test_adding_changing_and_removing_a_member_write_audit_rows(as_olivia, northside, olivia):
    as_olivia.post(
        f"/clinics/{northside.pk}/members/",
        {"username": "nina", "email": "nina@example.com", "role": "practitioner"},
    )
    nina = northside.memberships.get(user__username="nina")
    as_olivia.post(f"/clinics/{northside.pk}/members/{nina.pk}/role/", {"role": "student"})
    as_olivia.post(f"/clinics/{northside.pk}/members/{nina.pk}/remove/")
    actions = list(
        AuditEvent.objects.filter(clinic=northside, actor="olivia")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["member_add", "member_set_role", "member_remove"]


def test_a_member_who_no_longer_treats_loses_the_calendar_feed(alice, olivia):
    membership = alice.memberships.get()
    _, token = feed_create(membership=membership)
    assert feed_find(token) is not None
    services.member_set_role(membership=membership, role="assistant", by=olivia)
    assert feed_find(token) is None
