"""`check-data` on corrupted copies of the data: each problem is one line naming the file (and
its line), the entry and the field, and says what to write instead."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from repattern.engine.atlas import DATA_DIR, check_data, load_atlas
from repattern.engine.errors import DataFileError

Entries = list[dict[str, Any]]
LINE = re.compile(r"^(?P<file>[\w/.]+?)(:(?P<line>\d+))?: (?P<entry>[^:]+): (?P<field>[^:]+): ")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def load(path: Path) -> Entries:
    entries: Entries = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return entries


def muscle_file(data: Path, muscle_id: str) -> Path:
    for path in sorted((data / "muscles").glob("*.yaml")):
        if f"- id: {muscle_id}\n" in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"{muscle_id} is in no muscle file")


def rewrite(path: Path, change: Callable[[Entries], object]) -> None:
    entries = load(path)
    change(entries)
    path.write_text(
        yaml.dump(entries, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def entry(entries: Entries, **match: str) -> dict[str, Any]:
    return next(e for e in entries if all(e.get(k) == v for k, v in match.items()))


def the_error(data: Path, *parts: str) -> str:
    report = check_data(data)
    assert not report.ok
    matches = [e for e in report.errors if all(p in e for p in parts)]
    assert len(matches) == 1, f"wanted one error with {parts}, got:\n" + "\n".join(report.errors)
    return matches[0]


def line_of(data: Path, error: str) -> str:
    """The text at the file and line an error points to."""
    found = LINE.match(error)
    assert found and found["line"], error
    return (data / found["file"]).read_text(encoding="utf-8").splitlines()[int(found["line"]) - 1]


def test_an_unknown_action_names_file_line_entry_field_and_the_likely_word(data: Path) -> None:
    path = muscle_file(data, "psoas_major")
    rewrite(path, lambda es: entry(es, id="psoas_major")["actions"][0].update(action="flexon"))
    error = the_error(data, "psoas_major", "actions[0].action")
    assert error.startswith(f"muscles/{path.name}:")
    assert "'flexon' is not an action" in error and "did you mean 'flexion'?" in error
    assert "flexon" in line_of(data, error)


def test_an_unknown_joint_is_named(data: Path) -> None:
    path = muscle_file(data, "iliacus")
    rewrite(path, lambda es: entry(es, id="iliacus")["actions"][0].update(joint="hipp"))
    error = the_error(data, "iliacus", "actions[0].joint")
    assert "'hipp' is not a joint" in error and "did you mean 'hip'?" in error


def test_a_dangling_reference_in_a_reported_pair_is_named(data: Path) -> None:
    rewrite(
        data / "relations.yaml",
        lambda es: entry(es, inhibited="psoas_major", facilitated="quadratus_lumborum").update(
            facilitated="quadratus_lumbar"
        ),
    )
    error = the_error(data, "psoas_major -> quadratus_lumbar", "facilitated")
    assert error.startswith("relations.yaml:")
    assert "'quadratus_lumbar' is not a muscle or structure id" in error
    assert "quadratus_lumbar" in line_of(data, error)


def test_a_dangling_reference_in_a_condition_is_named(data: Path) -> None:
    def add_unknown(entries: Entries) -> None:
        entry(entries, id="low_back_pain")["examined"].append("glutes_maximus")

    rewrite(data / "conditions.yaml", add_unknown)
    error = the_error(data, "low_back_pain", "'glutes_maximus'")
    assert error.startswith("conditions.yaml:")
    assert re.search(r": low_back_pain: examined\[\d+\]: ", error)


def test_an_unknown_source_id_is_named(data: Path) -> None:
    path = muscle_file(data, "iliacus")
    rewrite(path, lambda es: entry(es, id="iliacus")["sources"].append("grays1918"))
    error = the_error(data, "iliacus", "'grays1918' is not a source id in sources.yaml")
    assert re.search(r": iliacus: sources\[\d+\]: ", error)


def test_a_duplicate_id_across_two_files_names_both(data: Path) -> None:
    home = muscle_file(data, "iliacus")
    copy = dict(entry(load(home), id="iliacus"))
    other = next(p for p in (data / "muscles").glob("*.yaml") if p != home)
    rewrite(other, lambda es: es.append(copy))
    error = the_error(data, "iliacus", "duplicate id")
    assert error.startswith(f"muscles/{other.name}:")
    assert f"also defined at muscles/{home.name}:" in error


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("roots", "L1, L2", "innervation.roots: should be a list such as [a, b], not text"),
        ("actions", {"joint": "hip", "action": "flexion"}, "actions: should be a list"),
        ("name", 42, "name: should be text, not a number"),
    ],
)
def test_a_value_of_the_wrong_type_says_what_it_should_be(
    data: Path, field: str, value: Any, says: str
) -> None:
    def corrupt(entries: Entries) -> None:
        target = entry(entries, id="psoas_major")
        (target["innervation"] if field == "roots" else target)[field] = value

    rewrite(muscle_file(data, "psoas_major"), corrupt)
    the_error(data, "psoas_major", says)


@pytest.mark.parametrize("field", ["test", "release", "activation"])
def test_a_muscle_without_its_test_release_or_activation_is_an_error(
    data: Path, field: str
) -> None:
    rewrite(muscle_file(data, "psoas_major"), lambda es: entry(es, id="psoas_major").pop(field))
    the_error(data, f"psoas_major: {field}: is missing")


def test_a_muscle_without_its_home_release_names_file_line_entry_and_field(data: Path) -> None:
    path = muscle_file(data, "psoas_major")
    rewrite(path, lambda es: entry(es, id="psoas_major").pop("home_release"))
    error = the_error(data, "psoas_major: home_release: is missing")
    assert error.startswith(f"muscles/{path.name}:")
    assert "- id: psoas_major" in line_of(data, error)


def test_a_structure_without_its_home_release_is_an_error(data: Path) -> None:
    rewrite(data / "structures.yaml", lambda es: entry(es, id="diaphragm").pop("home_release"))
    error = the_error(data, "diaphragm: home_release: is missing")
    assert error.startswith("structures.yaml:")


def test_a_muscle_may_leave_out_its_home_activation(data: Path) -> None:
    path = muscle_file(data, "psoas_major")
    rewrite(path, lambda es: entry(es, id="psoas_major").pop("home_activation", None))
    assert check_data(data).ok


def test_an_empty_home_activation_is_an_error(data: Path) -> None:
    path = muscle_file(data, "psoas_major")
    rewrite(path, lambda es: entry(es, id="psoas_major").update(home_activation=" "))
    the_error(data, "psoas_major: home_activation:")


def test_a_misspelt_field_lists_the_allowed_fields(data: Path) -> None:
    def misspell(entries: Entries) -> None:
        target = entry(entries, id="psoas_major")
        target["insertoin"] = target.pop("insertion")

    rewrite(muscle_file(data, "psoas_major"), misspell)
    error = the_error(data, "psoas_major: insertoin: is not a field here")
    assert "insertion" in error and "activation" in error


def test_a_test_with_a_misspelt_part_lists_the_test_s_fields(data: Path) -> None:
    rewrite(
        muscle_file(data, "psoas_major"),
        lambda es: entry(es, id="psoas_major")["test"].update(hold="x"),
    )
    error = the_error(data, "psoas_major: test.hold: is not a field here")
    assert "position, stabilization, force, holds" in error


def test_a_side_in_an_entry_id_is_refused(data: Path) -> None:
    rewrite(
        muscle_file(data, "psoas_minor"),
        lambda es: entry(es, id="psoas_minor").update(id="psoas_minor_left"),
    )
    the_error(data, "psoas_minor_left: id: 'psoas_minor_left' names a side")


def test_an_unknown_structure_kind_lists_the_kinds(data: Path) -> None:
    rewrite(data / "structures.yaml", lambda es: entry(es, id="scar").update(kind="scarr"))
    the_error(data, "structures.yaml:", "scar: kind: 'scarr' is not allowed")


def test_broken_yaml_gives_the_file_and_yaml_s_line(data: Path) -> None:
    path = data / "structures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- id: broken\n  name: Broken: structure\n", encoding="utf-8")
    broken_line = len(text.splitlines()) + 2
    error = the_error(data, "not valid YAML")
    assert error.startswith(f"structures.yaml:{broken_line}: (file): yaml: ")


def test_an_unmapped_condition_is_named(data: Path) -> None:
    rewrite(data / "conditions.yaml", lambda es: es.remove(entry(es, id="stress")))
    the_error(data, "conditions.yaml: stress: id: this condition from vocabulary.CONDITIONS")


def test_a_missing_file_is_named(data: Path) -> None:
    (data / "relations.yaml").unlink()
    the_error(data, "relations.yaml: (file): file: is missing")


def test_an_empty_file_is_named(data: Path) -> None:
    (data / "conditions.yaml").write_text("# nothing yet\n", encoding="utf-8")
    the_error(data, "conditions.yaml: (file): file: is empty")


def test_several_problems_are_all_reported_in_one_run(data: Path) -> None:
    path = muscle_file(data, "psoas_major")

    def corrupt(entries: Entries) -> None:
        psoas = entry(entries, id="psoas_major")
        psoas["actions"][0]["action"] = "flexon"
        psoas["region"] = "belly"
        psoas.pop("release")

    rewrite(path, corrupt)
    errors = [e for e in check_data(data).errors if ": psoas_major: " in e]
    assert [LINE.match(e)["field"] for e in errors] == [  # type: ignore[index]
        "region",
        "actions[0].action",
        "release",
    ]


def test_the_report_still_counts_what_is_valid(data: Path) -> None:
    rewrite(
        muscle_file(data, "psoas_major"),
        lambda es: entry(es, id="psoas_major").update(region="belly"),
    )
    report = check_data(data)
    assert report.counts["muscles"] == len(load_atlas().muscles) - 1
    assert "1 error(s):" in report.format()


def test_loading_broken_data_raises_data_file_error_listing_every_problem(data: Path) -> None:
    rewrite(
        muscle_file(data, "psoas_major"),
        lambda es: entry(es, id="psoas_major").update(region="belly"),
    )
    with pytest.raises(DataFileError) as caught:
        load_atlas(data)
    assert caught.value.errors == check_data(data).errors
    assert "psoas_major: region: 'belly' is not a region" in str(caught.value)


def test_a_window_text_too_long_for_the_learning_window_is_an_error(data: Path) -> None:
    path = muscle_file(data, "psoas_major")
    rewrite(path, lambda es: entry(es, id="psoas_major").update(window_release="x " * 50))
    error = the_error(data, "psoas_major: window_release:", "at most 90 characters")
    assert error.startswith(f"muscles/{path.name}:")


def test_a_muscle_without_its_window_activation_is_an_error(data: Path) -> None:
    rewrite(
        muscle_file(data, "psoas_major"),
        lambda es: entry(es, id="psoas_major").pop("window_activation"),
    )
    the_error(data, "psoas_major: window_activation: is missing")


def test_a_structure_with_an_activation_needs_its_window_activation(data: Path) -> None:
    rewrite(data / "structures.yaml", lambda es: entry(es, id="diaphragm").pop("window_activation"))
    the_error(data, "diaphragm", "activation and window_activation come together")
