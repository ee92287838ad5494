"""Generated HTML pages through the HTML reader and the whole pipeline: every finding is an
exact slice of the audited text, and every word of the audited text maps to a place in the
page where that word (or its escaped form) begins."""
from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.core.runner import Options, Runner
from auditor.inputs import document
from auditor.inputs.html import read_html

WORDS = ["Peer", "groups", "can", "promote", "a", "sense", "of", "neighborhood.", "The",
         "searchings", "for", "suggest", "mental", "health", "preconception.", "R&D", "x<y",
         "caf\u00e9", "Don\u2019t", "\u4e2d\u6587"]
WRAPS = ["{}", "<b>{}</b>", "<a href=\"/{0}\" title=\"{0}\">{0}</a>", "<span>{}</span>",
         "<em class=\"x\">{}</em>", "{}<!-- c -->", "{}<br>"]
BLOCKS = ["p", "div", "li", "h2", "td", "blockquote"]

paragraph = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(WRAPS),
                               st.sampled_from([" ", "\n", "  ", "\n\t"])),
                     min_size=1, max_size=25)
page = st.lists(st.tuples(st.sampled_from(BLOCKS), paragraph), min_size=1, max_size=6)


def _html(blocks) -> str:
    out = ["<html><head><title>A page</title><script>var a = 'sense';</script></head><body>"]
    for tag, words in blocks:
        body = "".join(wrap.format(html.escape(word, quote=False)) + space
                       for word, wrap, space in words)
        out.append(f"<{tag}>{body}</{tag}>\n")
    out.append("</body></html>")
    return "".join(out)


def _offset(source: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    return starts[line - 1] + column - 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
def test_every_word_maps_to_where_it_begins(blocks):
    source = _html(blocks)
    got = read_html(source, "g.html")
    visible = [w for _, words in blocks for w, _, _ in words]
    assert got.content.split() == ["A", "page", *visible]
    for m in re.finditer(r"\S+", got.content):
        if m.start() < got.content.index("\n\n"):
            continue  # the title
        loc = got.source_map.locate(m.start())
        at = _offset(source, loc.line, loc.column)
        word = next(w for w in WORDS if m.group().startswith(w) or w.startswith(m.group()))
        assert source.startswith((word, html.escape(word, quote=False)), at), \
            (m.group(), loc, source[at:at + 20])


RUNNER = None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
def test_findings_are_slices_of_the_audited_text(blocks):
    global RUNNER
    if RUNNER is None:
        RUNNER = Runner(Options(grammar="off", readability=False, time_budget=None))
    doc = document.from_bytes("g.html", _html(blocks).encode())
    result = RUNNER.audit_document(doc)
    for f in result.findings:
        assert f.text == doc.content[f.start:f.end]
        assert result.location(f.start)["line"] >= 1
