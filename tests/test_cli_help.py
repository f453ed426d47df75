"""`repattern --help` names Repattern's own commands beside Django's, and each of them explains
itself with --help instead of taking the word for an argument."""

from __future__ import annotations

import pytest

from repattern import cli


@pytest.mark.parametrize("argv", [["--help"], ["help"], []])
def test_the_main_help_lists_check_data_and_bench_before_djangos_commands(argv, capsys):
    cli.main(argv)
    out = capsys.readouterr().out
    assert out.startswith("Repattern commands:")
    assert "    check-data   Check the atlas data files" in out
    assert "    bench        Run a benchmark" in out
    assert out.index("bench") < out.index("createclinic") < out.index("migrate")


def test_help_for_a_django_command_is_djangos_alone(capsys):
    cli.main(["help", "createclinic"])
    out = capsys.readouterr().out
    assert "Repattern commands:" not in out and "--owner" in out


@pytest.mark.parametrize("argv", [["check-data", "--help"], ["help", "check-data"]])
def test_check_data_help_prints_usage_instead_of_checking_a_folder_named_help(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: repattern check-data [-h] [folder]")
    assert "problem" not in out.split("\n")[0]


@pytest.mark.parametrize("argv", [["bench", "--help"], ["help", "bench"]])
def test_bench_help_lists_every_bench_with_a_line_each(argv, capsys):
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: repattern bench <name> [options]")
    for name in cli.bench_names():
        line = next(line for line in out.splitlines() if line.strip().startswith(name))
        assert len(line.split()) > 3, line
    assert {"atlas", "engine"} <= set(cli.bench_names())


def test_an_unknown_bench_shows_the_list_and_fails(capsys):
    assert cli.main(["bench", "nonsense"]) == 2
    assert "Benches:" in capsys.readouterr().err
