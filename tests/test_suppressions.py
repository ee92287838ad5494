"""Inline suppressions (auditor.core.suppressions) through the command line and the runner."""
from __future__ import annotations

import json

import pytest

from auditor.cli import main
from auditor.core.suppressions import masked, parse

SPUN = "It fosters a sense of neighborhood."


def findings(tmp_path, capsys, name: str, text: str, *extra: str) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    main(["check", "--format", "json", "--grammar", "off", "--no-readability", "--time-budget",
          "0", *extra, str(path)])
    data = json.loads(capsys.readouterr().out)
    return [(f["line"], f["rule_id"]) for d in data["documents"] for f in d["findings"]]


def test_markdown_next_line_suppresses_only_the_next_line(tmp_path, capsys):
    text = (f"{SPUN}\n\n<!-- auditor-disable-next-line idiom.sense-of-community -- quoted "
            f"from the spun page -->\n{SPUN}\n{SPUN}\n")
    assert findings(tmp_path, capsys, "a.md", text) == [
        (1, "idiom.sense-of-community"), (5, "idiom.sense-of-community")]


def test_markdown_block_with_prefix_until_enable(tmp_path, capsys):
    text = (f"<!-- auditor-disable idiom -- examples of spin -->\n{SPUN}\n\n{SPUN}\n"
            f"<!-- auditor-enable -->\n{SPUN}\n")
    assert findings(tmp_path, capsys, "a.md", text) == [(6, "idiom.sense-of-community")]


def test_plain_text_directives_are_not_audited_as_prose(tmp_path, capsys):
    # the reason itself holds a phrase the lexicon flags
    text = (f"auditor-disable-next-line idiom -- {SPUN}\n{SPUN}\n"
            f"auditor-disable idiom.sense-of-community -- examples\n{SPUN}\n{SPUN}\n")
    assert findings(tmp_path, capsys, "a.txt", text) == []
    assert findings(tmp_path, capsys, "b.txt", text.replace("auditor-disable", "disable")) \
        != []  # without the directive the same lines are flagged, reasons included


def test_missing_reason_is_reported_but_applies(tmp_path, capsys):
    text = f"<!-- auditor-disable-next-line idiom.sense-of-community -->\n{SPUN}\n"
    assert findings(tmp_path, capsys, "a.md", text) == [(1, "suppression.missing-reason")]


def test_unknown_rule_is_reported_and_suppresses_nothing(tmp_path, capsys):
    text = f"<!-- auditor-disable-next-line idiom.sense-of-comunity -- typo -->\n{SPUN}\n"
    assert findings(tmp_path, capsys, "a.md", text) == [
        (1, "suppression.unknown-rule"), (2, "idiom.sense-of-community")]


def test_directive_without_rule_is_invalid(tmp_path, capsys):
    text = f"<!-- auditor-disable-next-line -- because -->\n{SPUN}\n"
    assert findings(tmp_path, capsys, "a.md", text) == [
        (1, "suppression.invalid"), (2, "idiom.sense-of-community")]


def test_unused_suppressions_only_with_the_flag(tmp_path, capsys):
    text = "<!-- auditor-disable-next-line idiom.sense-of-community -- old -->\nAll fine.\n"
    assert findings(tmp_path, capsys, "a.md", text) == []
    assert findings(tmp_path, capsys, "a.md", text, "--report-unused-suppressions") == [
        (1, "suppression.unused")]


def test_suppression_findings_can_be_disabled(tmp_path, capsys):
    text = f"<!-- auditor-disable-next-line idiom.sense-of-community -->\n{SPUN}\n"
    assert findings(tmp_path, capsys, "a.md", text, "--disable", "suppression") == []


def test_suppressed_findings_do_not_count_in_the_verdict_or_exit_code(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text(f"<!-- auditor-disable idiom -- a glossary of spun phrases -->\n{SPUN}\n",
                    encoding="utf-8")
    code = main(["check", "--format", "json", "--grammar", "off", "--no-readability",
                 "--time-budget", "0", str(path)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["documents"][0]["verdict"] == "clean"


@pytest.mark.parametrize("name, text, rules", [
    ("markdown", "<!-- auditor-disable-next-line a.b, c -- why -->\nx", ("a.b", "c")),
    ("rst", ".. auditor-disable-next-line a.b c -- why\nx", ("a.b", "c")),
    ("text", "  auditor-disable-next-line a.b -- why -- really\nx", ("a.b",)),
    ("jats", "<!-- auditor-disable-next-line a.b c: why, quoted -->\nx", ("a.b", "c")),
    ("rst", ".. auditor-disable-next-line a.b:why\nx", ("a.b",)),
])
def test_parse_each_syntax(name, text, rules):
    (d,) = parse(text, name)
    assert d.rules == rules and d.reason.startswith("why")
    assert d.regions == [(text.index("\nx") + 1, len(text))]
    blanked = masked(text, [d])
    assert len(blanked) == len(text) and "auditor" not in blanked and blanked.endswith("x")


def test_the_first_separator_ends_the_rule_list():
    (dashes,) = parse("<!-- auditor-disable-next-line a.b -- see: the glossary -->\nx", "html")
    (colon,) = parse("<!-- auditor-disable-next-line a.b: quoted -- twice -->\nx", "markdown")
    assert (dashes.rules, dashes.reason) == (("a.b",), "see: the glossary")
    assert (colon.rules, colon.reason) == (("a.b",), "quoted -- twice")


def test_a_colon_gives_the_reason_and_no_missing_reason_note(tmp_path, capsys):
    text = f"<!-- auditor-disable-next-line idiom.sense-of-community: quoted -->\n{SPUN}\n"
    assert findings(tmp_path, capsys, "a.md", text) == []


def test_html_comment_syntax_is_not_read_in_plain_text():
    assert parse("<!-- auditor-disable-next-line a -- b -->\nx", "text") == []


def test_stdin_filename_picks_the_syntax_and_the_path(tmp_path, capsys, monkeypatch):
    import io
    import sys

    text = f"<!-- auditor-disable-next-line idiom -- quoted -->\n{SPUN}\n{SPUN}\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    main(["check", "--format", "json", "--grammar", "off", "--no-readability", "--time-budget",
          "0", "--stdin-filename", "docs/page.md", "-"])
    data = json.loads(capsys.readouterr().out)
    assert [(d["path"], f["line"], f["rule_id"]) for d in data["documents"]
            for f in d["findings"]] == [("docs/page.md", 3, "idiom.sense-of-community")]


def test_block_regions_end_at_the_matching_enable():
    text = ("<!-- auditor-disable a -- r -->x<!-- auditor-enable b -->y<!-- auditor-enable a -->"
            "z<!-- auditor-disable b -- r -->w<!-- auditor-enable -->v")
    first, _, _, second, _ = parse(text, "markdown")
    assert text[slice(*first.regions[0])] == "x<!-- auditor-enable b -->y"
    assert text[slice(*second.regions[0])] == "w"

