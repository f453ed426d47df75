"""The safety screen and the consent text, in Repattern's own words.

The screen asks for the reasons the seeds give to see a doctor first (infection, a severe or acute
injury, emotional disturbance, another illness) and the usual red flags of musculoskeletal care.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenQuestion:
    id: str
    text: str
    why: str


SAFETY_QUESTIONS: tuple[ScreenQuestion, ...] = (
    ScreenQuestion(
        "infection",
        "Do you have an infection at the moment, or an open wound or skin infection where you "
        "would be touched?",
        "Infection",
    ),
    ScreenQuestion(
        "fever",
        "Have you had a fever, chills or night sweats in the last two weeks?",
        "Fever",
    ),
    ScreenQuestion(
        "acute_injury",
        "Do you have a severe or recent injury (for example a suspected break, a joint that "
        "gave way, or swelling that keeps growing) that a doctor has not checked?",
        "Severe or acute injury",
    ),
    ScreenQuestion(
        "recent_trauma",
        "Have you had a major accident, fall or blow to the head or spine in the last six weeks?",
        "Recent major trauma",
    ),
    ScreenQuestion(
        "emotional_distress",
        "Are you going through emotional distress that is hard to cope with and that no doctor "
        "or counsellor is helping you with?",
        "Emotional disturbance",
    ),
    ScreenQuestion(
        "other_illness",
        "Are you unwell with another illness, or waiting for tests or treatment for one?",
        "Another illness",
    ),
    ScreenQuestion(
        "weight_loss",
        "Have you lost weight in the last few months without trying?",
        "Unexplained weight loss",
    ),
    ScreenQuestion(
        "night_pain",
        "Do you have pain that wakes you at night, or that does not ease with rest or a change "
        "of position?",
        "Night pain",
    ),
    ScreenQuestion(
        "bladder_bowel",
        "Have you noticed new trouble controlling or emptying your bladder or bowel?",
        "Bladder or bowel changes",
    ),
    ScreenQuestion(
        "saddle_numbness",
        "Do you have new numbness or tingling around the groin, buttocks or inner thighs?",
        "Saddle numbness",
    ),
    ScreenQuestion(
        "cancer_history",
        "Have you ever been treated for cancer?",
        "History of cancer",
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in SAFETY_QUESTIONS)

CONSENT_VERSION = "2026-11-21"

# One paragraph or list item per entry, so the text wraps to any screen.
CONSENT_PARAGRAPHS: tuple[str, ...] = (
    "Muscle-testing bodywork, including NeuroKinetic Therapy, is a hands-on approach to pain "
    "and movement. Please read this before your first session.",
    "- The evidence for it is limited. No randomized trial has tested it and no clinical "
    "guideline recommends it. Manual muscle tests are imprecise, and your practitioner treats "
    "every result as a clue, not a diagnosis.",
    "- It is not medical advice and not a diagnosis. It does not replace care from a doctor, "
    "physiotherapist or other health professional, and it is no substitute for mental-health "
    "care. If you have a health concern, see a doctor.",
    "- Common after-effects are soreness, tenderness, bruising, swelling, redness or tiredness "
    "for a day or two. Rarely, people report nerve irritation, weakness or stiffness. Tell "
    "your practitioner about anything unexpected.",
    "- You may ask questions, decline any technique, or stop at any time.",
    "- Your records are kept by the clinic and seen only by its staff, as the clinic's privacy "
    "notice describes.",
    "By signing, you confirm that you have read this, that your health answers are complete "
    "and true to the best of your knowledge, and that you agree to treatment on these terms.",
)


@dataclass(frozen=True)
class ConsentBlock:
    """A paragraph of the consent text, or a list of its "- " items."""

    text: str = ""
    items: tuple[str, ...] = ()


def consent_blocks(paragraphs: tuple[str, ...] = CONSENT_PARAGRAPHS) -> tuple[ConsentBlock, ...]:
    """The paragraphs as pages show them: consecutive "- " items become one list."""
    blocks: list[ConsentBlock] = []
    for paragraph in paragraphs:
        if not paragraph.startswith("- "):
            blocks.append(ConsentBlock(text=paragraph))
        elif blocks and blocks[-1].items:
            blocks[-1] = ConsentBlock(items=(*blocks[-1].items, paragraph[2:]))
        else:
            blocks.append(ConsentBlock(items=(paragraph[2:],)))
    return tuple(blocks)


CONSENT_BLOCKS = consent_blocks()
