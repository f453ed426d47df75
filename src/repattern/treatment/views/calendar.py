"""Calendar feeds: a member's secret subscription address for their own appointments."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from repattern.accounts.access import membership_for
from repattern.treatment import services
from repattern.treatment.calendar import calendar
from repattern.treatment.models import Appointment


@login_required
def calendar_feed(request: HttpRequest, clinic_id: int) -> HttpResponse:
    """Make or revoke this member's subscription address for their appointments."""
    me = membership_for(request.user, clinic_id, "treat")
    new_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(membership=me)
            messages.success(request, "The calendar address no longer works.")
        else:
            _, token = services.feed_create(membership=me)
            new_url = request.build_absolute_uri(reverse("calendar_feed_ics", args=[token]))
    active = me.feeds.filter(revoked_at__isnull=True).first()
    return TemplateResponse(
        request,
        "treatment/calendar_feed.html",
        {"clinic": me.clinic, "me": me, "active": active, "new_url": new_url},
    )


def calendar_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """What a calendar app fetches: no login, the secret address is the key."""
    feed = services.feed_find(token)
    if feed is None:
        raise Http404("This calendar address has been revoked or never existed.")
    services.feed_read(feed=feed)
    membership = feed.membership
    # A month back (so a cancellation reaches the calendar) to a year ahead.
    now = timezone.now()
    appointments = Appointment.objects.filter(
        practitioner_id=membership.user_id,
        client__clinic_id=membership.clinic_id,
        starts_at__gte=now - timedelta(days=31),
        starts_at__lte=now + timedelta(days=366),
    ).select_related("client")
    return HttpResponse(
        calendar(appointments, f"Repattern: {membership.clinic.name}"),
        content_type="text/calendar; charset=utf-8",
    )
