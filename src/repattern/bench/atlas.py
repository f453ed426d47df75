"""How long the atlas takes: load and validate every file, derive relations, search.

Run with `repattern bench atlas [--repeats N]`. Prints figures; never passes or fails.
Loads go through `load_atlas(DATA_DIR)`, which reads and validates the files afresh each time
(the cached shipped atlas is bypassed), so each load is a cold load of the data.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from repattern.engine.atlas import DATA_DIR, Atlas, load_atlas
from repattern.engine.atlas.relations import derive_relations, shared_source

SEARCHES: tuple[tuple[str, dict[str, str]], ...] = (
    ("alias 'psoas'", {"text": "psoas"}),
    ("alias 'scm'", {"text": "scm"}),
    ("substring 'ext'", {"text": "ext"}),
    ("region hip", {"region": "hip"}),
    ("hip flexion", {"joint": "hip", "action": "flexion"}),
    ("root L4", {"root": "L4"}),
    ("text + filters", {"text": "scalene", "root": "C4", "region": "neck_front"}),
)


def timed(run: Callable[[], Any], repeats: int) -> list[float]:
    """Milliseconds for each of `repeats` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{label:<34} mean {statistics.fmean(times):9.4f} ms   p95 {p95:9.4f} ms   "
        f"min {ordered[0]:9.4f} ms   (n={len(times)})"
    )


def _derive(atlas: Atlas) -> Callable[[], Any]:
    def url_of(source_id: str) -> str | None:
        return atlas.sources[source_id].url

    return lambda: derive_relations(atlas.muscles.values(), shared_source, url_of)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="repattern bench atlas", description=__doc__)
    parser.add_argument(
        "--repeats", type=int, default=20, help="loads to time (searches run 50 times as many)"
    )
    args = parser.parse_args(argv)
    repeats = max(1, args.repeats)

    first = timed(lambda: load_atlas(DATA_DIR), 1)[0]
    atlas = load_atlas(DATA_DIR)
    print(
        f"atlas: {len(atlas.muscles)} muscles, {len(atlas.structures)} structures, "
        f"{len(atlas.relations)} relations, {len(atlas.conditions)} conditions"
    )
    print(f"{'first load in this process':<34} {first:14.4f} ms")
    print(summary("load + validate (cold, uncached)", timed(lambda: load_atlas(DATA_DIR), repeats)))
    print(summary("derive synergists/antagonists", timed(_derive(atlas), repeats)))
    print(
        summary(
            "relations_for('psoas_major')",
            timed(lambda: atlas.relations_for("psoas_major"), repeats * 50),
        )
    )
    all_searches: list[float] = []
    for label, query in SEARCHES:
        times = timed(lambda q=query: atlas.search(**q), repeats * 50)  # type: ignore[misc]
        all_searches += times
        print(summary(f"search {label}", times))
    print(summary("search, all queries", all_searches))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
