"""Every write to a client record: one transaction, validated by the model, with its audit row."""

from repattern.clients.services.erasure import client_erase
from repattern.clients.services.export import ClientExport, client_export
from repattern.clients.services.history import (
    IntakeAnswers,
    history_remove,
    injury_add,
    intake_of,
    intake_update,
    pain_area_add,
    scar_add,
)
from repattern.clients.services.links import (
    intake_link_create,
    intake_link_find,
    intake_link_revoke,
    intake_link_submit,
    link_actor,
)
from repattern.clients.services.records import (
    ClientDetails,
    client_archive,
    client_create,
    client_restore,
    client_update,
    client_viewed,
)
from repattern.clients.services.screening import (
    clearance_record,
    consent_record,
    override_record,
    screen_record,
)

__all__ = [
    "ClientDetails",
    "ClientExport",
    "IntakeAnswers",
    "clearance_record",
    "client_archive",
    "client_create",
    "client_erase",
    "client_export",
    "client_restore",
    "client_update",
    "client_viewed",
    "consent_record",
    "history_remove",
    "injury_add",
    "intake_link_create",
    "intake_link_find",
    "intake_link_revoke",
    "intake_link_submit",
    "intake_of",
    "intake_update",
    "link_actor",
    "override_record",
    "pain_area_add",
    "scar_add",
    "screen_record",
]
