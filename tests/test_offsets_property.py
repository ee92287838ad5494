"""`text == content[start:end]` for every finding of every kind, over generated plain-text and
Markdown documents, through the whole pipeline (Runner.audit_document)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.core.findings import Severity
from auditor.core.runner import Options, Runner
from auditor.inputs import document

sys.path.insert(0, str(Path(__file__).parent))
from lt_server import FakeLanguageTool  # noqa: E402

PROSE = [
    "Peer groups can promote a sense of neighborhood.",
    "The searchings for suggest that the scheme helps.",
    "It was run by Sheffield Hallam College.",
    "People overcome mental health preconception.",
    "Counterfeit consciousness and profound learning.",
    "I saw teh cat 😀 and we could of gone.",
    "It was very unique.",
    "Leave a Reply", "Cancel reply", "Your email address will not be published.",
    "Required fields are marked *", "Name *", "Website", "3 comments",
    "Best cheap insurance quotes online",
]
MARKDOWN = [
    "`code`", "``a ` b``", "```\nLeave a Reply\n```", "```python\nteh cat\n", "~~~\nx\n~~~",
    "<!-- Leave a Reply -->", "<!-- unclosed", "-->", "[a sense of neighborhood](http://x.y/z)",
    "[ref]: http://example.com/a", "http://example.com/a?b=c", "mail me@example.org now",
    "<b>bold</b>", "    indented code line", "# A title", "* item", "> quote", "é ñ 中文",
]
SEPARATORS = ["", " ", "\n", "\n\n", "\r\n", "\t"]
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
pieces = st.one_of(st.sampled_from(PROSE), st.sampled_from(MARKDOWN), st.sampled_from(PROSE),
                   st.sampled_from(MARKDOWN), noise)
prose_and_markup = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda parts: "".join(p + s for p, s in parts))
# Page-like documents: whole lines, where the line detectors (titles, boilerplate) work.
LINES = PROSE[:1] + PROSE[7:11] + ["`code`", "<!-- x -->", "http://example.com", "", "## Head"]
page_lines = st.lists(st.sampled_from(LINES), min_size=2, max_size=10).map(
    lambda lines: "\n".join(lines) + "\n")
documents_st = st.one_of(prose_and_markup, page_lines, page_lines)


def make_document(content: str, markdown: bool) -> document.Document:
    mask = document.mask_markdown if markdown else document.mask_plain
    return document.Document("doc.md" if markdown else "doc.txt", content, text=mask(content))


def assert_offsets_hold(result, doc: document.Document) -> None:
    assert result.verdict != "error", result.error
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(doc.content), f
        assert f.text == doc.content[f.start:f.end], f


@pytest.fixture(scope="module")
def runner():
    with Runner(Options(grammar="off", readability=False, min_severity=Severity.SUGGESTION,
                        time_budget=None)) as r:
        yield r


def test_boilerplate_around_inline_code_quotes_the_file(runner):
    content = "Leave a Reply\n`code`\nLeave a Reply\n"
    doc = make_document(content, markdown=True)
    result = runner.audit_document(doc)
    boilerplate = [f for f in result.findings if f.kind == "boilerplate"]
    assert boilerplate and boilerplate[0].text == content[boilerplate[0].start:boilerplate[0].end]
    assert "`code`" in boilerplate[0].text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=documents_st, markdown=st.booleans())
def test_finding_text_is_the_source_text(runner, content, markdown):
    doc = make_document(content, markdown)
    assert_offsets_hold(runner.audit_document(doc), doc)


@pytest.fixture(scope="module")
def lt_runner():
    with FakeLanguageTool(behaviour="whitespace") as server, Runner(Options(
            grammar="auto", languagetool_url=server.url, readability=False,
            min_severity=Severity.SUGGESTION, time_budget=None)) as r:
        yield r


def test_grammar_finding_across_masked_markdown_quotes_the_file(lt_runner):
    content = "I saw teh cat 😀 and `x` we could of gone.\n"
    doc = make_document(content, markdown=True)
    result = lt_runner.audit_document(doc)
    assert result.grammar["status"] == "ok"
    assert sorted(f.text for f in result.findings if f.kind == "grammar") == [
        " `x` ", "could of", "teh"]
    assert_offsets_hold(result, doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=documents_st, markdown=st.booleans())
def test_finding_text_is_the_source_text_with_languagetool(lt_runner, content, markdown):
    doc = make_document(content, markdown)
    result = lt_runner.audit_document(doc)
    assert result.grammar["status"] in ("ok", "off"), result.grammar
    assert_offsets_hold(result, doc)
