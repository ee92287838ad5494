"""Markdown through markdown-it-py: front matter, CommonMark's reading of code, HTML and
links, and offsets that stay the file's."""
from __future__ import annotations

import pytest

from auditor.core.runner import Options
from auditor.inputs import document, format_for
from auditor.inputs.markdown import mask

from . import inputs_common
from .inputs_common import runner  # noqa: F401

SPUN = inputs_common.SPUN + "\n"


def test_yaml_front_matter_is_not_audited_but_its_title_is():
    content = ("---\ntitle: \"Community Gardens\"\ntags: [gardens, leave a reply]\n"
               "date: 2024-01-02\n---\n\n" + SPUN)
    masked, title = mask(content)
    assert title == "Community Gardens"
    assert len(masked) == len(content) and masked.count("\n") == content.count("\n")
    assert "tags" not in masked and "reply" not in masked and "2024" not in masked
    at = content.index("Community Gardens")
    assert masked[at:at + 17] == "Community Gardens"  # in place, first line of the text
    assert masked.lstrip().split("\n")[0].strip() == "Community Gardens"
    assert masked.endswith(SPUN)


def test_toml_front_matter():
    content = "+++\ntitle = 'Gardens'\ndraft = true\n+++\n" + SPUN
    masked, title = mask(content)
    assert title == "Gardens" and "draft" not in masked and masked.endswith(SPUN)


def test_a_rule_then_text_is_not_front_matter():
    content = "---\nA sense of neighborhood, said the text.\n---\n"
    masked, title = mask(content)
    assert title is None and "A sense of neighborhood" in masked


def test_front_matter_title_reaches_the_document(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Gardens\n---\n" + SPUN, encoding="utf-8")
    doc = document.load(str(path))
    assert (doc.format, doc.title) == ("markdown", "Gardens")
    assert doc.location(doc.content.index("Gardens")).as_dict() == {"line": 2, "column": 8}


# CommonMark spec examples (spec 0.31.2) where a regular-expression masker goes wrong.
@pytest.mark.parametrize("source, hidden, kept", [
    # Example 119: a fence of more backticks closes only with as many.
    ("````\naaa\n```\nsense\n``````\n\nafter\n", ["aaa", "sense"], ["after"]),
    # Example 107-style: an indented code block cannot interrupt a paragraph.
    ("Foo\n    bar\n", [], ["Foo", "bar"]),
    # Example 338: a code span of two backticks holds one.
    ("``foo ` bar``\n\nafter\n", ["foo", "bar"], ["after"]),
    # Example 192: link reference definition, with the title on the next line.
    ("[foo]: /url\n'the title'\n\n[foo]\n", ["url", "the title"], ["foo"]),
    # Example 148: an HTML block ends at a blank line; its text is prose, its tags are not.
    ("<div>\n*hello*\n</div>\n\nmore\n", ["div"], ["hello", "more"]),
    # Example 482: a link destination in pointy brackets with spaces.
    ("[link](</my uri>)\n", ["my uri"], ["link"]),
    # Example 594: an autolink.
    ("<https://foo.bar.baz/test?q=hello&id=22&boolean>\n", ["foo.bar", "hello"], []),
    # An autolink's end is not a link's end: the next link's target is still found.
    ("See <https://a.b/c> then [x](/y/path) and [sic] words.\n", ["a.b", "/y/path"],
     ["sic", "words", "then"]),
    # Tables (GFM): cells are prose, the delimiter row and inline code are not.
    ("| a | b |\n|---|---|\n| sense `code` | x |\n", ["code", "---"], ["sense"]),
])
def test_commonmark_reading(source, hidden, kept):
    masked, _ = mask(source)
    assert len(masked) == len(source)
    for word in hidden:
        assert word not in masked, (word, masked)
    for word in kept:
        assert word in masked, (word, masked)


def test_markdown_on_stdin_by_input_format_or_name(runner):
    data = ("Intro with `a sense of neighborhood` in code.\n\n" + SPUN).encode()
    runner.options = Options(grammar="off", readability=False, time_budget=None)
    plain = runner.audit("-", data)
    runner.options = Options(grammar="off", readability=False, input_format="markdown",
                             time_budget=None)
    by_format = runner.audit("-", data)
    runner.options = Options(grammar="off", readability=False, stdin_filename="post.md",
                             time_budget=None)
    by_name = runner.audit("-", data)
    in_code = len("Intro with `a sense of neighborhood`")
    assert any(f.start < in_code for f in plain.findings)  # plain text: code is prose
    for result in (by_format, by_name):
        assert result.document.format == "markdown"
        assert not any(f.start < in_code for f in result.findings)
        assert any("neighborhood" in f.text for f in result.findings)
    assert format_for("x.MD") == "markdown"


def test_front_matter_title_is_checked_and_its_tags_are_not(runner):
    from pathlib import Path

    from auditor.core.findings import Severity

    body = (Path(__file__).resolve().parents[1] / "samples" /
            "clean_community_gardens.txt").read_text(encoding="utf-8")
    content = ("---\ntitle: Cheap Car Insurance Quotes Online\ntags: [leave a reply, share "
               "this]\n---\n\n" + body)
    runner.options = Options(grammar="off", readability=False, time_budget=None,
                             min_severity=Severity.SUGGESTION)
    result = runner.audit_document(document.from_bytes("post.md", content.encode()))
    page = [(f.rule_id, f.text) for f in result.findings if f.rule_id.startswith("page.")]
    assert page == [("page.off-topic-title", "Cheap Car Insurance Quotes Online")]
    plain = runner.audit_document(document.from_bytes("post.txt", content.encode()))
    assert any(f.rule_id == "page.boilerplate" or "tags" in f.text
               for f in plain.findings)  # what front matter did before it was read as such
