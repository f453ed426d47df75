"""`check-data` refuses a broken instrument file, naming the file, the item and the field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from repattern import cli
from repattern.engine.atlas import DATA_DIR
from repattern.outcomes.instruments import check_instruments


def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_the_shipped_instruments_are_valid():
    report = check_instruments()
    assert report.ok, report.errors
    assert report.count == 13


def test_a_wrong_item_type_names_the_file_the_item_and_the_field(tmp_path, capsys):
    data = data_copy(tmp_path)
    edit(data / "instruments/nprs/questionnaire.json", lambda q: q["item"][0].update(type="integr"))
    assert cli.main(["check-data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "instruments/nprs/questionnaire.json: item pain: type: Input should be" in out


def test_a_scale_that_no_longer_matches_the_scoring_rule_is_refused(tmp_path):
    data = data_copy(tmp_path)

    def to_five(q):
        q["item"][0]["extension"][1]["valueInteger"] = 5

    edit(data / "instruments/nprs/questionnaire.json", to_five)
    errors = check_instruments(data).errors
    assert errors == [
        "instruments/nprs/questionnaire.json: item pain: answer range: runs 0 to 5; "
        "the rules score 0 to 10"
    ]


def test_a_scored_item_missing_from_the_questionnaire_is_named(tmp_path):
    data = data_copy(tmp_path)
    edit(data / "instruments/psfs/questionnaire.json", lambda q: q["item"].pop(9))
    errors = check_instruments(data).errors
    assert errors == [
        "instruments/psfs/questionnaire.json: item score_5: linkId: the rules score it; add it"
    ]


def test_a_nested_item_is_named_by_its_own_link_id(tmp_path):
    data = data_copy(tmp_path)

    def nest(q):
        q["item"] = [{"linkId": "g", "type": "group", "item": [{**q["item"][0], "text": ""}]}]

    edit(data / "instruments/stress/questionnaire.json", nest)
    errors = check_instruments(data).errors
    assert any(e.startswith("instruments/stress/questionnaire.json: item stress: ") for e in errors)


def test_a_rule_with_an_unknown_field_is_refused(tmp_path):
    data = data_copy(tmp_path)
    edit(data / "instruments/groc/rules.json", lambda r: r["change"].update(lvl=3))
    errors = check_instruments(data).errors
    assert errors == [
        "instruments/groc/rules.json: groc: change.lvl: Extra inputs are not permitted"
    ]


def test_shipping_the_text_of_a_licensed_questionnaire_is_refused(tmp_path):
    data = data_copy(tmp_path)
    shutil.copy(
        data / "instruments/stress/questionnaire.json", data / "instruments/odi/questionnaire.json"
    )
    errors = check_instruments(data).errors
    assert (
        "instruments/odi/questionnaire.json: (file): file: the text is licensed: ship the rules "
        "only" in errors
    )


def test_a_file_that_is_not_json_is_refused(tmp_path):
    data = data_copy(tmp_path)
    (data / "instruments/rom/rules.json").write_text("{ not json")
    errors = check_instruments(data).errors
    assert len(errors) == 1
    assert errors[0].startswith("instruments/rom/rules.json: (file): file: is not readable JSON")
