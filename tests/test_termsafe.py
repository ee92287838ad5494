"""The one terminal sanitiser, and that every terminal output goes through it: file names,
table cells, notes, grammar messages, rule packs, error messages; bidi overrides in HTML."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from auditor.core.findings import KIND_GRAMMAR, Finding, Severity
from auditor.core.results import DocumentResult
from auditor.inputs.document import Document
from auditor.reporters.html_report import HtmlReporter
from auditor.reporters.rich_report import RichReporter
from auditor.util.termsafe import clean

HOSTILE = "\x1b]0;X\x07\x1b[2J"
RLO = "\u202e"


def test_clean_shows_controls_and_bidi_and_keeps_ordinary_text():
    assert clean("plain text,\ttabs\r\nand lines\n") == "plain text,\ttabs\r\nand lines\n"
    assert clean("caf\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001f600") == "caf\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001f600"
    assert clean(HOSTILE) == "\u241b]0;X\u2407\u241b[2J"
    assert clean("a\rb") == "a\u240db"  # a lone CR would overwrite the line
    assert clean("\x9b31m\x7f") == "\ufffd31m\u2421"
    assert clean(f"x{RLO}y\u2066z") == "x<U+202E>y<U+2066>z"
    assert clean("two\nlines\t", multiline=False) == "two\u240alines\u2409"


def _result(path: str, content: str, findings: list[Finding], **kw) -> DocumentResult:
    return DocumentResult(path=path, document=Document(path=path, content=content), words=9,
                          verdict="spun", scores={"spin_density": 2.0}, findings=findings, **kw)


def _hostile_result() -> DocumentResult:
    content = f"A sense of neighborhood {HOSTILE}here{RLO}.\n"
    start = content.index("neighborhood")
    end = content.index(".")
    swap = Finding(rule_id="idiom.x", kind="swap", severity=Severity.ERROR, start=start,
                   end=end, text=content[start:end], message=f"swap {HOSTILE}",
                   suggestion=f"community{HOSTILE}")
    lt = Finding(rule_id=f"lt.RULE{HOSTILE}", kind=KIND_GRAMMAR, severity=Severity.WARNING,
                 start=0, end=1, text="A", message=f"LanguageTool says {HOSTILE}{RLO}")
    return _result(f"{HOSTILE}name{RLO}.txt", content, [swap, lt], notes=[f"note {HOSTILE}"],
                   grammar={"status": "ok", "reason": f"r{HOSTILE}", "server": f"s{HOSTILE}",
                            "issues": 1})


@pytest.mark.parametrize("show_text", [True, False])
def test_rich_report_never_prints_escapes_or_raw_bidi(show_text):
    out = io.StringIO()
    reporter = RichReporter(out, color=False, show_text=show_text)
    reporter.start(2)
    reporter.document(_hostile_result())
    error = DocumentResult(path=f"bad{HOSTILE}.txt", document=None, verdict="error",
                           error=f"cannot read {HOSTILE}")
    reporter.document(error)
    reporter.finish()
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text and RLO not in text
    assert "\u241b]0;X" in text and "<U+202E>" in text


def test_html_shows_bidi_overrides_visibly():
    out = io.StringIO()
    reporter = HtmlReporter(out)
    reporter.start(1)
    reporter.document(_hostile_result())
    reporter.finish()
    page = out.getvalue()
    assert RLO not in page and "&lt;U+202E&gt;" in page


def test_rules_explain_cleans_pack_text(tmp_path):
    pack = tmp_path / "x.yaml"
    pack.write_text(
        'prefix: x\nrules:\n  - id: x.bad\n    match: "[neighbourhoodz]"\n'
        '    original: "community\\e[2J"\n    severity: error\n'
        '    message: "bad \\e]0;X\\a \\u202e"\n'
        '    examples: {flag: ["a neighbourhoodz"], ok: ["a community"]}\n')
    for args in (["explain", "x.bad"], ["list"]):
        proc = subprocess.run([sys.executable, "-m", "auditor", "rules", *args, "--rules",
                               str(tmp_path)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "\x1b" not in proc.stdout and RLO not in proc.stdout and "community\u241b[2J" in proc.stdout


def test_error_messages_with_hostile_file_names_are_cleaned(tmp_path):
    bad = tmp_path / f"{HOSTILE}cfg{RLO}.toml"
    doc = tmp_path / "x.txt"
    doc.write_text("Hello.\n")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", "--config", str(bad), str(doc)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr and RLO not in proc.stderr and "\u241b" in proc.stderr


def test_hostile_file_name_on_the_command_line(tmp_path):
    path = tmp_path / f"{HOSTILE}name.txt"
    path.write_text("A sense of neighborhood helps.\n")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", "--grammar", "off",
                           str(path)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "100"})
    assert "\x1b" not in proc.stdout and "\u241b]0;X" in proc.stdout
