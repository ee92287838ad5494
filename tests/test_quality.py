"""Measured quality on ../shared (skipped with a reason when it is absent):

- the three spun samples against the gold spans: tortured recall >= 0.85, awkward >= 0.5,
  precision >= 0.9, scored by ../shared/tools/spin_score.py itself;
- the reconstructed original article: at most 2 suspect-swap findings;
- the clean corpora: at most 0.1 suspect-swap findings per 1,000 words at the default
  severity (the core issue asked for 0.5; the tiers issue for 0.1), and at least 98% of
  documents judged `clean`;
- every spun sample judged `spun`.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from auditor.core.runner import Options, Runner
from auditor.inputs import document
from auditor.reporters.json_report import SCHEMA, document_dict

from .conftest import shared_or_skip

MIN_TORTURED, MIN_AWKWARD, MIN_PRECISION = 0.85, 0.5, 0.9
MAX_ORIGINAL_FINDINGS = 2
MAX_CLEAN_PER_1000 = 0.1
MIN_CLEAN_VERDICT_SHARE = 0.98


@pytest.fixture(scope="module")
def runner():
    with Runner(Options(grammar="off", readability=False)) as r:
        yield r


def _report(runner, paths, out_path):
    docs = [document_dict(runner.audit(p)) for p in paths]
    out_path.write_text(json.dumps({"schema": SCHEMA, "documents": docs}), encoding="utf-8")
    return docs


def _score(*args):
    tool = shared_or_skip("tools", "spin_score.py")
    proc = subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True,
                          timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def test_gold_recall_and_precision(runner, tmp_path):
    gold = shared_or_skip("gold")
    seeds = shared_or_skip("seeds")
    report = tmp_path / "report.json"
    docs = _report(runner, list(document.iter_paths([str(seeds)])), report)
    assert [d["verdict"] for d in docs] == ["spun"] * len(docs)
    code, out = _score("gold", "--gold", str(gold), "--report", str(report),
                       "--min-tortured", str(MIN_TORTURED), "--min-awkward", str(MIN_AWKWARD),
                       "--min-precision", str(MIN_PRECISION))
    assert code == 0, out


def test_original_article_is_nearly_silent(runner):
    original = shared_or_skip("gold", "original.txt")
    result = runner.audit(str(original))
    swaps = [(f.rule_id, f.text) for f in result.findings if f.kind == "swap"]
    assert len(swaps) <= MAX_ORIGINAL_FINDINGS, swaps
    assert result.verdict == "clean"


def test_clean_corpora_false_alarm_rate(runner, tmp_path):
    clean = shared_or_skip("corpora", "clean")
    report = tmp_path / "clean.json"
    docs = _report(runner, list(document.iter_paths([str(clean)])), report)
    assert len(docs) > 1000
    clean_share = sum(d["verdict"] == "clean" for d in docs) / len(docs)
    assert clean_share >= MIN_CLEAN_VERDICT_SHARE, clean_share
    code, out = _score("clean", "--report", str(report), "--max-per-1000", str(MAX_CLEAN_PER_1000))
    assert code == 0, out
