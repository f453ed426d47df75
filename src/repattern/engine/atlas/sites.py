"""Sites: where on a client's body a structure sits.

A site is "entry_id:side", side one of left, right, midline (`psoas_major:left`,
`diaphragm:midline`). A client-specific structure such as a scar is placed with its region:
"scar:<region>:<side>" (`scar:lower_abdomen:right`), the region from the intake vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from repattern.engine.atlas.schema import SITE_SIDES
from repattern.engine.errors import InvalidSite
from repattern.engine.vocabulary import REGIONS, ids

OPPOSITE_SIDE = {"left": "right", "right": "left", "midline": "midline"}


@dataclass(frozen=True)
class Site:
    """Where on this client's body: an atlas entry and a side (and a region, for a scar)."""

    entry_id: str
    side: str
    region: str | None = None

    def __str__(self) -> str:
        if self.region:
            return f"{self.entry_id}:{self.region}:{self.side}"
        return f"{self.entry_id}:{self.side}"


def parse_site(text: str) -> Site:
    """'psoas_major:left' or 'scar:lower_abdomen:right' -> Site; raises InvalidSite."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or not all(parts):
        raise InvalidSite(
            f"{text!r} is not a site; write 'entry_id:side' such as "
            "'psoas_major:left', or 'scar:<region>:<side>' for a scar"
        )
    side = parts[-1]
    if side not in SITE_SIDES:
        raise InvalidSite(f"{text!r} has side {side!r}; use left, right or midline")
    if len(parts) == 3 and parts[1] not in ids(REGIONS):
        raise InvalidSite(
            f"{text!r} has region {parts[1]!r}, which is not in the intake vocabulary of regions"
        )
    return Site(parts[0], side, parts[1] if len(parts) == 3 else None)
