"""The fixed vocabulary of joints and actions that muscle entries use.

Synergists and antagonists are derived from these values, so every action in the data must be
one of them, and every action names its opposite here.
"""

from __future__ import annotations

JOINTS: dict[str, str] = {
    "eye": "Eye",
    "jaw": "Jaw (temporomandibular joint)",
    "cervical_spine": "Cervical spine",
    "thoracic_spine": "Thoracic spine",
    "lumbar_spine": "Lumbar spine",
    "ribs": "Ribs (breathing)",
    "scapula": "Scapula",
    "shoulder": "Shoulder (glenohumeral)",
    "elbow": "Elbow",
    "forearm": "Forearm (radioulnar)",
    "wrist": "Wrist",
    "fingers": "Fingers",
    "thumb": "Thumb",
    "pelvis": "Pelvis",
    "hip": "Hip",
    "knee": "Knee",
    "ankle": "Ankle (talocrural)",
    "subtalar": "Subtalar and midfoot",
    "toes": "Toes",
    "big_toe": "Big toe",
}

# Each action and its opposite. Lateral flexion and rotation of the spine are sided
# (same side as the muscle, or the opposite side); their antagonist is the same action on the
# other side, which the atlas resolves when it derives relations.
OPPOSITES: dict[str, str] = {
    "flexion": "extension",
    "extension": "flexion",
    "abduction": "adduction",
    "adduction": "abduction",
    "medial_rotation": "lateral_rotation",
    "lateral_rotation": "medial_rotation",
    "horizontal_abduction": "horizontal_adduction",
    "horizontal_adduction": "horizontal_abduction",
    "elevation": "depression",
    "depression": "elevation",
    "protraction": "retraction",
    "retraction": "protraction",
    "upward_rotation": "downward_rotation",
    "downward_rotation": "upward_rotation",
    "inversion": "eversion",
    "eversion": "inversion",
    "dorsiflexion": "plantarflexion",
    "plantarflexion": "dorsiflexion",
    "pronation": "supination",
    "supination": "pronation",
    "anterior_tilt": "posterior_tilt",
    "posterior_tilt": "anterior_tilt",
    "inspiration": "expiration",
    "expiration": "inspiration",
    "opposition": "reposition",
    "reposition": "opposition",
    "lateral_deviation": "lateral_deviation",
    "lateral_flexion": "lateral_flexion",
    "ipsilateral_rotation": "contralateral_rotation",
    "contralateral_rotation": "ipsilateral_rotation",
}

ACTIONS: tuple[str, ...] = tuple(OPPOSITES)

# Actions whose opposite is the same action performed by the other side's muscles.
SIDED_ACTIONS: frozenset[str] = frozenset({"lateral_flexion", "lateral_deviation"})


def label(action: str) -> str:
    return action.replace("_", " ")
