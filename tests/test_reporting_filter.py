"""Disabled findings and findings below the reporting severity do not hide other findings:
the run's settings reach the tiers before overlaps are resolved (auditor.detectors.base)."""
from __future__ import annotations

import spacy

from auditor.detectors.base import (add_findings, findings_from_doc, set_reporting,
                                    taken_chars)
from auditor.core.findings import Finding, Severity
from auditor.core.runner import Options, Runner

PACK = """prefix: t
rules:
  - id: t.neighborhood
    match: "[neighborhood]"
    original: community
    severity: warning
    message: "'{text}' may be a swap for '{original}'"
    examples: {flag: ["a neighborhood"], ok: ["a community"]}
"""
TEXT = "It fosters a sense of neighborhood among the residents of the town.\n"


def _finding(rule_id, start, end, severity):
    return Finding(rule_id, "swap", severity, start, end, "x" * (end - start), "m")


def _ids(options, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    with Runner(options) as runner:
        return {f.rule_id for f in runner.audit(str(doc)).findings}


def test_a_disabled_lexicon_rule_does_not_win_the_overlap(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "t.yaml").write_text(PACK, encoding="utf-8")
    rules = (str(tmp_path / "pack"),)
    # the error-level idiom wins the overlap over the pack's warning
    both = _ids(Options(grammar="off", rules=rules), tmp_path)
    assert "idiom.sense-of-community" in both and "t.neighborhood" not in both
    # disabled, it no longer hides the other rule (it used to: nothing was reported)
    only = _ids(Options(grammar="off", rules=rules, disable=("idiom.sense-of-community",)),
                tmp_path)
    assert "t.neighborhood" in only and "idiom.sense-of-community" not in only


def test_hidden_findings_do_not_take_their_words_and_are_replaced():
    nlp = spacy.blank("en")
    doc = set_reporting(nlp.make_doc("one two three four five"), (), Severity.WARNING)
    hidden = _finding("a.hidden", 4, 7, Severity.SUGGESTION)
    shown = _finding("a.shown", 14, 18, Severity.WARNING)
    add_findings(doc, [(doc[1:2], hidden), (doc[3:4], shown)])
    assert taken_chars(doc) == [(14, 18)]  # the hidden one does not block later tiers
    later = _finding("b.later", 4, 13, Severity.WARNING)
    add_findings(doc, [(doc[1:3], later)])
    assert [f.rule_id for f in findings_from_doc(doc)] == ["a.shown", "b.later"]


def test_hidden_findings_stay_when_nothing_reported_overlaps_them():
    """...and a later hidden finding over a hidden one adds nothing (its evidence is counted
    once, as when every finding took its words)."""
    nlp = spacy.blank("en")
    doc = set_reporting(nlp.make_doc("one two three four five"), (), Severity.WARNING)
    add_findings(doc, [(doc[1:2], _finding("a.hidden", 4, 7, Severity.SUGGESTION))])
    add_findings(doc, [(doc[3:4], _finding("b.other", 14, 18, Severity.WARNING)),
                       (doc[1:3], _finding("b.weak", 4, 13, Severity.SUGGESTION)),
                       (doc[4:5], _finding("b.weak2", 19, 23, Severity.SUGGESTION))])
    assert [f.rule_id for f in findings_from_doc(doc)] == ["a.hidden", "b.other", "b.weak2"]


def test_the_page_tier_reports_over_hidden_findings_without_replacing_them():
    nlp = spacy.blank("en")
    doc = set_reporting(nlp.make_doc("one two three four five"), (), Severity.WARNING)
    add_findings(doc, [(doc[1:2], _finding("a.hidden", 4, 7, Severity.SUGGESTION))])
    add_findings(doc, [(doc[0:3], _finding("page.x", 0, 13, Severity.WARNING))],
                 replace_hidden=False)
    assert [f.rule_id for f in findings_from_doc(doc)] == ["a.hidden", "page.x"]


def test_disabled_findings_are_never_added():
    nlp = spacy.blank("en")
    doc = set_reporting(nlp.make_doc("one two three"), ("a", "b.one"), Severity.SUGGESTION)
    add_findings(doc, [(doc[0:1], _finding("a.x", 0, 3, Severity.ERROR)),
                       (doc[1:2], _finding("b.one", 4, 7, Severity.ERROR)),
                       (doc[2:3], _finding("b.two", 8, 13, Severity.ERROR))])
    assert [f.rule_id for f in findings_from_doc(doc)] == ["b.two"]
    assert taken_chars(doc) == [(8, 13)]


def test_without_settings_every_finding_counts_as_reported():
    """A plain spaCy pipeline (no run settings) behaves as before."""
    nlp = spacy.blank("en")
    doc = nlp.make_doc("one two three")
    add_findings(doc, [(doc[0:1], _finding("a.x", 0, 3, Severity.SUGGESTION))])
    assert taken_chars(doc) == [(0, 3)]


def test_a_disabled_rule_no_longer_hides_another_tier(tmp_path):
    """'a sense of neighborhood': the lexicon's error used to keep the near-miss tier off the
    word, and disabling the lexicon rule left nothing; now the near-miss tier reports it."""
    doc = tmp_path / "a.txt"
    doc.write_text("Peer groups can promote a sense of neighborhood.\n", encoding="utf-8")
    with Runner(Options(grammar="off")) as runner:
        assert {f.rule_id for f in runner.audit(str(doc)).findings} == {"idiom.sense-of-community"}
    with Runner(Options(grammar="off", disable=("idiom.sense-of-community",))) as runner:
        found = runner.audit(str(doc)).findings
    assert [(f.rule_id, f.text) for f in found] == [("nearmiss.curated-expression", "neighborhood")]
