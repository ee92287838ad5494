"""Baselines (auditor.core.baseline): --write-baseline, then --baseline accepts those findings."""
from __future__ import annotations

import json

import pytest

from auditor.cli import main
from auditor.core.errors import ExitCode

SPUN = "It fosters a sense of neighborhood.\n"
NEW = "Members of the group have problem with peer assistance every week.\n"
OPTS = ["--format", "json", "--grammar", "off", "--no-readability", "--time-budget", "0"]


def run(args, capsys):
    code = main(["check", *OPTS, *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Groups\n\n" + SPUN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SPUN + "\n" + SPUN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_then_apply_accepts_recorded_findings(project, capsys):
    code, _, err = run(["--write-baseline", "baseline.json", "docs", "b.txt"], capsys)
    assert code == ExitCode.OK and "3 finding(s) recorded" in err
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["schema"] == "auditor.baseline/1"
    assert [e["path"] for e in data["findings"]] == ["b.txt", "docs/a.md"]  # sorted
    assert data["findings"][0]["count"] == 2
    code, report, _ = run(["--baseline", "baseline.json", "docs", "b.txt"], capsys)
    assert code == ExitCode.OK
    assert all(d["findings"] == [] for d in report["documents"])
    # without the baseline the same run fails
    code, _, _ = run(["docs", "b.txt"], capsys)
    assert code == ExitCode.FINDINGS


def test_written_baseline_is_stable(project, capsys):
    run(["--write-baseline", "one.json", "docs", "b.txt"], capsys)
    run(["--write-baseline", "two.json", "b.txt", "docs"], capsys)
    assert (project / "one.json").read_bytes() == (project / "two.json").read_bytes()


def test_edits_elsewhere_keep_the_match_new_findings_fail(project, capsys):
    run(["--write-baseline", "baseline.json", "docs", "b.txt"], capsys)
    a = project / "docs" / "a.md"
    a.write_text("# Groups\n\nA new first paragraph, quite long, moves every offset.\n\n"
                 + a.read_text(encoding="utf-8").split("\n\n", 1)[1] + "\n" + NEW,
                 encoding="utf-8")
    code, report, _ = run(["--baseline", "baseline.json", "docs", "b.txt"], capsys)
    left = [(d["path"], f["rule_id"], f["line"]) for d in report["documents"]
            for f in d["findings"]]
    assert left and all(line == 7 for _, _, line in left)  # only the new paragraph
    assert "idiom.sense-of-community" not in {r for _, r, _ in left}
    assert code == ExitCode.FINDINGS


def test_a_third_copy_is_new(project, capsys):
    run(["--write-baseline", "baseline.json", "b.txt"], capsys)
    (project / "b.txt").write_text(SPUN * 3, encoding="utf-8")
    code, report, _ = run(["--baseline", "baseline.json", "b.txt"], capsys)
    assert len(report["documents"][0]["findings"]) == 1 and code == ExitCode.FINDINGS


def test_baseline_works_from_another_directory(project, capsys, monkeypatch):
    run(["--write-baseline", "baseline.json", "docs"], capsys)
    monkeypatch.chdir(project / "docs")
    code, report, _ = run(["--baseline", "../baseline.json", "a.md"], capsys)
    assert code == ExitCode.OK and report["documents"][0]["findings"] == []


@pytest.mark.parametrize("content, message", [
    ("{not json", "invalid JSON"),
    ('{"schema": "other"}', "expected schema"),
    ('{"schema": "auditor.baseline/1", "findings": [{"path": "x"}]}', "entry 0"),
])
def test_bad_baseline_exits_2(project, capsys, content, message):
    (project / "bad.json").write_text(content, encoding="utf-8")
    code = main(["check", *OPTS, "--baseline", "bad.json", "b.txt"])
    assert code == ExitCode.USAGE or code == 2
    assert message in capsys.readouterr().err


# The `baseline` config key: relative to the config file's folder (as ruff resolves its
# paths), replaced by --baseline, not applied when --write-baseline writes a new one.

def configure(project, value: str = "ci/baseline.json"):
    (project / ".auditor.toml").write_text(f'[auditor]\nbaseline = "{value}"\n',
                                           encoding="utf-8")


def test_config_baseline_is_relative_to_the_config_file(project, capsys, monkeypatch):
    (project / "ci").mkdir()
    run(["--write-baseline", "ci/baseline.json", "docs", "b.txt"], capsys)
    configure(project)
    code, report, _ = run(["docs", "b.txt"], capsys)
    assert code == ExitCode.OK and all(d["findings"] == [] for d in report["documents"])
    monkeypatch.chdir(project / "docs")  # found by walking up; not ./ci/baseline.json
    code, report, _ = run(["a.md"], capsys)
    assert code == ExitCode.OK and report["documents"][0]["findings"] == []
    code, _, _ = run(["--isolated", "a.md"], capsys)  # the same run without the config
    assert code == ExitCode.FINDINGS


def test_command_line_baseline_replaces_the_config_one(project, capsys):
    (project / "ci").mkdir()
    run(["--write-baseline", "ci/baseline.json", "b.txt"], capsys)
    (project / "empty.json").write_text('{"schema": "auditor.baseline/1", "findings": []}',
                                        encoding="utf-8")
    configure(project)
    assert run(["b.txt"], capsys)[0] == ExitCode.OK
    code, report, _ = run(["--baseline", "empty.json", "b.txt"], capsys)
    assert code == ExitCode.FINDINGS and len(report["documents"][0]["findings"]) == 2


def test_write_baseline_records_what_the_config_baseline_accepts(project, capsys):
    (project / "ci").mkdir()
    run(["--write-baseline", "ci/baseline.json", "docs", "b.txt"], capsys)
    configure(project)
    code, _, err = run(["--write-baseline", "ci/baseline.json", "docs", "b.txt"], capsys)
    assert code == ExitCode.OK and "3 finding(s) recorded" in err  # not 0: none dropped


def test_missing_config_baseline_exits_2_naming_the_config(project, capsys):
    configure(project, "ci/nowhere.json")
    assert main(["check", *OPTS, "b.txt"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "nowhere.json" in err and "cannot read the baseline" in err
    assert ".auditor.toml" in err


def test_config_baseline_key_is_checked_and_prints_back(project, capsys):
    from auditor.core.config import ConfigError, load, to_toml

    configure(project, "ci/baseline.json")
    loaded = load(project / ".auditor.toml")
    assert loaded.baseline == str((project / "ci" / "baseline.json").resolve())
    (project / "again.toml").write_text(to_toml(loaded), encoding="utf-8")
    assert load(project / "again.toml").baseline == loaded.baseline  # `auditor config` output
    (project / ".auditor.toml").write_text("[auditor]\nbaseline = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="baseline"):
        load(project / ".auditor.toml")


def test_dask_engine_refuses_a_config_baseline(project, capsys):
    configure(project)
    assert main(["batch", "b.txt", "--engine", "dask", "--format", "json"]) == ExitCode.USAGE
    assert "--engine dask does not apply a baseline" in capsys.readouterr().err
