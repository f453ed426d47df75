"""Region challenges on the session screen: the contacts the atlas offers for a search, in
words, and the check that a region challenge sent by a page names a real contact.

A region is challenged with one contact over several candidates ("the right lower abdomen":
the client's scar, the rectus abdominis, the external oblique). The engine may suggest one
(`next_test(regions=contacts_for(...))`); the practitioner can always challenge a single
structure instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from repattern.engine import Posterior, contacts_for
from repattern.engine.atlas import Atlas, ChallengeRegion, parse_site
from repattern.engine.errors import EngineError
from repattern.engine.regions import contact_name, covers
from repattern.engine.vocabulary import REGIONS, label

# The contacts offered beside the suggestion, most likely members first.
REGIONS_SHOWN = 4


class BadRegion(ValueError):
    """A region challenge that names no contact of the atlas, or structures outside it."""


@dataclass(frozen=True)
class RegionView:
    """A contact as the screen offers it: its name, its members and what they hold together."""

    name: str
    members: tuple[str, ...]
    member_names: tuple[str, ...]
    probability: float

    @property
    def words(self) -> str:
        """ "the right lower abdomen (scar, rectus abdominis, external oblique)"."""
        return f"the {self.name} ({', '.join(self.member_names)})"

    @property
    def members_value(self) -> str:
        """The members as the page sends them back: sites joined by commas."""
        return ",".join(self.members)


def _lower(name: str) -> str:
    # "Gluteus maximus, lower fibers" inside a list reads "gluteus maximus lower fibers".
    name = name.replace(", ", " ")
    return name[0].lower() + name[1:]


def member_name(atlas: Atlas, site: str) -> str:
    """A member as said under its contact: the structure, without the side the contact says."""
    try:
        return _lower(atlas.get(parse_site(site).entry_id).name)
    except EngineError:
        return site


def prose_name(atlas: Atlas, site: str) -> str:
    """A site inside a sentence: "right quadratus lumborum", "right lower abdomen scar",
    "pelvic floor" (the midline goes without saying)."""
    try:
        parsed = parse_site(site)
        name = _lower(atlas.get(parsed.entry_id).name)
    except EngineError:
        return site
    where = f"{label(REGIONS, parsed.region).lower()} " if parsed.region else ""
    side = "" if parsed.side == "midline" else f"{parsed.side} "
    return f"{side}{where}{name}"


def region_view(atlas: Atlas, belief: Posterior, name: str, members: tuple[str, ...]) -> RegionView:
    held = float(sum(belief.probability(m) for m in members if m in belief.candidates))
    return RegionView(name, members, tuple(member_name(atlas, m) for m in members), held)


def offered_regions(atlas: Atlas, belief: Posterior) -> dict[str, tuple[str, ...]]:
    """The contacts covering two or more of this belief's candidates, for `next_test`."""
    return contacts_for(atlas, belief.candidates)


def shown_regions(
    atlas: Atlas, belief: Posterior, regions: dict[str, tuple[str, ...]]
) -> list[RegionView]:
    views = [region_view(atlas, belief, name, members) for name, members in regions.items()]
    return sorted(views, key=lambda v: -v.probability)[:REGIONS_SHOWN]


def _contacts(atlas: Atlas) -> dict[str, tuple[ChallengeRegion, str]]:
    return {
        contact_name(region, side): (region, side)
        for region in atlas.regions.values()
        for side in region.sides
    }


def check_region(atlas: Atlas, name: str, members: tuple[str, ...]) -> None:
    """Raise BadRegion, saying why, unless `name` is a contact that covers every member."""
    found = _contacts(atlas).get(name)
    if found is None:
        raise BadRegion(
            f"{name!r} is not a region of the atlas: challenge a region the screen offers, or "
            "a single structure."
        )
    region, side = found
    for member in members:
        try:
            site = atlas.site(member)
        except EngineError as problem:
            raise BadRegion(f"A structure of the region is not in the atlas: {problem}") from None
        if not covers(region, side, site):
            raise BadRegion(
                f"The {name} does not cover {member}: challenge it on its own, or choose a "
                "region that covers it."
            )
