"""One word count in the reports: the document's `words` (the runner's count); textstat's
count, which the readability formulas use, is `readability.textstat_words` (schema 3), the
same in JSON and in the Parquet output."""
from __future__ import annotations

import json
from pathlib import Path

from auditor.cli import main

SAMPLE = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))[0]
ARGS = ["--grammar", "off", "--time-budget", "0", "--fail-on", "never"]


def test_json_and_parquet_carry_one_word_count_and_textstat_words(tmp_path, capsys):
    import pyarrow.dataset as ds

    main(["check", "--format", "json", *ARGS, str(SAMPLE)])
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "auditor.report/3"
    (doc,) = data["documents"]
    readability = doc["readability"]
    assert "words" not in readability
    assert 0 < readability["textstat_words"] <= doc["words"]  # no punctuation-only tokens
    main(["check", "--format", "parquet", "-o", str(tmp_path / "out"), *ARGS, str(SAMPLE)])
    (row,) = ds.dataset(tmp_path / "out" / "documents", format="parquet").to_table() \
        .to_pylist()
    assert row["words"] == doc["words"]
    assert json.loads(row["readability"]) == readability
