"""HTML pages through lxml: visible text only, paragraphs at blocks, the title element as
the title, and every finding at its line and column in the HTML source."""
from __future__ import annotations

from auditor.inputs import document
from auditor.inputs.html import read_html

from .inputs_common import SPUN, check_result, finding, runner  # noqa: F401

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Community Gardens &amp; Health</title>
<script>var slogan = "mental health preconception";</script>
<style>p {{ color: red }}</style></head>
<body>
<nav><a href="/">Home</a> <a href="/leave-a-reply">Leave a Reply</a></nav>
<header><p>Site of the week</p></header>
<article>
  <h1>Why gardens help</h1>
  <p class="lead" title="a sense of neighborhood">{SPUN.replace("a sense of", "a <b>sense</b> of")}</p>
  <p>Don&rsquo;t water at noon<br>water at dawn. <code>sense_of_neighborhood = 1</code></p>
  <table><tr><td>Beds</td><td>Tools</td></tr></table>
  <div hidden>Hidden words</div><!-- comment words -->
</article>
<aside>Related posts</aside>
<footer>Copyright 2024</footer>
</body></html>
"""


def test_visible_text_only_in_paragraphs():
    got = read_html(PAGE.encode("utf-8"), "page.html")
    assert got.title == "Community Gardens & Health"
    paragraphs = got.content.split("\n\n")
    assert paragraphs[:3] == ["Community Gardens & Health", "Why gardens help",
                              SPUN]
    assert "Don\u2019t water at noon\nwater at dawn." in got.content
    assert "Beds\n\nTools" in got.content  # cells are blocks
    for hidden in ("slogan", "color", "Home", "Leave a Reply", "Site of the week",
                   "sense_of", "Hidden", "comment", "Related", "Copyright", "lead", "title="):
        assert hidden not in got.content, hidden
    assert read_html(PAGE, "page.html").content == got.content  # str in, same text


def test_findings_point_into_the_html_source(tmp_path, runner):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = runner.audit(str(path))
    check_result(result)
    assert result.document.format == "html" and result.document.title.startswith("Community")
    lines = PAGE.split("\n")
    for word in ("neighborhood", "preconception", "searchings"):
        f = finding(result, word)
        loc = result.location(f.start)
        assert lines[loc["line"] - 1][loc["column"] - 1:].startswith(f.text), (word, loc)
        assert loc["line"] == 11  # the paragraph, not the attribute or the script
    title = result.document.location(0).as_dict()
    assert lines[title["line"] - 1][title["column"] - 1:].startswith("Community Gardens")


def test_furniture_named_by_class_or_id():
    page = ("<html><body><div id=\"top-menu\">Home Shop</div><div class=\"post-content\">"
            "<p>Kept words.</p><div class=\"share_buttons\">Share on Twitter</div></div>"
            "<div class=\"site-footer widget\">Copyright</div><div class=\"sidebar-left\">"
            "Recent posts</div><div class=\"menuitem-like\">Also kept.</div></body></html>")
    assert read_html(page).content.split() == ["Kept", "words.", "Also", "kept."]


def test_declared_charset_and_xhtml_declaration():
    latin = ("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head>"
             "<body><p>Cr\xe8me</p></body></html>").encode("latin-1")
    got = read_html(latin, "x.htm")
    assert got.title == "Caf\xe9" and "Cr\xe8me" in got.content
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/'
             'xhtml"><head><title>T</title></head><body><p>Words here.</p></body></html>')
    assert "Words here." in read_html(xhtml.encode(), "x.xhtml").content


def test_empty_and_broken_pages_do_not_fail(tmp_path, runner):
    assert read_html(b"", "e.html").content == ""
    assert read_html(b"   \n", "e.html").content == ""
    broken = read_html(b"<p>Unclosed <b>tags <div>and more</p></span>", "b.html").content
    assert "Unclosed" in broken and "and more" in broken
    # libxml2 gives up on nesting deeper than 255 and returns an empty page: an error for
    # that file, not a page audited as empty
    path = tmp_path / "deep.html"
    path.write_bytes(b"<html><body><p>" + b"<i>" * 5000 + b"deep text</p></body></html>")
    result = runner.audit(str(path))
    assert result.verdict == "error" and "nested too deep" in result.error
    assert result.findings[0].rule_id == "input.unreadable"
    shallow = b"<html><body><p>" + b"<i>" * 200 + b"deep text</p></body></html>"
    path.write_bytes(shallow)
    assert "deep text" in document.load(str(path)).content


def test_suppression_comments_still_apply(tmp_path, runner):
    page = PAGE.replace('<p class="lead"', "<!-- auditor-disable-next-line idiom -- quoting a "
                        'spun page -->\n  <p class="lead"')
    path = tmp_path / "quoted.html"
    path.write_text(page, encoding="utf-8")
    rules = {f.rule_id.split(".")[0] for f in runner.audit(str(path)).findings}
    assert "idiom" not in rules and "artefact" in rules
