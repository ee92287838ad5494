"""JATS XML through lxml: the title, abstract and body paragraphs, not the references,
formulas or citation marks; findings at line and column in the XML; folders take .xml
files only when they are JATS articles."""
from __future__ import annotations

from auditor.inputs import document
from auditor.inputs.jats import read

from .inputs_common import SPUN, check_result, finding, runner  # noqa: F401

ARTICLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
  <front>
    <journal-meta><journal-title-group><journal-title>Journal of Gardens</journal-title></journal-title-group></journal-meta>
    <article-meta>
      <title-group><article-title>Community Gardens and Wellbeing</article-title></title-group>
      <abstract><p>Gardens bring neighbours together in cities.</p></abstract>
    </article-meta>
  </front>
  <body>
    <sec><title>Introduction</title>
      <p>{SPUN} <xref ref-type="bibr" rid="r1">[1]</xref></p>
      <fig id="f1"><label>Figure 1</label><caption><p>A garden bed.</p></caption><graphic xlink:href="f1.png"/></fig>
      <p>The formula <inline-formula><tex-math>x = searchings for</tex-math></inline-formula> is shown.</p>
    </sec>
  </body>
  <back><ref-list><ref id="r1"><mixed-citation>Smith J. A sense of neighborhood in the searchings for towns. 2020.</mixed-citation></ref></ref-list></back>
</article>
"""


def test_title_abstract_body_not_references():
    got = read(ARTICLE.encode(), "a.nxml")
    assert got.title == "Community Gardens and Wellbeing" and got.format == "jats"
    assert got.content.split("\n\n")[:4] == [
        "Community Gardens and Wellbeing", "Gardens bring neighbours together in cities.",
        "Introduction", SPUN + " "]
    assert "A garden bed." in got.content and "is shown." in got.content
    for hidden in ("Journal of Gardens", "Smith", "[1]", "x =", "Figure 1", "f1.png"):
        assert hidden not in got.content, hidden
    assert got.content.count("searchings") == 1


def test_findings_at_line_and_column(tmp_path, runner):
    path = tmp_path / "a.xml"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.audit(str(path))
    check_result(result)
    lines = ARTICLE.split("\n")
    for word in ("neighborhood", "searchings", "preconception"):
        f = finding(result, word)
        loc = result.location(f.start)
        assert lines[loc["line"] - 1][loc["column"] - 1:].startswith(f.text), (word, loc)
        assert loc["line"] == 13


def test_malformed_and_foreign_xml_are_errors(tmp_path, runner):
    (tmp_path / "broken.nxml").write_text("<article><body><p>unclosed</body></article>")
    (tmp_path / "feed.xml").write_text("<rss><channel/></rss>")
    (tmp_path / "a.xml").write_text(ARTICLE)
    bad, foreign = (runner.audit(str(tmp_path / n)) for n in ("broken.nxml", "feed.xml"))
    assert "malformed XML" in bad.error and "not a JATS article" in foreign.error
    # folders take .nxml always and .xml only when it is a JATS article
    assert sorted(p.rsplit("/", 1)[-1] for p in document.iter_paths([str(tmp_path)])) == \
        ["a.xml", "broken.nxml"]


def test_entities_are_not_resolved():
    evil = (b'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY e SYSTEM '
            b'"file:///etc/passwd">]><article><body><p>x &e; y</p></body></article>')
    assert "root:" not in read(evil, "e.xml").content


def test_suppression_comments_still_apply(tmp_path, runner):
    path = tmp_path / "quoted.nxml"
    # XML forbids '--' inside a comment, so no ' -- reason' here (a missing-reason note)
    path.write_text(ARTICLE.replace("<p>Peer groups", "<!-- auditor-disable-next-line idiom "
                                    "-->\n      <p>Peer groups"), encoding="utf-8")
    rules = {f.rule_id.split(".")[0] for f in runner.audit(str(path)).findings}
    assert "idiom" not in rules and "artefact" in rules


def test_suppression_reason_after_a_colon_keeps_the_xml_well_formed(tmp_path, runner):
    path = tmp_path / "quoted.nxml"
    path.write_text(ARTICLE.replace("<p>Peer groups", "<!-- auditor-disable-next-line idiom: "
                                    "quoted from the spun page -->\n      <p>Peer groups"),
                    encoding="utf-8")
    rules = {f.rule_id.split(".")[0] for f in runner.audit(str(path)).findings}
    assert "idiom" not in rules and "suppression" not in rules and "artefact" in rules
    dashes = tmp_path / "dashes.nxml"
    dashes.write_text(ARTICLE.replace("<p>Peer groups", "<!-- auditor-disable-next-line idiom "
                                      "-- quoted -->\n      <p>Peer groups"), encoding="utf-8")
    result = runner.audit(str(dashes))
    assert result.verdict == "error" and "Double hyphen" in result.error
    assert "after a colon" in result.error
