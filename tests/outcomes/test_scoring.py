"""Every scoring rule and threshold, worked by hand."""

from __future__ import annotations

import pytest

from repattern.outcomes.instruments import judge, read_answers, score, shipped


def rules(instrument_id: str):
    return shipped()[instrument_id].rules


def test_nprs_scores_the_one_rating():
    assert score(rules("nprs"), {"pain": 6, "where": "low back"}) == 6


@pytest.mark.parametrize(
    ("baseline", "latest", "important"),
    [
        (6, 4, True),  # 2 points down: the points rule holds (30% of 6 is 1.8)
        (6, 5, False),  # 1 point, 17%: neither
        (3, 2, True),  # 1 point is 33% of 3: the percent rule holds
        (10, 8, True),  # 2 points, 20%: the points rule holds
        (10, 9, False),  # 1 point, 10%
        (0, 0, False),  # no pain to lose: 30% of nothing is not claimed
        (4, 7, False),  # worse is never an important improvement
    ],
)
def test_nprs_change_matters_at_2_points_or_30_percent(baseline, latest, important):
    assert judge(rules("nprs"), baseline, latest).important is important


def test_nprs_needs_the_smaller_of_2_points_and_30_percent_for_the_band():
    assert judge(rules("nprs"), 6, 6).needed == pytest.approx(1.8)
    assert judge(rules("nprs"), 8, 8).needed == 2
    assert judge(rules("nprs"), 6, 4).threshold == "2 points or 30%"


def test_psfs_averages_the_activities_rated():
    answers = {"score_1": 2, "score_2": 4, "score_3": 6, "score_4": None, "score_5": None}
    assert score(rules("psfs"), answers) == 4
    assert score(rules("psfs"), {**answers, "score_4": 8}) == 5


def test_psfs_needs_three_activities():
    assert score(rules("psfs"), {"score_1": 2, "score_2": 4}) is None


@pytest.mark.parametrize(("latest", "important"), [(6, True), (5.5, False), (3, False)])
def test_psfs_change_matters_at_2_points_up(latest, important):
    assert judge(rules("psfs"), 4, latest).important is important


@pytest.mark.parametrize(("rating", "important"), [(3, True), (7, True), (2, False), (-4, False)])
def test_groc_of_plus_3_or_more_is_an_important_improvement(rating, important):
    verdict = judge(rules("groc"), 0, rating)
    assert verdict.important is important
    assert verdict.level == 3


def test_groc_reads_the_code_of_the_option_chosen():
    answers, problems = read_answers(shipped()["groc"], {"change": "-2"})
    assert problems == {}
    assert answers["change"] == -2


def test_stress_claims_no_threshold():
    verdict = judge(rules("stress"), 8, 3)
    assert verdict.important is None
    assert verdict.threshold == "no threshold claimed"


def test_odi_is_the_total_as_a_percentage_of_the_sections_answered():
    every_two = {str(i): 2 for i in range(1, 11)}
    assert score(rules("odi"), every_two) == 40  # 20 of 50
    nine = {**every_two, "10": None}
    assert score(rules("odi"), nine) == 40  # 18 of 45
    seven = {str(i): 2 for i in range(1, 8)}
    assert score(rules("odi"), seven) is None  # fewer than 8 sections


@pytest.mark.parametrize(("latest", "important"), [(28, True), (31, False), (20, True)])
def test_odi_change_matters_at_10_points_or_30_percent(latest, important):
    assert judge(rules("odi"), 40, latest).important is important


def test_ndi_scores_like_the_odi_and_matters_at_10_points():
    assert score(rules("ndi"), {str(i): 1 for i in range(1, 11)}) == 20
    assert judge(rules("ndi"), 40, 30).important is True
    assert judge(rules("ndi"), 40, 32).important is False


def test_pss10_counts_items_4_5_7_and_8_in_reverse():
    assert score(rules("pss10"), {str(i): 2 for i in range(1, 11)}) == 20
    calm = {str(i): (4 if i in (4, 5, 7, 8) else 0) for i in range(1, 11)}
    assert score(rules("pss10"), calm) == 0
    assert score(rules("pss10"), {str(i): 4 for i in range(1, 11)}) == 24
    assert judge(rules("pss10"), 30, 10).important is None


def test_promis_is_the_raw_total():
    assert score(rules("promis_pi_6a"), {str(i): 1 for i in range(1, 7)}) == 6
    assert score(rules("promis_pi_6a"), {str(i): 5 for i in range(1, 7)}) == 30


def test_a_numeric_measure_claims_nothing_without_a_minimal_detectable_change():
    verdict = judge(rules("force"), 100, 160)
    assert verdict.important is None
    assert verdict.threshold.startswith("none claimed")


@pytest.mark.parametrize(("latest", "important"), [(106, True), (104, False), (94, False)])
def test_a_numeric_measure_matters_at_the_clinics_minimal_detectable_change(latest, important):
    assert judge(rules("force"), 100, latest, mdc=5.0).important is important


def test_cortisol_counts_a_change_either_way_when_it_passes_the_mdc():
    assert judge(rules("cortisol"), 20, 10, mdc=5.0).important is True
    assert judge(rules("cortisol"), 20, 30, mdc=5.0).important is True
    assert judge(rules("cortisol"), 20, 22, mdc=5.0).important is False


def test_hrv_is_rmssd_and_never_labelled_with_the_sdnn_code():
    hrv = shipped()["hrv_rmssd"]
    assert hrv.rules.unit == "ms"
    assert hrv.rules.observation is None
    assert hrv.questionnaire is not None and hrv.questionnaire.code == []


def test_nprs_is_observed_as_loinc_72514_3():
    nprs = shipped()["nprs"]
    assert nprs.rules.observation is not None
    assert nprs.rules.observation.code == "72514-3"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"pain": "11"}, "Give a number from 0 to 10."),
        ({"pain": "-1"}, "Give a number from 0 to 10."),
        ({"pain": "six"}, "Give a whole number."),
        ({"pain": ""}, "Answer this question."),
    ],
)
def test_a_pain_rating_out_of_its_scale_is_refused_with_a_reason(raw, problem):
    _, problems = read_answers(shipped()["nprs"], raw)
    assert problems == {"pain": problem}


def test_a_decimal_comma_is_read_as_a_point():
    answers, problems = read_answers(
        shipped()["force"], {"muscle": "psoas major", "side": "left", "force": "152,5"}
    )
    assert problems == {}
    assert answers["force"] == 152.5


def test_psfs_with_two_activities_asks_for_a_third():
    raw = {"activity_1": "Stairs", "score_1": "3", "activity_2": "Running", "score_2": "2"}
    _, problems = read_answers(shipped()["psfs"], raw)
    assert problems["activity_3"] == "Answer this question."


def test_licensed_instruments_ship_their_rules_but_no_text():
    for instrument_id in ("odi", "ndi", "pss10", "promis_pi_6a"):
        instrument = shipped()[instrument_id]
        assert instrument.rules.licensed
        assert instrument.questionnaire is None
        assert not instrument.usable
