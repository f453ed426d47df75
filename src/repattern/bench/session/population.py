"""Who the seeded clinic sees: names, scars, injuries, pain areas, conditions, muscles tested."""

# fmt: off
# Muscles practitioners test most; any the atlas does not know are left out.
COMMON_MUSCLES = (
    "psoas_major", "gluteus_medius", "gluteus_maximus", "trapezius_upper", "quadratus_lumborum",
    "rectus_abdominis", "latissimus_dorsi", "serratus_anterior", "sternocleidomastoid",
    "scalene_anterior", "tensor_fasciae_latae", "rectus_femoris", "tibialis_anterior",
    "pectoralis_major_clavicular", "biceps_femoris_long_head", "gluteus_minimus",
    "trapezius_lower", "iliacus", "piriformis", "vastus_lateralis",
)
STRUCTURES = (
    "jaw_tmj:left", "jaw_tmj:right", "diaphragm:midline", "eyes_gaze:midline",
    "thoracolumbar_fascia:midline", "hyoid_throat:midline",
)
FIRST_NAMES = (
    "Maria", "Ana", "Lena", "Priya", "Chloe", "Aisha", "Emma", "Yuki", "Sofia", "Zoe", "James",
    "Omar", "Liam", "Ravi", "Tom", "Diego", "Noah", "Felix", "Hugo", "Sam",
)
LAST_NAMES = (
    "Lopez", "Smith", "Okafor", "Nguyen", "Patel", "Kowalski", "Müller", "Rossi", "Brown",
    "Tanaka", "Silva", "Dubois", "Jensen", "Murphy", "Cohen", "Haddad",
)
SCARS = (
    ("Appendectomy", "lower_abdomen", "right"), ("Caesarean section", "lower_abdomen", "midline"),
    ("Knee arthroscopy", "knee", "left"), ("Knee arthroscopy", "knee", "right"),
    ("Shoulder repair", "shoulder", "right"), ("Hernia repair", "groin", "left"),
    ("Spinal surgery", "lower_back", "midline"), ("Wisdom teeth", "jaw", "left"),
)
INJURIES = (
    ("sprain", "ankle", "left"), ("sprain", "ankle", "right"),
    ("whiplash", "neck_back", "midline"), ("fracture", "wrist", "right"),
    ("strain", "thigh_back", "left"), ("impact", "hip", "right"), ("tear", "knee", "left"),
    ("accident", "lower_back", "midline"),
)
PAIN_AREAS = (
    ("lower_back", "midline"), ("lower_back", "right"), ("neck_back", "left"),
    ("shoulder", "right"), ("hip", "left"), ("knee", "right"), ("jaw", "left"),
    ("upper_back", "midline"), ("head", "midline"), ("foot", "left"),
)
CONDITIONS = (
    "low_back_pain", "neck_pain", "jaw_tmj_pain", "headache_migraine", "whiplash", "hip_bursitis",
    "plantar_fasciitis", "frozen_shoulder", "stress", "knee_strain",
)
# fmt: on
