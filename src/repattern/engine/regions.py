"""Region challenges: which of a belief's candidates one contact covers.

The atlas lists challengeable regions (`regions.yaml`): per side, the entries under a contact
and the intake regions whose scars and old injuries it covers too. `contacts_for` turns them
into what `next_test(regions=...)` takes for one search: a contact's name ("right lower
abdomen") and the candidates under it, in the belief's order.
"""

from __future__ import annotations

from collections.abc import Iterable

from repattern.engine.atlas import Atlas, ChallengeRegion, Site, parse_site
from repattern.engine.errors import InvalidSite


def contact_name(region: ChallengeRegion, side: str) -> str:
    """How a practitioner names a contact: "right lower abdomen"; a midline one as it is."""
    name = region.name[0].lower() + region.name[1:]
    return name if side == "midline" else f"{side} {name}"


def covers(region: ChallengeRegion, side: str, site: Site) -> bool:
    """Whether a contact on `side` of `region` covers this site.

    A side's contact covers its entries on that side and at the midline (a hand beside the
    navel touches a midline scar); a midline contact covers both sides.
    """
    if site.region is not None:
        found = site.region in region.places
    else:
        found = site.entry_id in region.covers
    return found and (side == "midline" or site.side in (side, "midline"))


def contacts_for(
    atlas: Atlas, candidates: Iterable[str], smallest: int = 2
) -> dict[str, tuple[str, ...]]:
    """The atlas's contacts that cover at least `smallest` of these candidates.

    Keys are contact names, values the candidates under each in the given order, ready for
    `next_test(regions=...)`. Candidates that are not sites (`InvalidSite`) are covered by no
    contact; a contact covering exactly the same candidates as an earlier one is left out.
    """
    sites: list[tuple[str, Site]] = []
    for candidate in candidates:
        try:
            sites.append((candidate, parse_site(candidate)))
        except InvalidSite:
            continue
    found: dict[str, tuple[str, ...]] = {}
    seen: set[tuple[str, ...]] = set()
    for region in atlas.regions.values():
        for side in region.sides:
            members = tuple(c for c, site in sites if covers(region, side, site))
            if len(members) >= smallest and members not in seen:
                seen.add(members)
                found[contact_name(region, side)] = members
    return found
