"""The rich reporter, rendered to a StringIO (not a terminal: plain text, width 100)."""
from __future__ import annotations

import io

import pytest

from auditor.document import Document
from auditor.findings import Finding, Severity
from auditor.reporters import make_reporter
from auditor.reporters.rich_report import RichReporter
from auditor.results import DocumentResult

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
                    readability={"flesch_reading_ease": 61.2, "words": 11, "smog_index": None},
                    grammar={"status": "ok", "reason": "", "server": "http://localhost:8081",
                             "issues": 1})
    defaults.update(kw)
    if findings is None:
        findings = [swap(content, "sense of neighborhood", "sense of community"),
                    grammar(content, "helps", "help")]
    return DocumentResult(path=path, document=Document(path=path, content=content),
                          findings=findings, **defaults)


def render(*results, stream=None, **options) -> str:
    stream = io.StringIO() if stream is None else stream
    reporter = RichReporter(stream, **options)
    reporter.start(len(results))
    for r in results:
        reporter.document(r)
    reporter.finish()
    return stream.getvalue()


def stripped(output: str) -> str:
    # rich pads table and panel rows with spaces; compare without trailing blanks so the
    # snapshot survives editors and whitespace hooks.
    return "\n".join(line.rstrip() for line in output.split("\n"))


SNAPSHOT = """\
a.txt ──────────────────────────────────────────────────────────────────────────────────────────────
spun | 11 words | spin density: 2.50 | suspect swaps: 1
grammar: 9.09 per 100 words | grade: 8th and 9th grade
note: decoded as Windows-1252

Peer groups promote a «sense of neighborhood»[1].
They [bold]x[/bold] helps people.

findings (2)

                                        likely
  #   at     severity   what            original        message / rule
 ──────────────────────────────────────────────────────────────────────────────────────────────────
  1   1:23   error      sense of        sense of        spun phrase
                        neighborhood    community       swap.test
  2   2:21   warning    helps           help            agreement
                                                        grammar.AGREEMENT

╭─ readability ──────────────────────╮
│ Flesch reading ease          61.20 │
│ Flesch-Kincaid grade         n/a   │
│ Gunning fog index            n/a   │
│ SMOG index                   n/a   │
│ Coleman-Liau index           n/a   │
│ Automated readability index  n/a   │
│ Dale-Chall score             n/a   │
│ Consensus grade              n/a   │
│ Words                        11    │
│ Sentences                    n/a   │
│ Syllables                    n/a   │
│ Reading time (seconds)       n/a   │
╰────────────────────────────────────╯
╭─ grammar ─────────────────────╮
│ status  ok                    │
│ reason  -                     │
│ server  http://localhost:8081 │
│ issues  1                     │
╰───────────────────────────────╯
"""


def test_plain_report_matches_snapshot():
    out = render(result(notes=["decoded as Windows-1252"]), color=False)
    assert stripped(out) == SNAPSHOT
    # The document text itself is printed exactly, markers apart (no padding, no wrapping).
    assert "\nPeer groups promote a «sense of neighborhood»[1].\n" \
           "They [bold]x[/bold] helps people.\n\n" in out


@pytest.mark.parametrize("stream_type, color", [(io.StringIO, True), (io.StringIO, False),
                                                (FakeTerminal, False)])
def test_plain_output_has_no_escape_codes(stream_type, color):
    out = render(result(), result(path="b.txt"), stream=stream_type(), color=color)
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
    assert "[red]sense of" in out.split("findings", 1)[1]  # the table cell, literally


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
    assert "  2   2:31   warning" in out


def test_no_text_option_prints_only_header_and_tables():
    out = render(result(), color=False, show_text=False)
    assert "Peer groups" not in out
    assert "«" not in out
    assert "swap.test" in out


def test_grammar_unavailable_in_header():
    r = result(findings=[swap(TEXT, "sense of neighborhood", "sense of community")],
               grammar={"status": "unavailable", "reason": "no LanguageTool server found"})
    r.scores["grammar_per_100_words"] = None
    out = render(r, color=False)
    assert "grammar: unavailable (no LanguageTool server found) | grade:" in out
    assert "│ status  unavailable" in out


def test_empty_readability_and_none_values():
    r = result(readability={})
    r.scores["readability_grade"] = None
    out = render(r, color=False)
    assert "| grade: n/a\n" in out
    assert "│ not computed  │" in out


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
    summary = stripped(out.split("summary (6 files, worst first)", 1)[1])
    body = summary.split("─\n", 1)[1]
    rows = [line.split()[:3] for line in body.splitlines() if line.strip()]
    assert rows == [["worse.txt", "spun", "11"], ["spun.txt", "spun", "11"],
                    ["mild.txt", "review", "11"], ["gone.txt", "error", "-"],
                    ["clean.txt", "clean", "11"], ["blank.txt", "empty", "0"]]
    assert "  worse.txt   spun         11           4.25       1   9.09                 " \
           "8th and 9th grade" in summary


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

    from auditor.document import Document
    from auditor.reporters.rich_report import RichReporter
    from auditor.results import DocumentResult

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
