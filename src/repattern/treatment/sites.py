"""Sites in words: 'psoas_major:left' -> 'Psoas major, left'."""

from __future__ import annotations

from repattern.engine.atlas import Atlas, parse_site
from repattern.engine.errors import EngineError
from repattern.engine.vocabulary import REGIONS, label

# Only a structure that is not a muscle can lack an activation; say so rather than invent one.
NO_ACTIVATION = (
    "The atlas gives no activation for this structure; choose one with the client "
    "(for example a gentle hold in its test position)."
)


def site_name(atlas: Atlas, site: str) -> str:
    try:
        parsed = parse_site(site)
        entry = atlas.get(parsed.entry_id)
    except EngineError:
        return site
    where = f"{label(REGIONS, parsed.region).lower()}, " if parsed.region else ""
    return f"{entry.name}, {where}{parsed.side}"


def entry_of(atlas: Atlas, site: str):
    return atlas.get(parse_site(site).entry_id)
