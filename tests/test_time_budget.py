"""A time budget per document, and the known slow inputs made fast (linear)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core import runner
from auditor.core.runner import Options, Runner
from auditor.inputs import document
from auditor.inputs.document import Document
from auditor.util import timebudget

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def slow_detector(monkeypatch):
    """Documents holding SLOW take 30 s in the spaCy stage (a stand-in for a slow path)."""
    real = runner.findings_from_doc

    def findings(doc):
        if "SLOW" in doc.text:
            time.sleep(30)
        return real(doc)
    monkeypatch.setattr(runner, "findings_from_doc", findings)


def test_a_document_over_its_budget_is_an_error_result(slow_detector):
    with Runner(Options(grammar="off", readability=False, time_budget=3)) as r:
        began = time.monotonic()
        result = r.audit_document(Document("slow.txt", "SLOW text here."))
        assert time.monotonic() - began < 10
        assert result.verdict == "error" and "time budget of 6 s" in result.error
        assert result.findings[0].rule_id == "input.time-budget"
        assert r.audit_document(Document("ok.txt", "A sense of neighborhood.")).verdict != "error"


def test_the_batch_goes_on_after_a_slow_document(slow_detector, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("SLOW text here.\n")
    (tmp_path / "b.txt").write_text("Peer groups can promote a sense of neighborhood.\n")
    code = main(["check", "--grammar", "off", "-f", "json", "--time-budget", "3",
                 str(tmp_path)])
    docs = {Path(d["path"]).name: d for d in json.loads(capsys.readouterr().out)["documents"]}
    assert code == 1
    assert docs["a.txt"]["verdict"] == "error" and "time budget" in docs["a.txt"]["error"]
    assert docs["b.txt"]["verdict"] != "error" and docs["b.txt"]["findings"]


def test_budget_scales_with_words_and_can_be_off():
    assert timebudget.budget_for(100, 5.0) == 10.0
    assert timebudget.budget_for(100_000, 5.0) == 50.0
    assert timebudget.budget_for(100, None) is None and timebudget.budget_for(100, 0) is None


def test_time_budget_config_key_and_option(tmp_path, capsys):
    from auditor.core.config import load
    from auditor.core.errors import ConfigError

    cfg = tmp_path / ".auditor.toml"
    cfg.write_text("[auditor]\ntime_budget = 20\n")
    assert load(cfg).time_budget == 20
    cfg.write_text("[auditor]\ntime_budget = -1\n")
    with pytest.raises(ConfigError, match="time_budget"):
        load(cfg)
    doc = tmp_path / "a.txt"
    doc.write_text("Hello.\n")
    assert main(["check", "--time-budget", "-1", str(doc)]) == 2


def test_email_mask_is_linear():
    began = time.monotonic()
    document.mask_plain("a." * 50_000)  # 100 KB: 37 s with the quadratic expression
    assert time.monotonic() - began < 2
    assert document.mask_plain("write to jo.doe+x@example.co.uk now") == \
        "write to " + " " * len("jo.doe+x@example.co.uk") + " now"


@pytest.mark.parametrize("text", ["`" * 40_000, "](" * 20_000, "``````\n" + "~" * 40_000,
                                  "[a\n" * 30_000])
def test_markdown_masks_are_linear(text):
    began = time.monotonic()
    masked = document.mask_markdown(text)
    assert time.monotonic() - began < 2 and len(masked) == len(text)


@pytest.mark.parametrize("run", ["(" * 16_000, "()" * 8_000, "!?" * 8_000])
def test_long_symbol_runs_are_fast_and_keep_offsets(run):
    text = f"A sense of neighborhood {run} and the searchings for it."
    with Runner(Options(grammar="off", readability=False, time_budget=None)) as r:
        began = time.monotonic()
        result = r.audit_document(Document("p.txt", text))
        assert time.monotonic() - began < 5  # 16 KB of ( took 30 s in spaCy's tokenizer
    assert {f.text for f in result.findings} >= {"neighborhood", "searchings for"}
    for f in result.findings:
        assert text[f.start:f.end] == f.text


def test_symbol_runs_keep_ordinary_text_unchanged():
    for path in sorted((ROOT / "samples").glob("*.*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert document.blank_symbol_runs(text) == text, path
    assert document.blank_symbol_runs("-" * 50) == "-" * 50
    assert document.blank_symbol_runs("x" + "=" * 60 + "y") == "x=" + " " * 58 + "=y"
