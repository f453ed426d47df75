"""What the engine says when a search stops or its window closes: confident in a candidate,
confident it is none of these, or undecided with the leaders.

Dana's left psoas tests weak; Alice (s/f 0.85/0.15) challenges her candidates.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repattern.engine import NONE_OF_THESE, Posterior, TestModel, verdict

ALICE = TestModel(0.85, 0.15)
QL, ILIACUS, TFL = "quadratus_lumborum:left", "iliacus:left", "tensor_fasciae_latae:left"


def dana() -> Posterior:
    return Posterior.from_prior({QL: 3.0, ILIACUS: 1.0, TFL: 1.0})


def test_a_settled_search_is_confident_in_its_candidate() -> None:
    belief = dana().observe_all([(QL, True)] * 5 + [(ILIACUS, False), (TFL, False)], ALICE)
    said = verdict(belief)
    assert said.kind == "confident" and said.name == QL and said.decided
    assert said.words == f"Confident: {QL} (over 99%)."


def test_a_search_that_rules_out_the_list_says_none_of_these() -> None:
    belief = dana().observe_all([(QL, False), (ILIACUS, False), (TFL, False)] * 5, ALICE)
    said = verdict(belief)
    assert said.kind == "none_of_these" and said.name == NONE_OF_THESE
    assert "add and challenge another structure" in said.words


def test_a_window_that_closes_undecided_names_the_leaders_not_none_of_these() -> None:
    belief = dana().observe_all([(QL, False), (ILIACUS, False), (TFL, False)] * 2, ALICE)
    assert belief.best()[0] == NONE_OF_THESE
    said = verdict(belief)
    assert said.kind == "undecided" and said.name is None and not said.decided
    assert said.words.startswith(f"Undecided: {QL} leads at")
    assert "'none of these' leads at" in said.words
    assert said.leaders[0][0] == QL


def test_ties_are_described_as_ties() -> None:
    said = verdict(Posterior.from_prior({QL: 1.0, ILIACUS: 1.0}))
    assert said.words.startswith(f"Undecided: {QL} and {ILIACUS} are tied at 48% each")


def test_a_leader_held_back_by_none_of_these_says_why() -> None:
    belief = Posterior.from_prior({QL: 1.0})
    said = verdict(belief)
    assert said.kind == "undecided"
    assert "'none of these' still holds 5%" in said.words


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(0.01, 10.0), min_size=1, max_size=6),
    st.floats(0.01, 0.3),
    st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=20),
)
def test_the_words_never_round_across_the_stop_rule(
    weights: list[float], share: float, results: list[tuple[int, bool]]
) -> None:
    names = [f"c{i}" for i in range(len(weights))]
    belief = Posterior.from_prior(dict(zip(names, weights, strict=True)), none_of_these=share)
    belief = belief.observe_all([(names[i % len(names)], r) for i, r in results], ALICE)
    said = verdict(belief)
    if said.kind == "undecided":
        best_p = belief.best()[1]
        shown = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)%", said.words)]
        if best_p < 0.95:
            assert all(x < 95 for x in shown[:-1])
    else:
        assert said.probability >= 0.95


def test_the_verdict_explains_itself() -> None:
    said = verdict(dana())
    assert said.explain() == said.words
    assert said.none_of_these == pytest.approx(0.05)
