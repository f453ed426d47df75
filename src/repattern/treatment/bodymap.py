"""The session body map: inhibited and facilitated sites, pain areas and scars on one figure.

`render_body_map()` draws a front and a back view side by side as one accessible SVG string;
`marks_for_site()` turns an atlas site such as "psoas_major:left" into the marks to draw.

Sides are anatomical, the client's own: on the front view the client's left is on the viewer's
right (as when facing the client); on the back view it is on the viewer's left.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Literal, get_args
from xml.sax.saxutils import escape, quoteattr

from repattern.engine.atlas import Atlas
from repattern.engine.vocabulary import REGIONS, SIDES, ids

MarkKind = Literal["inhibited", "facilitated", "pain", "scar"]
View = Literal["front", "back"]
KINDS: tuple[str, ...] = get_args(MarkKind)
VIEWS: tuple[str, ...] = get_args(View)

WIDTH, HEIGHT = 480, 520
CENTRE: dict[str, float] = {"front": 120, "back": 360}

# Blue and orange stay apart under every common colour-vision deficiency; the shapes differ
# too (circle, diamond), so colour is never the only cue.
INHIBITED = "#1f5fbf"
FACILITATED = "#d9480f"
PAIN = "#c92a2a"
SCAR = "#212529"
_BODY_FILL = "#eceff2"
_BODY_LINE = "#8a94a0"
_DETAIL = "#b4bcc6"
_INK = "#1b1f24"
_MUTED = "#4a5360"


class InvalidMark(ValueError):
    """A body-map mark whose region, side, kind or intensity the map cannot draw."""


@dataclass(frozen=True)
class Spot:
    """Where a region sits on the figure, in units from the body's midline.

    `dx` is the lateral offset of its left and right points; `midline` says the region also
    has a point on the midline. A paired region without one (a hand) marks both sides for a
    midline site, which is the nearest honest reading.
    """

    views: tuple[View, ...]
    dx: float
    y: float
    midline: bool = False


FRONT: tuple[View, ...] = ("front",)
BACK: tuple[View, ...] = ("back",)
BOTH: tuple[View, ...] = ("front", "back")

REGION_SPOTS: dict[str, Spot] = {
    "head": Spot(BOTH, 13, 52, midline=True),
    "jaw": Spot(FRONT, 10, 74, midline=True),
    "eyes": Spot(FRONT, 8, 58, midline=True),
    "neck_front": Spot(FRONT, 6, 94, midline=True),
    "neck_back": Spot(BACK, 6, 94, midline=True),
    "shoulder": Spot(BOTH, 45, 120),
    "upper_arm": Spot(BOTH, 49, 160),
    "elbow": Spot(BOTH, 51, 198),
    "forearm": Spot(BOTH, 54, 232),
    "wrist": Spot(BOTH, 58, 266),
    "hand": Spot(BOTH, 60, 290),
    "chest": Spot(FRONT, 17, 132, midline=True),
    "upper_back": Spot(BACK, 17, 132, midline=True),
    "mid_back": Spot(BACK, 15, 174, midline=True),
    "lower_back": Spot(BACK, 13, 220, midline=True),
    "upper_abdomen": Spot(FRONT, 12, 182, midline=True),
    "lower_abdomen": Spot(FRONT, 13, 232, midline=True),
    "diaphragm": Spot(FRONT, 21, 162, midline=True),
    "pelvis": Spot(FRONT, 22, 252, midline=True),
    "hip": Spot(BOTH, 37, 266),
    "buttock": Spot(BACK, 20, 262),
    "groin": Spot(FRONT, 13, 272),
    "thigh_front": Spot(FRONT, 22, 308),
    "thigh_back": Spot(BACK, 22, 312),
    "thigh_inner": Spot(FRONT, 11, 300),
    "thigh_outer": Spot(BOTH, 35, 306),
    "knee": Spot(BOTH, 19, 360),
    "lower_leg_front": Spot(FRONT, 18, 396),
    "calf": Spot(BACK, 20, 392),
    "ankle": Spot(BOTH, 15, 438),
    "foot": Spot(BOTH, 16, 457),
}

_REGION_IDS = ids(REGIONS)
_SIDE_IDS = ids(SIDES)


@dataclass(frozen=True)
class BodyMark:
    """One thing to draw: a region, the client's side, what it is, and words for it."""

    region: str
    side: str
    kind: MarkKind
    label: str
    intensity: int | None = None

    def __post_init__(self) -> None:
        if self.region not in _REGION_IDS:
            raise InvalidMark(f"{self.region!r} is not a region in vocabulary.REGIONS")
        if self.side not in _SIDE_IDS:
            raise InvalidMark(f"{self.side!r} is not a side; use left, right, both or midline")
        if self.kind not in KINDS:
            raise InvalidMark(f"{self.kind!r} is not a mark kind; use {', '.join(KINDS)}")
        if self.intensity is not None and not 0 <= self.intensity <= 10:
            raise InvalidMark(f"pain intensity {self.intensity} is outside 0 to 10")


@dataclass(frozen=True)
class Point:
    view: View
    x: float
    y: float


def place(region: str, side: str) -> list[Point]:
    """Every point, in SVG units, where a mark at this region and side is drawn."""
    spot = REGION_SPOTS[region]
    if side == "midline" and spot.midline:
        offsets = [0.0]
    elif side in ("left", "right"):
        offsets = [spot.dx if side == "left" else -spot.dx]
    else:
        offsets = [spot.dx, -spot.dx]
    # offsets are positive towards the client's left; the front view faces the viewer.
    return [
        Point(view, CENTRE[view] + (o if view == "front" else -o), spot.y)
        for view in spot.views
        for o in offsets
    ]


def marks_for_site(site: str, kind: MarkKind, label: str, atlas: Atlas) -> list[BodyMark]:
    """The marks for an atlas site: one per region of its entry, or the scar's own region.

    Raises the atlas's UnknownStructure for an unknown entry and InvalidSite for a site the
    entry cannot take.
    """
    parsed = atlas.site(site)
    regions = [parsed.region] if parsed.region else atlas.get(parsed.entry_id).regions
    return [BodyMark(region, parsed.side, kind, label) for region in regions]


# --- drawing ---------------------------------------------------------------------------------

# The right half of the silhouette (viewer's right), from the neck under the chin round the
# arm and the leg to the crotch, as cubic Bézier segments in (offset from midline, y).
_START = (8.0, 80.0)
_HALF_OUTLINE: tuple[tuple[tuple[float, float], ...], ...] = (
    ((9, 100),),
    ((20, 104), (36, 104), (44, 112)),
    ((52, 117), (54, 130), (54, 142)),
    ((55, 165), (57, 185), (58, 200)),
    ((61, 225), (64, 250), (64, 270)),
    ((68, 282), (70, 300), (64, 310)),
    ((60, 316), (52, 314), (51, 305)),
    ((50, 295), (52, 285), (53, 272)),
    ((50, 250), (46, 225), (44, 200)),
    ((42, 180), (41, 160), (37, 140)),
    ((33, 146),),
    ((33, 175), (28, 200), (29, 215)),
    ((30, 232), (40, 245), (41, 262)),
    ((42, 295), (34, 330), (28, 360)),
    ((31, 385), (27, 415), (21, 440)),
    ((23, 452), (30, 458), (26, 464)),
    ((20, 468), (10, 466), (8, 460)),
    ((9, 440),),
    ((7, 415), (8, 385), (9, 360)),
    ((7, 330), (5, 300), (3, 280)),
    ((0, 278),),
)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _outline(cx: float) -> str:
    def at(p: tuple[float, float], sign: int) -> str:
        return f"{_n(cx + sign * p[0])},{_n(p[1])}"

    def seg(points: tuple[tuple[float, float], ...], sign: int) -> str:
        return ("L" if len(points) == 1 else "C") + " ".join(at(p, sign) for p in points)

    right = [f"M{at(_START, 1)}"] + [seg(s, 1) for s in _HALF_OUTLINE]
    # The left half retraces the right in mirror image: each segment runs backwards.
    starts = [_START] + [s[-1] for s in _HALF_OUTLINE[:-1]]
    left = [
        seg((*reversed(s[:-1]), start), -1)
        for s, start in zip(reversed(_HALF_OUTLINE), reversed(starts), strict=True)
    ]
    return " ".join([*right, *left, "Z"])


def _figure(view: View) -> str:
    cx = CENTRE[view]
    heading = "Front" if view == "front" else "Back"
    # Letters by the hands say which side is the client's left in this view.
    left_x, right_x = (cx + 66, cx - 66) if view == "front" else (cx - 66, cx + 66)
    if view == "front":
        details = (
            f'<path d="M{_n(cx - 24)},106 Q{_n(cx - 12)},112 {_n(cx - 3)},108 '
            f'M{_n(cx + 24)},106 Q{_n(cx + 12)},112 {_n(cx + 3)},108"/>'
            f'<circle cx="{_n(cx)}" cy="208" r="1.6"/>'
            f'<path d="M{_n(cx - 30)},252 Q{_n(cx - 16)},264 {_n(cx - 4)},276 '
            f'M{_n(cx + 30)},252 Q{_n(cx + 16)},264 {_n(cx + 4)},276"/>'
        )
    else:
        details = (
            f'<path d="M{_n(cx)},104 V240"/>'
            f'<path d="M{_n(cx - 8)},120 Q{_n(cx - 24)},122 {_n(cx - 25)},150 '
            f'M{_n(cx + 8)},120 Q{_n(cx + 24)},122 {_n(cx + 25)},150"/>'
            f'<path d="M{_n(cx - 36)},284 Q{_n(cx - 18)},290 {_n(cx - 2)},282 '
            f'M{_n(cx + 36)},284 Q{_n(cx + 18)},290 {_n(cx + 2)},282"/>'
        )
    return (
        f'<g class="figure figure-{view}">'
        f'<text x="{_n(cx)}" y="22" text-anchor="middle" font-size="17" font-weight="600" '
        f'fill="{_INK}">{heading}</text>'
        f'<path d="{_outline(cx)}" fill="{_BODY_FILL}" stroke="{_BODY_LINE}" '
        f'stroke-width="1.5" stroke-linejoin="round"/>'
        f'<ellipse cx="{_n(cx)}" cy="58" rx="19" ry="24" fill="{_BODY_FILL}" '
        f'stroke="{_BODY_LINE}" stroke-width="1.5"/>'
        f'<g fill="none" stroke="{_DETAIL}" stroke-width="1.2" stroke-linecap="round">'
        f"{details}</g>"
        f'<g font-size="14" font-weight="600" fill="{_MUTED}" text-anchor="middle">'
        f'<text x="{_n(left_x)}" y="336">L</text><text x="{_n(right_x)}" y="336">R</text>'
        f"</g></g>"
    )


def _circle(colour: str) -> str:
    return f'<circle r="6.5" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'


def _diamond(colour: str) -> str:
    return (
        f'<path d="M0,-8.5 L8.5,0 L0,8.5 L-8.5,0 Z" fill="{colour}" '
        f'stroke="#fff" stroke-width="1.5"/>'
    )


def _halo_radius(intensity: int | None) -> float:
    return 7 + 1.7 * (5 if intensity is None else intensity)


def _halo(intensity: int | None) -> str:
    return (
        f'<circle r="{_n(_halo_radius(intensity))}" fill="{PAIN}" fill-opacity="0.28" '
        f'stroke="{PAIN}" stroke-opacity="0.6" stroke-width="1"/>'
    )


def _zigzag() -> str:
    return (
        f'<polyline points="-10,0 -7,-3.5 -3.5,3.5 0,-3.5 3.5,3.5 7,-3.5 10,0" fill="none" '
        f'stroke="{SCAR}" stroke-width="2.2" stroke-linejoin="round" stroke-linecap="round"/>'
    )


def _shape(kind: str, intensity: int | None = None) -> str:
    if kind == "inhibited":
        return _circle(INHIBITED)
    if kind == "facilitated":
        return _diamond(FACILITATED)
    if kind == "pain":
        return _halo(intensity)
    return _zigzag()


def _nudge(taken: dict[tuple[str, float, float], int], point: Point) -> tuple[float, float]:
    """Spread sites that share a region round it, so none hides another."""
    key = (point.view, point.x, point.y)
    k = taken.get(key, 0)
    taken[key] = k + 1
    if k == 0:
        return point.x, point.y
    angle = (k - 1) * math.pi / 3
    radius = 15 if k <= 6 else 30
    return point.x + radius * math.cos(angle), point.y + radius * math.sin(angle)


# Pain halos lie under scars, and scars under the sites, which must stay visible.
_LAYER = {"pain": 0, "scar": 1, "inhibited": 2, "facilitated": 2}


def _marks(marks: list[BodyMark]) -> str:
    taken: dict[tuple[str, float, float], int] = {}
    out = []
    for mark in sorted(marks, key=lambda m: _LAYER[m.kind]):
        shape = _shape(mark.kind, mark.intensity)
        placed = []
        for point in place(mark.region, mark.side):
            x, y = _nudge(taken, point) if _LAYER[mark.kind] == 2 else (point.x, point.y)
            placed.append(
                f'<g data-view="{point.view}" transform="translate({_n(x)} {_n(y)})">{shape}</g>'
            )
        out.append(
            f'<g class="mark mark-{mark.kind}" data-region="{mark.region}" '
            f'data-side="{mark.side}"><title>{escape(mark.label)}</title>{"".join(placed)}</g>'
        )
    return "".join(out)


_LEGEND: tuple[tuple[MarkKind, str, float], ...] = (
    ("inhibited", "Inhibited", 34),
    ("facilitated", "Facilitated", 146),
    ("pain", "Pain", 276),
    ("scar", "Scar", 372),
)


def _legend() -> str:
    items = []
    for kind, words, x in _LEGEND:
        shape = _shape(kind, intensity=3)
        items.append(
            f'<g transform="translate({_n(x)} 496)">{shape}'
            f'<text x="16" y="5.5" font-size="16" fill="{_INK}">{words}</text></g>'
        )
    return (
        f'<g class="legend"><line x1="16" x2="464" y1="474" y2="474" stroke="{_DETAIL}"/>'
        f"{''.join(items)}</g>"
    )


_KIND_WORDS = {
    "inhibited": "Inhibited (blue circles)",
    "facilitated": "Facilitated (orange diamonds)",
    "pain": "Pain areas (red halos, larger for stronger pain)",
    "scar": "Scars (dark zig-zag lines)",
}


def describe(marks: list[BodyMark]) -> str:
    """The map in words, for screen readers: every mark, grouped by kind."""
    if not marks:
        return "Front and back views of the body; nothing is marked."
    parts = ["Front and back views of the body."]
    for kind in KINDS:
        labels = [m.label for m in marks if m.kind == kind]
        if labels:
            parts.append(f"{_KIND_WORDS[kind]}: {'; '.join(labels)}.")
    return " ".join(parts)


def render_body_map(marks: list[BodyMark], title: str = "Body map") -> str:
    """One accessible SVG: front and back figures with every mark, and a legend below."""
    digest = hashlib.sha1(repr((title, marks)).encode(), usedforsecurity=False).hexdigest()
    uid = f"body-map-{digest[:10]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby={quoteattr(f"{uid}-title {uid}-desc")} '
        f'font-family="system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, sans-serif">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(describe(marks))}</desc>'
        f"{_figure('front')}{_figure('back')}{_marks(marks)}{_legend()}</svg>"
    )
