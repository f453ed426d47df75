"""Writing the practitioner's discharge note, with its audit row."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from repattern.audit.models import AuditAction
from repattern.audit.services import audit_record
from repattern.clients.models import TEXT_MAX
from repattern.evidence.models import DischargeNote
from repattern.treatment.models import CarePlan


@transaction.atomic
def discharge_note_write(*, plan: CarePlan, user: User, note: str) -> DischargeNote:
    note = note.strip()
    if not note:
        raise ValidationError("Write the note first.")
    if len(note) > TEXT_MAX:
        raise ValidationError(f"Keep the note under {TEXT_MAX:,} characters.")
    if plan.is_open:
        raise ValidationError("Close the care plan before writing its discharge note.")
    kept, _ = DischargeNote.objects.update_or_create(
        care_plan=plan, defaults={"note": note, "written_by": user, "written_at": timezone.now()}
    )
    audit_record(
        clinic=plan.client.clinic,
        user=user,
        action=AuditAction.DISCHARGE_NOTE,
        record=plan,
        summary=plan.complaint,
    )
    return kept
