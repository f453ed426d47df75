"""Erasing a client: everything held about them deleted on purpose, the reason kept in the log."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from repattern.audit.models import AuditAction, AuditEvent
from repattern.audit.services import audit_record
from repattern.clients.models import Client
from repattern.treatment.models import Appointment, CarePlan, TreatmentSession

ERASED = "[erased]"
# The last digits of a phone number are the same written nationally (07700 900101) or
# internationally (+44 7700 900101); whatever comes before them is taken out with them.
PHONE_TAIL = 9
REASON_NEEDED = "Write why the client's records are erased: the reason is kept in the audit log."


def identifying(client: Client) -> re.Pattern[str]:
    """What names or reaches the client: the e-mail, the phone however it is spaced, and each
    name as a whole word, in any case."""
    parts = [re.escape(client.email)] if client.email else []
    tail = re.sub(r"\D", "", client.phone)[-PHONE_TAIL:]
    if tail:
        separated = r"[\s().\-]*"
        parts.append(rf"(?<![\d+(])[+(]*(?:\d{separated})*?{separated.join(tail)}(?!\d)")
    names = {n.strip() for n in (client.first_name, client.last_name, client.preferred_name)}
    parts += [rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names - {""}, key=len, reverse=True)]
    # The e-mail comes first, so a name inside it does not leave the rest of the address behind.
    return re.compile("|".join(parts), re.IGNORECASE)


@transaction.atomic
def client_erase(*, client: Client, user: User, reason: str) -> int:
    """Delete the client and everything held about them. The audit trail stays under the
    client's number, which this returns, with their name, phone and e-mail taken out of it."""
    if not reason.strip():
        raise ValidationError(REASON_NEEDED)
    client = Client.objects.select_for_update().select_related("clinic").get(pk=client.pk)
    number = client.pk
    audit_record(
        clinic=client.clinic,
        user=user,
        action=AuditAction.CLIENT_ERASE,
        record=client,
        summary=reason.strip(),
    )
    # Sessions and care plans guard a client against a delete by mistake; this one is meant.
    Appointment.objects.filter(client=client).delete()
    TreatmentSession.objects.filter(client=client).delete()
    CarePlan.objects.filter(client=client).delete()
    try:
        client.delete()
    except ProtectedError as error:
        kinds = sorted({str(row._meta.verbose_name_plural) for row in error.protected_objects})
        raise ValidationError(
            f"The client's {', '.join(kinds)} could not be erased with them: nothing was deleted. "
            "Report this to whoever runs Repattern for the clinic."
        ) from error
    identity = identifying(client)
    for event in AuditEvent.objects.filter(client_number=number).exclude(summary=""):
        scrubbed = identity.sub(ERASED, event.summary)
        if scrubbed != event.summary:
            AuditEvent.objects.filter(pk=event.pk).update(summary=scrubbed)
    return number
