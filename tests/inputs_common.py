"""Shared by the tests of auditor.inputs: the spun passage and the checks every format's
result must pass."""
from __future__ import annotations

import pytest

from auditor.core.runner import Options, Runner

SPUN = ("Peer groups can promote a sense of neighborhood. The searchings for suggest that "
        "it helps people overcome mental health preconception.")


@pytest.fixture(scope="module")
def runner():
    # no time budget: the load of a shared machine is not what these tests measure
    with Runner(Options(grammar="off", readability=False, time_budget=None)) as r:
        yield r


def check_result(result) -> list:
    """The findings are exact slices of the audited text, each with a location, and the
    spun phrases are found. Returns the findings."""
    assert result.error is None, result.error
    content = result.document.content
    for f in result.findings:
        assert f.text == content[f.start:f.end]
        assert result.location(f.start), f
    texts = " ".join(f.text for f in result.findings)
    assert "neighborhood" in texts and "preconception" in texts, texts
    return result.findings


def finding(result, word: str):
    return next(f for f in result.findings if word in f.text)
