"""The rich reporter, rendered to a StringIO (not a terminal: plain text, width 100)."""
from __future__ import annotations

import difflib
import io
import os
import re
from pathlib import Path

import pytest

from auditor.core.findings import Finding, Severity
from auditor.core.results import DocumentResult
from auditor.inputs.document import Document
from auditor.reporters import make_reporter
from auditor.reporters.rich_report import RichReporter

TEXT = "Peer groups promote a sense of neighborhood.\nThey [bold]x[/bold] helps people.\n"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch):
    for name in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


def span(content: str, phrase: str) -> tuple[int, int]:
    start = content.index(phrase)
    return start, start + len(phrase)


def swap(content, phrase, original, severity=Severity.ERROR, rule="swap.test"):
    start, end = span(content, phrase)
    return Finding(rule, "swap", severity, start, end, content[start:end], "spun phrase",
                   original)


def grammar(content, phrase, fix):
    start, end = span(content, phrase)
    return Finding("grammar.AGREEMENT", "grammar", Severity.WARNING, start, end,
                   content[start:end], "agreement", fix)


def result(path="a.txt", content=TEXT, verdict="spun", density=2.5, findings=None, **kw):
    scores = {"spin_density": density, "suspect_swaps": 1, "grammar_per_100_words": 9.09,
              "readability_grade": "8th and 9th grade"}
    defaults = dict(words=11, verdict=verdict, scores=scores,
                    readability={"flesch_reading_ease": 61.2, "textstat_words": 11,
                                 "smog_index": None},
                    grammar={"status": "ok", "reason": "", "server": "http://localhost:8081",
                             "issues": 1})
    defaults.update(kw)
    if findings is None:
        findings = [swap(content, "sense of neighborhood", "sense of community"),
                    grammar(content, "helps", "help")]
    return DocumentResult(path=path, document=Document(path=path, content=content),
                          findings=findings, **defaults)


def render(*results, stream=None, width=None, families=(), **options) -> str:
    stream = io.StringIO() if stream is None else stream
    reporter = RichReporter(stream, **options)
    if width:
        reporter.console.width = width
    reporter.start(len(results))
    for r in results:
        reporter.document(r)
    for family in families:
        reporter.family(family)
    reporter.finish()
    return stream.getvalue()


def stripped(output: str) -> str:
    # rich pads table and panel rows with spaces; compare without trailing blanks so the
    # snapshot survives editors and whitespace hooks.
    return "\n".join(line.rstrip() for line in output.split("\n"))


def test_plain_report_of_one_document():
    out = render(result(notes=["decoded as Windows-1252"]), color=False)
    lines = stripped(out).splitlines()
    assert lines[:4] == [  # the header wraps at a word boundary
        "a.txt " + "─" * 94,
        ("spun | 11 words | spin density: 2.50 | suspect swaps: 1 | grade: 8th and 9th grade"
         " | grammar: 1"),
        "issue (9.09 per 100 words)",
        "note: decoded as Windows-1252"]
    # The text itself, markers apart, then the paragraph's findings right under it.
    assert "\nPeer groups promote a «sense of neighborhood»[1].\n" \
           "They [bold]x[/bold] helps people.\n" \
           "[1] error   sense of neighborhood → sense of community: spun phrase swap.test\n" \
           "[2] warning helps → help: agreement grammar.AGREEMENT\n" in stripped(out)
    # One word count: the header's; the readability panel has none of its own.
    assert "Words" not in out and "11 words" in out
    assert "│ Flesch reading ease  61.20  SMOG index  n/a │" in out
    assert "╭─ grammar" not in out  # grammar is in the header, no panel


@pytest.mark.parametrize("stream_type, color", [(io.StringIO, True), (io.StringIO, False),
                                                (FakeTerminal, False)])
def test_plain_output_has_no_escape_codes(stream_type, color):
    out = render(result(), result(path="b.txt"), stream=stream_type(), color=color,
                 show_text=True)
    assert "\x1b[" not in out
    assert "«sense of neighborhood»[1]" in out


def test_colour_on_a_terminal_and_no_color_env(monkeypatch):
    coloured = render(result(), stream=FakeTerminal(), color=True)
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render(result(), stream=FakeTerminal(), color=True)
    assert "\x1b[" not in plain
    assert "«sense of neighborhood»[1]" in plain


def test_markup_in_document_text_is_literal():
    content = "A [bold]x[/bold] and [red]sense of neighborhood[/red] :smile: here.\n"
    findings = [swap(content, "[red]sense of neighborhood", "sense of community")]
    out = render(result(content=content, findings=findings), color=False)
    assert "A [bold]x[/bold] and «[red]sense of neighborhood»[1][/red] :smile: here.\n" in out
    assert "[1] error   [red]sense of neighborhood → sense of community" in out  # literally


def test_overlapping_swaps_share_one_highlight():
    content = "They made a sense of neighborhood today.\n"
    findings = [swap(content, "sense of neighborhood", "sense of community"),
                swap(content, "neighborhood", "community", Severity.SUGGESTION, "swap.other")]
    out = render(result(content=content, findings=findings), color=False)
    assert "They made a «sense of neighborhood»[1][2] today.\n" in out


def test_crlf_and_offsets_after_markers():
    content = "First line.\r\nA sense of neighborhood and a sense of neighborhood.\r\n"
    second = content.rindex("sense of neighborhood")
    findings = [swap(content, "sense of neighborhood", "sense of community"),
                Finding("swap.test", "swap", Severity.WARNING, second, second + 21,
                        content[second:second + 21], "spun", "sense of community")]
    out = render(result(content=content, findings=findings), color=False)
    assert "First line.\nA «sense of neighborhood»[1] and a «sense of neighborhood»[2].\n" in out
    compact = render(result(content=content, findings=findings), color=False, show_text=False)
    assert "[2] 2:31 warning sense of neighborhood" in compact


def test_no_text_option_prints_only_header_and_tables():
    out = render(result(), color=False, show_text=False)
    assert "Peer groups" not in out
    assert "«" not in out
    assert "swap.test" in out


LT_REASON = ("no local LanguageTool found (no languagetool-server.jar in $LTP_JAR_DIR_PATH "
             "or /root/.cache/language_tool_python/LanguageTool-*); set "
             "AUDITOR_LANGUAGETOOL_URL to a running LanguageTool server (e.g. `docker run -p "
             "8010:8010 erikvl87/languagetool`, then http://localhost:8010)")


def test_grammar_unavailable_is_said_once_per_run_in_full():
    reason = LT_REASON

    def unavailable(path):
        r = result(path=path, findings=[swap(TEXT, "sense of neighborhood", "sense of community")],
                   grammar={"status": "unavailable", "reason": reason})
        r.scores["grammar_per_100_words"] = None
        return r

    out = render(unavailable("a.txt"), color=False, width=120)
    assert "| grammar: unavailable\n" in out
    assert out.splitlines()[0] == ("grammar not checked: no local LanguageTool found; set "
                                   "AUDITOR_LANGUAGETOOL_URL to a running LanguageTool server")
    assert "╭─ grammar" not in out and "docker" not in out
    out = render(*(unavailable(f"{n}.txt") for n in "abc"), color=False, show_text=True)
    assert out.count("grammar not checked") == 1
    assert "grammar not checked (3 documents): no local LanguageTool found;" in out
    for width in (60, 80):  # wrapped at word boundaries, not cut: the advice is at its end
        lines = render(unavailable("a.txt"), color=False, width=width).splitlines()
        said = lines[:lines.index("")]
        assert len(said) > 1 and all(len(line) <= width for line in said)
        assert " ".join(line.rstrip() for line in said) == (
            "grammar not checked: no local LanguageTool found; set AUDITOR_LANGUAGETOOL_URL "
            "to a running LanguageTool server")
        assert "…" not in "".join(said)


def test_panels_only_for_what_was_computed():
    off = result(readability={}, grammar={"status": "off", "reason": "disabled with --grammar off"},
                 findings=[swap(TEXT, "sense of neighborhood", "sense of community")])
    off.scores.update(readability_grade=None, grammar_per_100_words=None)
    out = render(off, color=False)
    assert "readability" not in out and "grade" not in out and "grammar" not in out
    assert "╭" not in out  # no panel at all
    out = render(result(), result(path="b.txt", readability={}), color=False)
    assert "grade" in out.split("a.txt", 1)[0]  # the summary has the column (a.txt has one)


def test_error_and_empty_documents():
    error = DocumentResult(path="bad.bin", document=None,
                           error="binary file (contains NUL bytes); not audited",
                           findings=[Finding("input.unreadable", "error", Severity.ERROR,
                                             0, 0, "", "binary file")])
    empty = DocumentResult(path="blank.txt", document=Document(path="blank.txt", content=" \n"),
                           verdict="empty", grammar={"status": "off"})
    out = stripped(render(error, color=False))
    assert out.splitlines()[1] == "error | binary file (contains NUL bytes); not audited"
    assert "findings" not in out
    out = stripped(render(empty, color=False))
    assert out.splitlines()[1:] == ["empty", "note: nothing to audit"]


def test_summary_sorted_worst_first():
    docs = [result(path="clean.txt", verdict="clean", density=0.1),
            result(path="mild.txt", verdict="review", density=0.7),
            result(path="spun.txt", verdict="spun", density=3.0),
            result(path="worse.txt", verdict="spun", density=4.25),
            DocumentResult(path="gone.txt", document=None, error="cannot read"),
            DocumentResult(path="blank.txt", document=Document(path="blank.txt", content=""),
                           verdict="empty")]
    out = render(*docs, color=False, show_text=False)
    assert out.startswith("6 documents: 2 spun, 1 review, 1 error, 1 clean, 1 empty\n")
    summary = stripped(out.split("summary (6 files, worst first)", 1)[1])
    body = summary.split("─\n", 1)[1].split("\n\n", 1)[0]  # the documents follow
    rows = [line.split()[:3] for line in body.splitlines() if line.strip()]
    assert rows == [["worse.txt", "spun", "11"], ["spun.txt", "spun", "11"],
                    ["mild.txt", "review", "11"], ["gone.txt", "error", "-"],
                    ["clean.txt", "clean", "11"], ["blank.txt", "empty", "0"]]
    assert "  worse.txt   spun         11      4.25       1   8th and 9th grade      9.09" \
        in summary


def test_single_document_has_no_summary():
    assert "summary" not in render(result(), color=False)


def test_no_progress_bar_without_terminal(capsys):
    render(result(), result(path="b.txt"), color=True)
    assert capsys.readouterr().err == ""


def test_columns_env_sets_plain_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = render(result(), color=False)
    assert out.splitlines()[0] == "a.txt " + "─" * 54


def test_registry_builds_the_rich_reporter():
    stream = io.StringIO()
    reporter = make_reporter("rich", stream, color=False, show_text=False)
    assert isinstance(reporter, RichReporter) and reporter.show_text is False


def test_colour_marks_swaps_by_severity_and_underlines_grammar():
    content = "We locate a sense of neighborhood, it help.\n"
    findings = [swap(content, "sense of neighborhood", "sense of community"),
                swap(content, "locate", "find", Severity.SUGGESTION, "swap.find"),
                grammar(content, "neighborhood, it help", "helps")]
    out = render(result(content=content, findings=findings), stream=FakeTerminal(), color=True)
    assert "\x1b[1;37;41m«sense of neighborhood»" in out  # error: bold white on red
    assert "\x1b[30;46m«locate»" in out                    # suggestion: black on cyan
    assert "\x1b[4;35m, it help\x1b[0m" in out             # grammar outside the swap: underlined
    plain = render(result(content=content, findings=findings), color=False)
    assert "We «locate»[1] a «sense of neighborhood»[2], it help.\n" in plain


def test_terminal_escape_sequences_in_a_document_are_neutralised():
    import io

    from auditor.core.results import DocumentResult
    from auditor.inputs.document import Document
    from auditor.reporters.rich_report import RichReporter

    content = "Hello \x1b[31mred\x1b[0m and \x1b]0;title\x07 here.\n"
    result = DocumentResult(path="esc.txt", document=Document(path="esc.txt", content=content),
                            words=5, verdict="clean", scores={"spin_density": 0.0})
    out = io.StringIO()
    reporter = RichReporter(out, color=False)
    reporter.start(1)
    reporter.document(result)
    reporter.finish()
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text
    assert "Hello \u241b[31mred" in text  # ESC shown as its control picture


# --- layout: wrapping, findings beside their paragraph, snapshots at 80 and 120 columns ----

ARTICLE = (
    "How Does Art Therapy Work\n\n"
    "Benefits of Peer Support Groups\n"
    "Peer support system permit people to satisfy others with similar experiences and get in "
    "touch with them in a secure area. These connections can provide recognition and a sense "
    "of belonging.\n\n\n"
    "While family members and good friends might sympathize, they're not always able to "
    "provide the needed emotional support. See https://example.com/a-very-long-address-that-"
    "no-terminal-line-can-hold-in-one-piece-at-all/index.html for more.\n\n"
    "1. Shared Knowledge\n"
    "The usual experiences and battles of peer support group participants can promote a sense "
    "of neighborhood. People can locate comfort in knowing that others have undergone "
    "comparable experiences, lowering sensations of isolation.\n\n"
    "Leave a Reply\n\nYour email address will not be published.\n")


def article_findings(content=ARTICLE):
    def at(phrase, original, severity=Severity.WARNING, rule="idiom.test", message=None,
           kind="swap"):
        start, end = span(content, phrase)
        return Finding(rule, kind, severity, start, end, phrase,
                       message or f"'{phrase}' looks like a thesaurus swap for '{original}'",
                       original)
    return [
        at("How Does Art Therapy Work", "", rule="page.off-topic-title",
           message="title line unrelated to the body (an SEO target query?)"),
        at("system", "support groups", rule="idiom.support-group-agreement",
           message="'system' in 'support system/team' with a plural verb or no article looks "
                   "like a swap for 'support groups'"),
        at("satisfy", "meet", Severity.ERROR, "idiom.meet-others"),
        at("secure", "safe space", rule="idiom.safe-space"),
        at("https://example.com/a-very-long-address-that-no-terminal-line-can-hold-in-one-"
           "piece-at-all/index.html", "a link", Severity.SUGGESTION, "page.bare-url"),
        at("neighborhood", "sense of community", Severity.ERROR, "idiom.sense-of-community"),
        at("locate", "find", rule="idiom.find-comfort"),
        at("Leave a Reply\n\nYour email address will not be published.", "",
           rule="page.boilerplate",
           message="page-template leftover (comment-form), not part of the article"),
    ]


def article(path="samples/peer-support/000_020f8dbaab73f97c.txt", verdict="spun", density=16.03,
            **kw):
    findings = article_findings()
    values = {"words": len(ARTICLE.split()), "verdict": verdict,
              "scores": {"spin_density": density, "suspect_swaps": 6,
                         "grammar_per_100_words": None, "readability_grade": 14.0},
              "readability": {"flesch_reading_ease": 37.9, "flesch_kincaid_grade": 12.9,
                              "text_standard": 14.0, "textstat_words": len(ARTICLE.split()) - 1,
                              "sentences": 6},
              "grammar": {"status": "unavailable", "reason": LT_REASON}}
    values.update(kw)
    return DocumentResult(path=path, document=Document(path=path, content=ARTICLE),
                          findings=findings, **values)


FAMILY = {"id": 1, "members": ["samples/peer-support/000_020f8dbaab73f97c.txt", "b.txt"],
          "template": "Peer support {system|groups} permit people to {satisfy|meet} others in "
                      "a {secure|risk-free} {area|space}.",
          "slots": [{"alternatives": {"system": 1, "groups": 1}, "proposed": "groups"},
                    {"alternatives": {"satisfy": 1, "meet": 1}, "proposed": "meet"},
                    {"alternatives": {"secure": 1, "risk-free": 1}, "proposed": "safe"},
                    {"alternatives": {"area": 1, "space": 1}, "proposed": "space"}],
          "swapped_slots": {"samples/peer-support/000_020f8dbaab73f97c.txt": 3, "b.txt": 1},
          "insertions": []}


def folder_run():
    error = DocumentResult(path="bad.bin", document=None,
                           error="binary file (contains NUL bytes); not audited")
    empty = DocumentResult(path="blank.txt", document=Document(path="blank.txt", content="\n"),
                           verdict="empty", grammar={"status": "off"})
    clean = result(path="notes/clean.txt", verdict="clean", density=0.1, findings=[])
    clean.scores["readability_grade"] = 10.0
    return [clean, article(), error, empty,
            article(path="b.txt", verdict="review", density=1.2)]


SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, output: str) -> None:
    """Compare with tests/snapshots/<name>.txt; AUDITOR_UPDATE_SNAPSHOTS=1 rewrites it (see
    tests/snapshots/README.md)."""
    path = SNAPSHOTS / f"{name}.txt"
    text = stripped(output)
    if os.environ.get("AUDITOR_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run with AUDITOR_UPDATE_SNAPSHOTS=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, "\n" + "\n".join(difflib.unified_diff(
        expected.splitlines(), text.splitlines(), f"{name} (snapshot)", f"{name} (now)",
        lineterm=""))


@pytest.mark.parametrize("width", [80, 120])
def test_snapshot_of_one_document(width):
    check_snapshot(f"rich_one_document_{width}", render(article(), color=False, width=width))


@pytest.mark.parametrize("width", [80, 120])
def test_snapshot_of_a_folder(width):
    check_snapshot(f"rich_folder_{width}",
                   render(*folder_run(), color=False, width=width, families=[FAMILY]))


def test_snapshot_of_a_folder_with_text():
    check_snapshot("rich_folder_show_text_100",
                   render(*folder_run(), color=False, show_text=True, families=[FAMILY]))


def words_of(text: str) -> list[str]:
    return re.sub(r"\[\d+\]|[«»]", " ", text).split()


@pytest.mark.parametrize("width", [40, 80, 120])
def test_text_wraps_at_word_boundaries(width):
    out = stripped(render(article(), color=False, width=width))
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    paragraph = ("Peer support system permit people to satisfy others with similar experiences "
                 "and get in touch with them in a secure area.")
    start = next(i for i, line in enumerate(lines) if line.startswith("Peer support"))
    joined = " ".join(lines[start:start + 6])
    assert " ".join(words_of(paragraph)) in " ".join(words_of(joined))
    # Only the address, longer than any line, may be folded; every other word is whole.
    known = set(words_of(ARTICLE))
    text_lines = [line for line in lines[start:] if not line.startswith(("[", " ", "│", "╭",
                                                                          "╰"))]
    for word in words_of(" ".join(text_lines)):
        assert word in known or "example.com" in ARTICLE and word.strip("/") in ARTICLE, word


@pytest.mark.parametrize("show_text", [True, False])
def test_no_cell_breaks_a_word_at_80_columns(show_text):
    out = stripped(render(*folder_run(), color=False, width=80, show_text=show_text))
    cells = set()
    for f in article_findings() + result().findings:
        for value in (f.text, f.suggestion, f.message, f.rule_id):
            cells.update(value.split())
    listed = [line for line in out.splitlines() if re.match(r"\s*\[\d+\] ", line)
              or line.startswith("      ")]
    assert listed
    for line in listed:
        for word in re.sub(r"^\s*\[\d+\](\s+\d+:\d+)?\s+(error|warning|suggestion)\s", "",
                           line).replace("→", " ").split():
            word = word.rstrip(":")
            assert word in cells or word.endswith("…") and any(
                c.startswith(word[:-1]) for c in cells), (word, line)
    summary = out.split("summary", 1)[1].split("\n\n\n", 1)[0]
    assert "000_020f8dbaab73f97c.txt" in summary  # the file name whole, its folders shortened


def test_findings_are_listed_under_their_paragraph():
    out = stripped(render(article(), color=False, width=100))
    for number, phrase in ((2, "system"), (3, "satisfy"), (6, "neighborhood"), (8, "Reply")):
        marker = out.index(f"[{number}]")                 # in the text
        listed = out.index(f"\n[{number}] ")             # in the list under the paragraph
        next_paragraph = out.find("\n\n", marker)
        assert marker < listed < next_paragraph + 2, (number, phrase)
    # the boilerplate finding spans a blank line: its paragraphs are shown as one
    assert "«Leave a Reply\n\nYour email address will not be published.»[8]" in out


def test_text_by_default_for_one_file_only_and_summary_first():
    one = render(article(), color=False)
    assert "«satisfy»[3]" in one and "summary" not in one
    several = render(*folder_run(), color=False)
    assert "«satisfy»" not in several                     # compact: findings only
    assert several.index("5 documents: 1 spun, 1 review, 1 error, 1 clean, 1 empty") == 0
    assert several.index("summary (5 files") < several.index("bad.bin ─")
    assert re.search(r"\n\[3\] 4:38 +error +satisfy → meet", several)  # with line:column
    assert "«satisfy»[3]" in render(*folder_run(), color=False, show_text=True)


def test_long_summaries_list_the_worst_documents():
    docs = [result(path=f"d{i:03}.txt", verdict="clean", density=i / 100) for i in range(40)]
    docs.append(result(path="worst.txt", verdict="spun", density=9.0))
    out = stripped(render(*docs, color=False))
    assert out.startswith("41 documents: 1 spun, 40 clean\n")
    summary = out.split("summary: the 20 worst of 41 files", 1)[1].split("\n\n\n", 1)[0]
    assert summary.split("─\n", 1)[1].split()[0] == "worst.txt"
    assert "… and 21 more, all below" in summary


def test_family_template_marks_the_proposed_wording():
    out = render(article(), result(path="b.txt"), color=False, show_text=True,
                 families=[FAMILY])
    assert "template, 4 slots {…|…}; the [proposed source wording] first; ∅: no word" in out
    assert ("Peer support {[groups]|system} permit people to {[meet]|satisfy} others in a "
            "{[safe]|secure|risk-free} {[space]|area}.") in " ".join(out.split())
    compact = render(article(), result(path="b.txt"), color=False, families=[FAMILY])
    assert "{[groups]" not in compact and "template: 4 slots (shown with --show-text" in compact
    assert "1 spin family of near-duplicate documents (at the end)" in compact
