"""--statistics, --color / NO_COLOR / FORCE_COLOR, --quiet, and `auditor config` as TOML."""
from __future__ import annotations

import io
import sys

import pytest

from auditor.cli import main
from auditor.core.config import Config, load
from auditor.core.errors import ExitCode
from auditor.reporters.rich_report import make_console

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPUN = "It fosters a sense of neighborhood. It offers peer assistance.\n"
OPTS = ["check", "--grammar", "off", "--no-readability", "--time-budget", "0"]


@pytest.fixture
def spun(tmp_path):
    path = tmp_path / "spun.txt"
    path.write_text(SPUN * 2, encoding="utf-8")
    return path


def test_statistics_counts_per_rule(spun, capsys):
    code = main([*OPTS, "--statistics", str(spun)])
    out, _ = capsys.readouterr()
    assert code == ExitCode.FINDINGS
    lines = out.splitlines()
    assert [line.split() for line in lines[:2]] == [  # most frequent, then by id
        ["2", "idiom.peer-support", "warning", "2", "fixable"],
        ["2", "idiom.sense-of-community", "error", "2", "fixable"]]
    assert lines[2] == "4 findings from 2 rules"
    assert lines[3] == "failed: 2 findings at or above error in 1 of 1 document (--fail-on error)"


@pytest.mark.parametrize("setting, env, tty, coloured", [
    (True, {}, True, True),
    (True, {}, False, False),
    (True, {"NO_COLOR": "1"}, True, False),
    (True, {"FORCE_COLOR": "1"}, False, True),
    (True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ("always", {"NO_COLOR": "1"}, False, True),
    (False, {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_decision(monkeypatch, setting, env, tty, coloured):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()
    stream.isatty = lambda: tty
    console, _ = make_console(stream, setting)
    console.print("[bold]x[/bold]", markup=True)
    assert ("\x1b[" in stream.getvalue()) == coloured


def test_cli_color_flags(spun, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    main([*OPTS, "--color", "always", "--no-text", str(spun)])
    assert "\x1b[" in capsys.readouterr().out
    for flags in (["--color", "never"], ["--no-color"], []):  # capsys is not a terminal
        main([*OPTS, *flags, "--no-text", str(spun)])
        assert "\x1b[" not in capsys.readouterr().out
    monkeypatch.setenv("FORCE_COLOR", "1")
    main([*OPTS, "--no-text", str(spun)])
    assert "\x1b[" in capsys.readouterr().out


def test_quiet_prints_findings_and_the_failing_summary_only(spun, tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("Peer groups meet every week in the library.\n", encoding="utf-8")
    code = main([*OPTS, "--quiet", str(spun), str(clean)])
    out, err = capsys.readouterr()
    assert code == ExitCode.FINDINGS
    assert f"{spun}:1:23: error idiom.sense-of-community " in out
    assert len(out.splitlines()) == 4
    assert "clean.txt" not in out and "summary" not in out
    assert err.strip().splitlines() == [
        "auditor: failed: 2 findings at or above error in 1 of 2 documents (--fail-on error)"]
    code = main([*OPTS, "--quiet", str(clean)])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK and out.strip() == "" and err == ""


def test_config_prints_toml_that_loads_back_to_the_same_settings(tmp_path, capsys,
                                                                  monkeypatch):
    (tmp_path / "packs").mkdir()
    (tmp_path / ".auditor.toml").write_text(
        '[auditor]\nfail_on = "warning"\nfail_on_verdict = "spun"\ngrammar = "off"\n'
        'disable = ["idiom.safe-space", "consistency"]\nrules = ["packs"]\n'
        'extend_exclude = ["docs/\\"odd\\"\\u202e"]\ntime_budget = 2.5\nreadability = false\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["config"]) == ExitCode.OK
    text = capsys.readouterr().out
    parsed = tomllib.loads(text)  # valid TOML
    assert parsed["auditor"]["fail_on_verdict"] == "spun"
    assert "\u202e" not in text  # escaped, so the terminal shows it safely
    original = load(tmp_path / ".auditor.toml")
    pasted = tmp_path / "pasted" / ".auditor.toml"
    pasted.parent.mkdir()
    pasted.write_text(text, encoding="utf-8")
    again = load(pasted)
    assert again == original  # same effective settings (source is not compared)
    assert again.rules == original.rules  # absolute after the first load


def test_config_defaults_round_trip(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["config", "--isolated"]) == ExitCode.OK
    path = tmp_path / "x" / ".auditor.toml"
    path.parent.mkdir()
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert load(path) == Config()
