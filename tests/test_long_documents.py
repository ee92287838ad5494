"""Long documents are audited in paragraph-aligned chunks with document offsets kept, and
their readability is measured piece by piece (bounded memory; benchmarks/memory.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.checks import readability
from auditor.core import runner
from auditor.core.runner import Options, Runner
from auditor.inputs import document

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


def test_chunk_bounds_cover_the_text_at_paragraph_breaks():
    text = "".join(f"Paragraph {i} has some words in it.\n\n" for i in range(200))
    bounds = document.chunk_bounds(text, 500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= 500 for start, end in bounds)
    assert all(text[:end].endswith("\n\n") for _, end in bounds)


@pytest.mark.parametrize("text", ["word " * 1000, "x" * 1234, "line\n" * 300, ""])
def test_chunk_bounds_without_paragraphs(text):
    bounds = document.chunk_bounds(text, 100)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b - a <= 100 for a, b in bounds)


def test_long_document_findings_keep_document_offsets(monkeypatch):
    content = "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES) * 2
    doc = document.Document("long.txt", content)
    with Runner(Options(grammar="off", readability=False, time_budget=None)) as r:
        whole = r.audit_document(doc)
        monkeypatch.setattr(runner, "CHUNK_CHARS", 3000)
        chunked = r.audit_document(doc)
    assert len(content) > 10 * 3000
    for f in chunked.findings:
        assert f.text == content[f.start:f.end]
    lexicon = {(f.rule_id, f.start, f.end) for f in whole.findings
               if f.rule_id.split(".")[0] in ("idiom", "artefact", "tortured", "inst")}
    assert lexicon and lexicon <= {(f.rule_id, f.start, f.end) for f in chunked.findings}
    assert chunked.words == whole.words and chunked.verdict == whole.verdict


def test_long_text_readability_in_pieces(monkeypatch):
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)
    whole = readability.readability(text)
    monkeypatch.setattr(readability, "LONG_TEXT", 4000)
    pieces = readability.readability(text)
    assert pieces["textstat_words"] == whole["textstat_words"]
    assert pieces["syllables"] == whole["syllables"]
    assert abs(pieces["sentences"] - whole["sentences"]) <= len(text) // 4000
    for name in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
                 "coleman_liau_index", "dale_chall_readability_score"):
        assert pieces[name] == pytest.approx(whole[name], abs=1.0), name
