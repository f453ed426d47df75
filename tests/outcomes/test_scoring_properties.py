"""What holds for any answers: a score stays on its scale, and an important change is never a
change for the worse."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from repattern.outcomes.instruments import judge, score, shipped

rating = st.integers(min_value=0, max_value=10)


@given(st.lists(rating, min_size=3, max_size=5))
def test_a_psfs_score_stays_between_0_and_10(scores):
    rules = shipped()["psfs"].rules
    answers = {f"score_{n}": s for n, s in enumerate(scores, start=1)}
    assert 0 <= score(rules, answers) <= 10


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=8, max_size=10))
def test_an_odi_score_is_a_percentage(sections):
    rules = shipped()["odi"].rules
    assert 0 <= score(rules, {str(n): v for n, v in enumerate(sections, start=1)}) <= 100


@given(rating, rating)
def test_more_pain_is_never_an_important_change(baseline, latest):
    verdict = judge(shipped()["nprs"].rules, baseline, latest)
    if latest >= baseline:
        assert verdict.important is False
    assert verdict.change == latest - baseline
