"""The copies of the shared evaluation data that tests read, so that they run in CI (where
../shared is absent): samples/0*.txt (../shared/seeds) and tests/data/gold (../shared/gold)."""
from __future__ import annotations

import json

import pytest

from .conftest import GOLD, SAMPLES, SHARED


def test_gold_spans_quote_the_samples():
    """Each gold file names a sample and every span's text is at its offsets in it."""
    files = sorted(GOLD.glob("*.json"))
    assert [f.stem for f in files] == [p.stem for p in sorted(SAMPLES.glob("0*.txt"))]
    for gold_file in files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        content = (SAMPLES / gold["file"]).read_text(encoding="utf-8")
        assert len(gold["spans"]) > 100, gold_file.name
        for span in gold["spans"]:
            assert content[span["start"]:span["end"]] == span["text"], (gold_file.name, span)
    assert len((GOLD / "original.txt").read_text(encoding="utf-8").split()) > 700


@pytest.mark.skipif(not (SHARED / "gold").is_dir() or not (SHARED / "seeds").is_dir(),
                    reason="../shared is not checked out beside the repository (as in CI)")
def test_copies_are_the_shared_files_byte_for_byte():
    for copy, shared in [(GOLD, SHARED / "gold"), (SAMPLES, SHARED / "seeds")]:
        for original in sorted(shared.glob("0*.*")) + sorted(shared.glob("original.txt")):
            assert (copy / original.name).read_bytes() == original.read_bytes(), original.name
