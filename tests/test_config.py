"""Config discovery and precedence: defaults < config file < command line."""
from __future__ import annotations

import json

import pytest

from auditor import config
from auditor.cli import main
from auditor.errors import ConfigError, ExitCode

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
    assert main(["check", "spun.txt", "--format", "json", "--fail-on", "error",
                 "--disable", "idiom.sense-of-community"]) == ExitCode.OK
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
