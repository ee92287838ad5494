"""Fuzzing with Hypothesis, bounded for CI: the Python API and the command line never crash on
any input. The long run is scripts/fuzz.py (its numbers are in the README, "Robustness")."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import main
from auditor.core.errors import DocumentError
from auditor.core.findings import Severity
from auditor.core.runner import Options, Runner
from auditor.inputs import document
from auditor.reporters.json_report import document_dict

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
# Fragments that have broken parsers before (masks, tokenizer, page lines), mixed with any text.
HOSTILE = ["<!--", "-->", "```", "~~~", "`", "](", "[", "]:", "(", ")", "a.", "@", "http://",
           "www.", "\r", "\n\n", "\t", "    ", "\x00", "\x1b[2J", "\u202e", "\ud800", "\ufeff",
           "😀", "Leave a Reply", "sense of neighborhood", "searchings for", "#", "*", "-", "—"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=60).map("".join),
    st.tuples(st.sampled_from(HOSTILE), st.integers(1, 400)).map(lambda t: t[0] * t[1]),
)
raw_bytes = st.one_of(st.binary(max_size=400),
                      texts.map(lambda t: t.encode("utf-16-le", "surrogatepass")),
                      texts.map(lambda t: t.encode("utf-8", "surrogatepass")))


@pytest.fixture(scope="module")
def runner():
    with Runner(Options(grammar="off", min_severity=Severity.SUGGESTION)) as r:
        yield r


@BOUNDED
@given(content=texts, markdown=st.booleans())
def test_api_never_crashes_and_results_serialise(runner, content, markdown):
    mask = document.mask_markdown if markdown else document.mask_plain
    doc = document.Document("f.md" if markdown else "f.txt", content, text=mask(content))
    assert len(doc.text) == len(doc.content)
    result = runner.audit_document(doc)
    assert result.verdict in ("clean", "review", "spun", "empty", "error")
    for f in result.findings:
        assert f.text == doc.content[f.start:f.end]
    json.dumps(document_dict(result), ensure_ascii=False).encode("utf-8")


@BOUNDED
@given(data=raw_bytes)
def test_decoding_any_bytes_is_text_or_a_document_error(data):
    try:
        text, encoding, notes = document.decode(data)
    except DocumentError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and encoding
    text.encode("utf-8")  # no lone surrogates reach the pipeline


options = st.fixed_dictionaries({
    "format": st.sampled_from(["json", "jsonl", "rich", "html"]),
    "extra": st.lists(st.sampled_from([
        ["--no-readability"], ["--no-text"], ["--fail-on", "warning"], ["--fail-on", "never"],
        ["--min-severity", "suggestion"], ["--disable", "idiom"], ["--disable", "page"],
        ["--time-budget", "0"], ["--families"], ["--no-color"], ["--jobs", "0"],
        ["--time-budget", "-1"], ["--bogus"]]), max_size=3),
    "suffix": st.sampled_from([".txt", ".md", ".markdown", ".text"]),
})


@BOUNDED
@given(files=st.lists(raw_bytes, min_size=1, max_size=3), opts=options)
def test_cli_exit_codes_and_json_output(files, opts):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, data in enumerate(files):
            path = Path(tmp) / f"doc{i}{opts['suffix']}"
            path.write_bytes(data)
            paths.append(str(path))
        argv = ["check", *paths, "--grammar", "off", "-f", opts["format"],
                *[arg for group in opts["extra"] for arg in group]]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 2:
        return
    if opts["format"] == "json":
        report = json.loads(out.getvalue())
        assert len(report["documents"]) == len(files)
    elif opts["format"] == "jsonl":
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        assert sum(1 for line in lines if line["type"] == "document") == len(files)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=raw_bytes, fmt=st.sampled_from(["json", "rich"]))
def test_command_on_stdin_through_the_real_entry_point(data, fmt):
    """The installed command (stdin, exit without teardown) on a few fuzzed inputs."""
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", "-", "--grammar", "off",
                           "-f", fmt], input=data, capture_output=True, timeout=120, env=env)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    assert b"Traceback" not in proc.stderr
    if fmt == "json":
        assert len(json.loads(proc.stdout)["documents"]) == 1
