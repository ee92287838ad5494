"""The command line as a user runs it: exit codes, JSON schema, batches, stdin."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
SPUN = ("Peer groups can promote a sense of neighborhood. The searchings for suggest that "
        "it helps people overcome mental health preconception.\n")
CLEAN = "Peer groups can foster a sense of community. The findings suggest that it helps.\n"


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def report(args, capsys):
    code, out, err = run(["check", "--format", "json", "--grammar", "off", *args], capsys)
    return code, json.loads(out), err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "spun.txt").write_text(SPUN, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_exit_0_when_clean(files, capsys):
    code, data, _ = report([str(files / "clean.md")], capsys)
    assert code == ExitCode.OK
    assert data["documents"][0]["verdict"] == "clean"


def test_exit_1_when_findings_at_fail_on(files, capsys):
    code, data, _ = report([str(files / "spun.txt")], capsys)
    assert code == ExitCode.FINDINGS
    assert run(["check", "--grammar", "off", "--fail-on", "never", str(files / "spun.txt")],
               capsys)[0] == ExitCode.OK


def test_exit_2_on_usage_and_rules_errors(files, capsys, tmp_path):
    assert run(["check"], capsys)[0] == ExitCode.USAGE
    assert run(["check", "/no/such/file.txt"], capsys)[0] == ExitCode.USAGE
    assert run(["check", "--format", "xml", str(files)], capsys)[0] == ExitCode.USAGE
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("prefix: x\nrules:\n  - id: x.a\n    match: a\n")
    code, _, err = run(["check", "--grammar", "off", "--rules", str(bad), str(files)], capsys)
    assert code == ExitCode.USAGE
    assert "x.yaml:3:" in err
    code, _, err = run(["check", "--spacy-model", "no_such_model_xx", str(files)], capsys)
    assert code == ExitCode.USAGE and "not installed" in err


def test_json_schema_and_offsets(files, capsys):
    _, data, _ = report([str(files)], capsys)
    assert data["schema"].startswith("auditor.report/")
    docs = {Path(d["path"]).name: d for d in data["documents"]}
    spun = docs["spun.txt"]
    assert set(spun) >= {"path", "words", "verdict", "scores", "readability", "grammar",
                         "findings", "error"}
    assert spun["grammar"]["status"] == "off"
    content = (files / "spun.txt").read_text(encoding="utf-8")
    kinds = set()
    for f in spun["findings"]:
        assert set(f) >= {"rule_id", "kind", "severity", "start", "end", "line", "column",
                          "text", "suggestion", "message"}
        assert content[f["start"]:f["end"]] == f["text"]
        kinds.add(f["kind"])
    assert kinds == {"swap"}
    texts = {f["text"] for f in spun["findings"]}
    assert {"neighborhood", "preconception"} <= texts
    assert any("searchings" in t for t in texts)


def test_bad_file_does_not_stop_the_batch(files, capsys):
    (files / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (files / "empty.txt").write_text("   \n")
    code, data, _ = report([str(files)], capsys)
    docs = {Path(d["path"]).name: d for d in data["documents"]}
    assert set(docs) == {"binary.txt", "clean.md", "empty.txt", "spun.txt"}
    assert docs["binary.txt"]["verdict"] == "error"
    assert docs["binary.txt"]["error"] and docs["binary.txt"]["findings"][0]["kind"] == "error"
    assert docs["empty.txt"]["verdict"] == "empty"
    assert "nothing to audit" in " ".join(docs["empty.txt"]["notes"])
    assert docs["spun.txt"]["findings"]
    assert code == ExitCode.FINDINGS


def test_file_is_never_modified(files, capsys):
    before = (files / "spun.txt").read_bytes()
    report([str(files / "spun.txt")], capsys)
    assert (files / "spun.txt").read_bytes() == before


def test_stdin_and_python_m(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", "-", "--format", "json",
                           "--grammar", "off"], input=SPUN.encode(), capture_output=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    data = json.loads(proc.stdout)
    assert data["documents"][0]["path"] == "-"
    assert data["documents"][0]["findings"]


def test_command_output_is_complete_and_exit_codes_hold_after_fast_exit(files, tmp_path):
    """`auditor` ends with os._exit (auditor.cli.exit_now): buffered output must all arrive
    and every exit code must come through."""
    def command(*args):
        return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True,
                              cwd=tmp_path, timeout=120)

    big = command("check", "--format", "jsonl", "--grammar", "off", str(ROOT / "samples"),
                  str(files))
    assert big.returncode == ExitCode.FINDINGS, big.stderr
    lines = big.stdout.decode().splitlines()
    assert len(lines) > 4 and all(json.loads(line) for line in lines)  # nothing cut off
    assert command("check", "--grammar", "off", str(files / "clean.md")).returncode == 0
    usage = command("check", "--format", "nope", str(files))
    assert usage.returncode == ExitCode.USAGE and b"invalid choice" in usage.stderr


def test_exit_now_runs_exit_handlers_and_flushes(tmp_path):
    code = ("import atexit, sys\n"
            "from auditor.cli import exit_now\n"
            "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
            "sys.stdout.write('x' * 100000)\n"
            "exit_now(7)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == 7
    assert proc.stdout == b"x" * 100000 and b"handler ran" in proc.stderr


def test_rich_report_plain_when_not_a_terminal(files, capsys):
    code, out, _ = run(["check", "--grammar", "off", "--show-text", str(files)], capsys)
    assert "\x1b[" not in out
    assert "«neighborhood»[1]" in out
    assert "spun.txt" in out


def test_rich_report_of_a_folder_is_compact_and_starts_with_the_summary(files, capsys):
    code, out, _ = run(["check", "--grammar", "off", str(files)], capsys)
    assert out.startswith("2 documents: 1 spun, 1 clean\n")
    assert "«neighborhood»" not in out and "neighborhood →" in out  # findings, no text
    code, out, _ = run(["check", "--grammar", "off", str(files / "spun.txt")], capsys)
    assert "«neighborhood»[1]" in out  # one file: its text
    code, out, _ = run(["check", "--no-text", str(files / "spun.txt")], capsys)
    assert "«neighborhood»" not in out
    assert run(["check", "--show-text", "--no-text", str(files)], capsys)[0] == 2


def test_output_file(files, capsys, tmp_path):
    out = tmp_path / "report.json"
    run(["check", "--format", "json", "--grammar", "off", "-o", str(out), str(files)], capsys)
    assert json.loads(out.read_text())["documents"]


def test_rules_list_and_explain(capsys):
    code, out, _ = run(["rules", "list"], capsys)
    assert code == 0 and "idiom.sense-of-community" in out
    code, out, _ = run(["rules", "explain", "idiom.sense-of-community"], capsys)
    assert code == 0 and "sense of community" in out and "flags:" in out
    assert run(["rules", "explain", "no.such-rule"], capsys)[0] == ExitCode.USAGE


def test_grammar_unavailable_is_reported_and_audit_goes_on(files, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "nolt"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.delenv("AUDITOR_LANGUAGETOOL_URL", raising=False)
    code, out, _ = run(["check", "--format", "json", str(files / "spun.txt")], capsys)
    doc = json.loads(out)["documents"][0]
    assert doc["grammar"]["status"] == "unavailable" and doc["grammar"]["reason"]
    assert doc["findings"] and doc["readability"]["textstat_words"] > 0
    assert "words" not in doc["readability"]  # one "words": the document's (schema 3)


def test_bad_output_and_threshold_are_usage_errors(files, capsys, tmp_path):
    folder = tmp_path / "out_dir"
    folder.mkdir()
    assert run(["check", "--grammar", "off", "-o", str(folder), str(files)], capsys)[0] == 2
    report = tmp_path / "keep.txt"
    report.write_text("previous report")
    assert run(["check", "-j", "0", "-o", str(report), str(files)], capsys)[0] == 2
    assert report.read_text() == "previous report"
    assert run(["batch", "--family-threshold", "1.5", str(files)], capsys)[0] == 2


def test_report_file_inside_the_audited_folder_is_not_audited(files, capsys):
    out = files / "report.txt"
    run(["check", "--format", "json", "--grammar", "off", "-o", str(out), str(files)], capsys)
    paths = [Path(d["path"]).name for d in json.loads(out.read_text())["documents"]]
    assert "report.txt" not in paths


def test_internal_error_exits_4(files, capsys, monkeypatch):
    from auditor.core import runner

    def boom(self, path, stdin_bytes=None):
        raise RuntimeError("simulated bug")
    monkeypatch.setattr(runner.Runner, "audit", boom)
    code, _, err = run(["check", "--grammar", "off", str(files / "spun.txt")], capsys)
    assert code == ExitCode.INTERNAL and "internal error" in err
