"""Searching the atlas by name, alias, region, action, joint and nerve root.

Text matches rank exact names and aliases first, then names that start with the text, then
words that start with it, then names that contain it, then nerves and regions that mention it.
Filters narrow the list and combine: joint and action together mean one action at that joint.
A job typed as text ("hip flexors", "knee extensors") means that action at that joint, and a
nerve root typed as text ("C5", "cn 11") the muscles that root supplies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from repattern.engine.atlas.movements import ACTIONS, JOINTS
from repattern.engine.atlas.schema import Muscle, Structure, one_of
from repattern.engine.errors import AtlasError
from repattern.engine.vocabulary import REGIONS, ids, label

Entry = Muscle | Structure

_SPACES = re.compile(r"[\s_\-]+")
_ROMAN = {
    str(i): r
    for i, r in enumerate(
        ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), start=1
    )
}
_NO_MATCH = 99
# "hip flexor", "knee extensors": what a practitioner types for a job rather than a name.
AGENTS = {
    "flexor": "flexion",
    "extensor": "extension",
    "abductor": "abduction",
    "adductor": "adduction",
    "elevator": "elevation",
    "depressor": "depression",
    "pronator": "pronation",
    "supinator": "supination",
    "evertor": "eversion",
    "invertor": "inversion",
    "dorsiflexor": "dorsiflexion",
    "plantarflexor": "plantarflexion",
    "protractor": "protraction",
    "retractor": "retraction",
}


def normalize(text: str) -> str:
    """Lower-case, with underscores, hyphens and runs of spaces read as one space."""
    return _SPACES.sub(" ", text).strip().lower()


@dataclass(frozen=True)
class Indexed:
    """An entry with its searchable words prepared once."""

    entry: Entry
    names: tuple[str, ...]  # name, id as words, aliases
    words: tuple[str, ...]
    other: str  # nerve, region labels, kind

    def rank(self, text: str) -> int:
        if text in self.names:
            return 0
        if any(n.startswith(text) for n in self.names):
            return 1
        if any(w.startswith(text) for w in self.words):
            return 2
        if any(text in n for n in self.names):
            return 3
        return 4 if text in self.other else _NO_MATCH


def index(entries: Iterable[Entry]) -> list[Indexed]:
    out = []
    for e in entries:
        names = tuple(dict.fromkeys(normalize(n) for n in (e.name, e.id, *e.aliases)))
        words = tuple(w for n in names for w in n.split())
        nerve = e.innervation.nerve if isinstance(e, Muscle) else ""
        regions = " ".join(label(REGIONS, r) for r in e.regions)
        out.append(Indexed(e, names, words, normalize(f"{nerve} {regions} {e.kind}")))
    return out


def normalize_root(text: str) -> str:
    """'c5' -> 'C5', 'cn 11' or 'cn xi' -> 'CN XI'; raises AtlasError when it is not a root."""
    compact = text.strip().upper().replace(" ", "")
    if compact.startswith("CN"):
        number = compact[2:]
        roman = _ROMAN.get(number, number)
        if roman in _ROMAN.values():
            return f"CN {roman}"
    elif re.fullmatch(r"C[1-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5]", compact):
        return compact
    raise AtlasError(f"{text!r} is not a nerve root; search roots like C5, T12, L4, S1 or CN XI")


def _matches_filters(
    entry: Entry, region: str | None, action: str | None, joint: str | None, root: str | None
) -> bool:
    if region and region not in entry.regions and not entry.client_specific:
        return False
    if not (action or joint or root):
        return True
    if not isinstance(entry, Muscle):
        return False
    if root and root not in entry.innervation.roots:
        return False
    return any(
        (not action or a.action == action) and (not joint or a.joint == joint)
        for a in entry.actions
    )


def _check(value: str | None, allowed: Iterable[str], what: str) -> None:
    if value is not None:
        try:
            one_of(value, list(allowed), what)
        except ValueError as exc:
            raise AtlasError(str(exc)) from None


def search(
    indexed: list[Indexed],
    text: str = "",
    region: str | None = None,
    action: str | None = None,
    joint: str | None = None,
    root: str | None = None,
) -> list[Entry]:
    job = by_job(text) if not (joint or action) else None
    if job:
        text, (joint, action) = "", job
    typed_root = as_root(text) if not root else None
    if typed_root:
        # "C5" typed in the name box: the muscles that root supplies.
        text, root = "", typed_root
    _check(region, sorted(ids(REGIONS)), "a region")
    _check(action, ACTIONS, "an action")
    _check(joint, JOINTS, "a joint")
    root = normalize_root(root) if root else None
    wanted = normalize(text)
    ranked = []
    for item in indexed:
        rank = item.rank(wanted) if wanted else 0
        if rank != _NO_MATCH and _matches_filters(item.entry, region, action, joint, root):
            ranked.append((rank, item.entry.name.lower(), item.entry))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [entry for _, _, entry in ranked]


def as_root(text: str) -> str | None:
    """The nerve root a query names ('c5', 'CN 11'), or None when it names something else."""
    if not re.fullmatch(r"\s*(c|t|l|s|cn)\s*[0-9ivx]{1,4}\s*", text, flags=re.IGNORECASE):
        return None
    try:
        return normalize_root(text)
    except AtlasError:
        return None


def by_job(text: str) -> tuple[str, str] | None:
    """(joint, action) for a query like 'hip flexors', or None."""
    words = text.lower().replace("_", " ").split()
    if len(words) < 2:
        return None
    agent = words[-1].removesuffix("s")
    joint = "_".join(words[:-1])
    if agent in AGENTS and joint in JOINTS:
        return joint, AGENTS[agent]
    return None
