"""The anatomy atlas: muscles, other structures, their relations, and the conditions they serve.

Everything the engine and the session screen know about the body comes from the YAML files in
`repattern/data/`, validated on load. Relations carry their evidence level: `anatomical`
(derived from the structured actions), `reported` (public practitioner material), or `clinic`
(a clinic's own chart, joined for that clinic only).

- `atlas`: the `Atlas` and how it is loaded and checked;
- `sites`: where on the body ("psoas_major:left", "scar:lower_abdomen:right");
- `schema`, `documents`, `files`: the data files, their schema and their error messages;
- `relations`: synergists and antagonists derived from the actions, and reported pairs;
- `search`: by name, alias, region, joint, action, nerve root, or job ("hip flexors");
- `charts`: a clinic's own chart of relations (CSV or YAML);
- `movements`: the joints and actions the schema speaks of;
- regions (`regions.yaml`, `Atlas.regions`): the places one contact covers, for region challenges.
"""

from repattern.engine.atlas.atlas import DATA_DIR, Atlas, CheckReport, check_data, load_atlas
from repattern.engine.atlas.charts import parse_chart as parse_clinic_chart
from repattern.engine.atlas.relations import Relation
from repattern.engine.atlas.schema import (
    Action,
    ChallengeRegion,
    Condition,
    Innervation,
    Muscle,
    MuscleTest,
    Source,
    Structure,
)
from repattern.engine.atlas.search import Entry, by_job
from repattern.engine.atlas.sites import OPPOSITE_SIDE, Site, parse_site

__all__ = [
    "DATA_DIR",
    "OPPOSITE_SIDE",
    "Action",
    "Atlas",
    "ChallengeRegion",
    "CheckReport",
    "Condition",
    "Entry",
    "Innervation",
    "Muscle",
    "MuscleTest",
    "Relation",
    "Site",
    "Source",
    "Structure",
    "by_job",
    "check_data",
    "load_atlas",
    "parse_clinic_chart",
    "parse_site",
]
