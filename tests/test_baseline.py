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
