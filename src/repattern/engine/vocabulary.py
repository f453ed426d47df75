"""Controlled vocabularies shared by the intake, the atlas and the engine.

One list of body regions, sides and conditions, so that a scar recorded at intake
("right lower abdomen") and a muscle in the atlas ("abdomen") speak the same language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    label: str


SIDES: tuple[Term, ...] = (
    Term("left", "Left"),
    Term("right", "Right"),
    Term("both", "Both sides"),
    Term("midline", "Midline"),
)

# Regions are coarse on purpose: fine enough to place a scar or a pain area, coarse enough
# that a practitioner picks one in a second. `parent` groups them for the atlas browser.
REGIONS: tuple[Term, ...] = (
    Term("head", "Head and face"),
    Term("jaw", "Jaw and TMJ"),
    Term("eyes", "Eyes"),
    Term("neck_front", "Front of neck"),
    Term("neck_back", "Back of neck"),
    Term("shoulder", "Shoulder"),
    Term("upper_arm", "Upper arm"),
    Term("elbow", "Elbow"),
    Term("forearm", "Forearm"),
    Term("wrist", "Wrist"),
    Term("hand", "Hand and fingers"),
    Term("chest", "Chest"),
    Term("upper_back", "Upper back"),
    Term("mid_back", "Mid back"),
    Term("lower_back", "Lower back"),
    Term("upper_abdomen", "Upper abdomen"),
    Term("lower_abdomen", "Lower abdomen"),
    Term("diaphragm", "Diaphragm and ribs"),
    Term("pelvis", "Pelvis and pelvic floor"),
    Term("hip", "Hip"),
    Term("buttock", "Buttock"),
    Term("groin", "Groin"),
    Term("thigh_front", "Front of thigh"),
    Term("thigh_back", "Back of thigh"),
    Term("thigh_inner", "Inner thigh"),
    Term("thigh_outer", "Outer thigh"),
    Term("knee", "Knee"),
    Term("lower_leg_front", "Shin"),
    Term("calf", "Calf"),
    Term("ankle", "Ankle"),
    Term("foot", "Foot and toes"),
)

# The conditions the seeds name (DOMAIN.md section 1). The atlas maps each one to the
# muscles and structures commonly examined for it.
CONDITIONS: tuple[Term, ...] = (
    Term("low_back_pain", "Low back pain"),
    Term("neck_pain", "Neck pain"),
    Term("jaw_tmj_pain", "Jaw and TMJ pain"),
    Term("headache_migraine", "Headaches and migraines"),
    Term("whiplash", "Whiplash"),
    Term("fibromyalgia", "Fibromyalgia"),
    Term("carpal_tunnel", "Carpal tunnel syndrome"),
    Term("hip_bursitis", "Hip bursitis"),
    Term("plantar_fasciitis", "Plantar fasciitis"),
    Term("tendonitis", "Tendonitis"),
    Term("tennis_elbow", "Tennis elbow"),
    Term("golfers_elbow", "Golfer's elbow"),
    Term("it_band_syndrome", "IT band syndrome"),
    Term("frozen_shoulder", "Frozen shoulder"),
    Term("rotator_cuff_pain", "Rotator cuff pain"),
    Term("muscle_spasm_cramp", "Muscle spasms, cramps and stiffness"),
    Term("sinus_pressure", "Sinus pressure"),
    Term("wrist_strain", "Wrist pull, strain or tear"),
    Term("knee_strain", "Knee pull, strain or tear"),
    Term("ankle_strain", "Ankle pull, strain or tear"),
    Term("shoulder_strain", "Shoulder pull, strain or tear"),
    Term("elbow_strain", "Elbow pull, strain or tear"),
    Term("stroke", "Stroke"),
    Term("brain_injury", "Brain injury"),
    Term("spinal_cord_injury", "Spinal cord injury"),
    Term("parkinsons", "Parkinson's disease"),
    Term("stress", "Stress"),
)


def ids(terms: tuple[Term, ...]) -> frozenset[str]:
    return frozenset(t.id for t in terms)


def choices(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    """(id, label) pairs, the shape Django form and model choices take."""
    return [(t.id, t.label) for t in terms]


def label(terms: tuple[Term, ...], term_id: str) -> str:
    for t in terms:
        if t.id == term_id:
            return t.label
    return term_id
