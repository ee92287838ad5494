"""Config discovery and precedence: defaults < config file < command line."""
from __future__ import annotations

import json

import pytest

from auditor.cli import main
from auditor.core import config
from auditor.core.errors import ConfigError, ExitCode

SPUN = "Peer groups can promote a sense of neighborhood.\n"


def test_discovery_walks_up_and_skips_files_without_our_section(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nfail_on = "warning"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    found = config.discover(sub)
    assert found == tmp_path / "pyproject.toml"
    assert config.load(found).fail_on == "warning"


def test_auditor_toml_and_relative_rules(tmp_path):
    (tmp_path / ".auditor.toml").write_text('[auditor]\nrules = ["myrules"]\ndisable = ["idiom"]\n')
    cfg = config.load(config.discover(tmp_path))
    assert cfg.rules == (str((tmp_path / "myrules").resolve()),)
    assert cfg.disable == ("idiom",)


@pytest.mark.parametrize("body, error", [
    ('[auditor]\nfail_onn = "error"\n', "unknown key"),
    ('[auditor]\ngrammar = "maybe"\n', "grammar must be"),
    ('[auditor]\ndisable = "idiom"\n', "must be a list"),
    ('[auditor\n', "invalid TOML"),
])
def test_bad_config_is_a_clear_error(tmp_path, body, error):
    path = tmp_path / ".auditor.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=error):
        config.load(path)


def test_command_line_overrides_config_and_disable_works(tmp_path, monkeypatch, capsys):
    (tmp_path / ".auditor.toml").write_text('[auditor]\ngrammar = "off"\nfail_on = "never"\n')
    (tmp_path / "spun.txt").write_text(SPUN)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "spun.txt", "--format", "json"]) == ExitCode.OK
    assert main(["check", "spun.txt", "--format", "json", "--fail-on", "error"]) == ExitCode.FINDINGS
    capsys.readouterr()
    # a disabled rule no longer hides the near-miss tier's finding on the same swap (issue 10;
    # tests/test_reporting_filter.py): both are disabled here
    assert main(["check", "spun.txt", "--format", "json", "--fail-on", "error",
                 "--disable", "idiom.sense-of-community", "--disable", "nearmiss"]) == ExitCode.OK
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    assert doc["findings"] == [] and doc["grammar"]["status"] == "off"


def test_bad_config_file_exits_2(tmp_path, monkeypatch, capsys):
    (tmp_path / ".auditor.toml").write_text('[auditor]\nnope = 1\n')
    (tmp_path / "a.txt").write_text("text")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt"]) == ExitCode.USAGE
    assert "unknown key" in capsys.readouterr().err
    assert main(["check", "--no-config", "--grammar", "off", "a.txt"]) == ExitCode.OK


def test_config_command_prints_effective_settings(tmp_path, monkeypatch, capsys):
    (tmp_path / ".auditor.toml").write_text('[auditor]\nfail_on = "warning"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["config"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert ".auditor.toml" in out and 'fail_on = "warning"' in out


def _outside_repo(tmp_path, body):
    """A config file one folder above a repository root; returns a folder inside the repo."""
    (tmp_path / "pyproject.toml").write_text(body)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "a.txt").write_text(SPUN)
    return repo / "docs"


OUTSIDE = '[tool.auditor]\ngrammar = "off"\nlanguagetool_url = "http://127.0.0.1:9/lt"\n'


def test_config_from_above_the_repository_root_is_reported(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_outside_repo(tmp_path, OUTSIDE + 'rules = ["packs"]\n'))
    assert main(["config"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "# warning: config file" in out and "outside the repository root" in out
    assert "http://127.0.0.1:9/lt" in out and str(tmp_path / "packs") in out
    assert "--isolated" in out


def test_run_header_reports_outside_config(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_outside_repo(tmp_path, OUTSIDE))
    main(["check", "a.txt", "--no-color", "--fail-on", "never"])
    captured = capsys.readouterr()
    assert captured.out.startswith("warning: config file")
    assert "http://127.0.0.1:9/lt" in captured.out.split("\n\n")[0].replace("\n", "")
    main(["check", "a.txt", "-f", "json", "--fail-on", "never"])
    captured = capsys.readouterr()
    json.loads(captured.out)  # JSON stays one document; the warning goes to stderr
    assert "auditor: warning: config file" in captured.err


def test_isolated_ignores_config_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_outside_repo(tmp_path, OUTSIDE.replace('"off"', '"public"')))
    assert main(["config", "--isolated"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "built-in defaults" in out and "# warning" not in out
    # unset values are TOML comments (auditor config prints valid TOML)
    assert '# languagetool_url = (not set)' in out and 'grammar = "auto"' in out
    main(["check", "a.txt", "-f", "json", "--isolated", "--grammar", "off", "--fail-on", "never"])
    captured = capsys.readouterr()
    assert "warning" not in captured.err
    assert json.loads(captured.out)["documents"][0]["grammar"]["status"] == "off"


@pytest.mark.parametrize("where, body, warned", [
    ("root", OUTSIDE, False),          # in the repository root itself: the project's own
    ("inside", OUTSIDE, False),        # in a folder of the repository
    ("above", '[tool.auditor]\nfail_on = "never"\n', False),  # sets nothing that reaches out
    ("above", OUTSIDE, True),
    ("norepo", OUTSIDE, True),         # no repository at all
])
def test_outside_warning_only_for_reaching_settings_beyond_the_root(tmp_path, where, body,
                                                                     warned):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    if where != "norepo":
        (repo / ".git").mkdir()
    folder = {"root": repo, "inside": repo / "docs"}.get(where, tmp_path)
    (folder / "pyproject.toml").write_text(body)
    cfg = config.load(config.discover(repo / "docs"))
    warning = config.outside_warning(cfg, repo / "docs")
    assert (warning is not None) == warned
