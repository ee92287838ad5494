"""One settings object from defaults, config file and command line (auditor.core.settings):
config.Config and runner.Options are the same class."""
from __future__ import annotations

from dataclasses import replace

import pytest

from auditor.core import config, runner
from auditor.core.errors import ConfigError
from auditor.core.findings import Severity
from auditor.core.settings import FILE_KEYS, RUN_KEYS, Settings


def test_config_and_options_are_the_one_settings_class():
    assert config.Config is Settings and runner.Options is Settings
    assert config.Config() == runner.Options()


def test_severity_labels_are_stored_as_severities():
    assert Settings(min_severity="suggestion").min_severity is Severity.SUGGESTION
    assert Settings().min_severity is Severity.WARNING
    with pytest.raises(ValueError):
        Settings(min_severity="loud")


def test_config_files_set_only_file_keys(tmp_path):
    path = tmp_path / ".auditor.toml"
    path.write_text('[auditor]\nmin_severity = "suggestion"\ndisable = ["idiom"]\n')
    loaded = config.load(path)
    assert loaded.min_severity is Severity.SUGGESTION and loaded.disable == ("idiom",)
    assert loaded.source == str(path)
    for key in RUN_KEYS:
        if key == "source":
            continue
        path.write_text(f'[auditor]\n{key} = "x"\n')
        with pytest.raises(ConfigError, match="unknown key"):
            config.load(path)
    path.write_text('[auditor]\nmin_severity = "loud"\n')
    with pytest.raises(ConfigError, match="min_severity must be one of"):
        config.load(path)


def test_as_dict_and_toml_hold_the_file_keys_only():
    settings = replace(Settings(), families=True, baseline_data=object(), min_severity="error")
    assert tuple(settings.as_dict()) == FILE_KEYS
    text = config.to_toml(settings)
    assert 'min_severity = "error"' in text and "families" not in text
    assert "baseline_data" not in text and "# baseline = (not set)" in text


def test_the_command_line_settings_reach_the_runner(tmp_path, monkeypatch):
    """cli builds the runner's settings from the effective config (replace), not a copy."""
    from auditor import cli

    seen = {}

    def fake_audit_paths(paths, options, jobs, stdin_bytes):
        seen["options"] = options
        return iter(())

    monkeypatch.setattr("auditor.engines.parallel.audit_paths", fake_audit_paths)
    (tmp_path / ".auditor.toml").write_text('[auditor]\ndisable = ["idiom"]\ntime_budget = 0\n')
    (tmp_path / "a.txt").write_text("Hello.\n")
    monkeypatch.chdir(tmp_path)
    cli.main(["check", "a.txt", "--min-severity", "suggestion", "--grammar", "off",
              "--disable", "rare", "-f", "json"])
    options = seen["options"]
    assert isinstance(options, Settings)
    assert options.min_severity is Severity.SUGGESTION and options.grammar == "off"
    assert options.disable == ("idiom", "rare") and options.time_budget is None
    assert options.source == str(tmp_path / ".auditor.toml")
