"""Human-readable report: per document a header, the text with suspect spans marked, a
findings table and readability/grammar panels; a summary table, worst first, for several.

Formats only. Every colour is chosen in STYLES. Document text reaches rich only as `Text`
(never as markup), so "[bold]" in a file prints as "[bold]". Output is plain (no ANSI
escapes at all) when the stream is not a terminal, with color=False, or when NO_COLOR is set.
"""
from __future__ import annotations

import atexit
import os
import sys
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..findings import KIND_ERROR, KIND_GRAMMAR, KIND_NOTE, KIND_READABILITY, Finding
from ..results import DocumentResult
from ..termsafe import clean
from . import Reporter
from .presentation import READABILITY, VERDICT_RANK, fmt, grammar_summary

if TYPE_CHECKING:
    from rich.progress import Progress

STYLES = {
    "verdict.clean": "bold green", "verdict.review": "bold yellow", "verdict.spun": "bold red",
    "verdict.error": "bold magenta", "verdict.empty": "dim",
    "severity.error": "bold red", "severity.warning": "yellow", "severity.suggestion": "cyan",
    "span.error": "bold white on red", "span.warning": "black on yellow",
    "span.suggestion": "black on cyan", "marker": "bold", "grammar": "underline magenta",
    "path": "bold", "note": "italic", "rule": "dim", "error": "bold red", "label": "dim",
}
NOT_SPIN = {KIND_GRAMMAR, KIND_READABILITY, KIND_ERROR, KIND_NOTE}
PLAIN_WIDTH = 100


def make_console(stream: TextIO, color: bool) -> tuple[Console, bool]:
    tty = _isatty(stream)
    colour = color and tty and os.environ.get("NO_COLOR", "") == ""
    columns = os.environ.get("COLUMNS", "")
    width = None if tty else int(columns) if columns.isdigit() and int(columns) else PLAIN_WIDTH
    return Console(file=stream, color_system="auto" if colour else None, force_terminal=tty,
                   width=width, markup=False, emoji=False, highlight=False,
                   legacy_windows=False, soft_wrap=False), tty


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _spin_groups(numbered: list[tuple[int, Finding]], limit: int) -> list[tuple]:
    """Merge overlapping spin spans: [(start, end, worst severity, [numbers])]."""
    groups: list[list] = []
    for number, f in numbered:
        if f.kind in NOT_SPIN:
            continue
        start, end = min(max(f.start, 0), limit), min(max(f.end, f.start, 0), limit)
        if groups and start < groups[-1][1]:
            last = groups[-1]
            last[1], last[2] = max(last[1], end), max(last[2], f.severity)
            last[3].append(number)
        else:
            groups.append([start, end, f.severity, [number]])
    return groups


def annotated_text(content: str, numbered: list[tuple[int, Finding]]) -> Text:
    """The document verbatim, each suspect span as «span»[n]; grammar spans only styled.
    Offsets index the raw content; each piece is cleaned (`termsafe.clean`) as it is added,
    so a document cannot restyle or retitle the user's terminal."""
    spans = sorted((f.start, f.end) for _, f in numbered if f.kind == KIND_GRAMMAR)
    out, cursor, first = Text(), 0, 0

    def plain(a: int, b: int) -> None:  # content[a:b], grammar spans in it styled
        nonlocal first
        while first < len(spans) and spans[first][1] <= a:
            first += 1
        i = first
        while i < len(spans) and spans[i][0] < b:
            s, e = max(spans[i][0], a), min(spans[i][1], b)
            if e > s:
                out.append(clean(content[a:s]))
                out.append(clean(content[s:e]), STYLES["grammar"])
                a = e
            i += 1
        out.append(clean(content[a:b]))

    for start, end, severity, numbers in _spin_groups(numbered, len(content)):
        plain(cursor, start)
        out.append("«" + clean(content[start:end]) + "»", STYLES[f"span.{severity.label}"])
        out.append("".join(f"[{n}]" for n in numbers), STYLES["marker"])
        cursor = end
    plain(cursor, len(content))
    return out


def findings_table(result: DocumentResult, numbered: list[tuple[int, Finding]]) -> Table:
    table = Table(title=f"findings ({len(numbered)})", box=box.SIMPLE_HEAD,
                  title_justify="left", expand=True)
    for name in ("#", "at", "severity"):
        table.add_column(name, no_wrap=True, justify="right" if name == "#" else "left")
    # The rule id goes under its message: a column of its own leaves the message a sliver
    # of a 100-column report.
    table.add_column("what", ratio=1, overflow="fold")
    table.add_column("likely original", ratio=1, overflow="fold")
    table.add_column("message / rule", ratio=3, overflow="fold")
    for number, f in numbered:
        line, col = result.position(f.start)
        severity = f.severity.label
        table.add_row(Text(str(number)), Text(f"{line}:{col}"),
                      Text(severity, STYLES[f"severity.{severity}"]), Text(clean(f.text)),
                      Text(clean(f.suggestion)),
                      Text.assemble(clean(f.message), "\n", (clean(f.rule_id), STYLES["rule"])))
    return table


def readability_panel(readability: dict) -> Panel:
    if not readability:
        return Panel(Text("not computed"), title="readability", title_align="left", expand=False)
    grid = Table.grid(padding=(0, 2))
    for key in list(READABILITY) + [k for k in readability if k not in READABILITY]:
        grid.add_row(Text(clean(READABILITY.get(key, key)), STYLES["label"]),
                     Text(clean(fmt(readability.get(key)))))
    return Panel(grid, title="readability", title_align="left", expand=False)


def grammar_panel(result: DocumentResult) -> Panel:
    grammar = result.grammar
    issues = grammar.get("issues")
    if not isinstance(issues, int):
        issues = sum(1 for f in result.findings if f.kind == KIND_GRAMMAR)
    grid = Table.grid(padding=(0, 2))
    for label, value in (("status", grammar.get("status") or "unavailable"),
                         ("reason", grammar.get("reason") or "-"),
                         ("server", grammar.get("server") or "-"), ("issues", str(issues))):
        grid.add_row(Text(label, STYLES["label"]), Text(clean(value)))
    return Panel(grid, title="grammar", title_align="left", expand=False)


def header(result: DocumentResult) -> list[Text]:
    verdict = Text(result.verdict, STYLES.get(f"verdict.{result.verdict}", ""))
    if result.verdict == "error":
        return [Text.assemble(verdict, " | ", (clean(result.error or "unknown error"), STYLES["error"]))]
    if result.verdict == "empty":
        return [verdict]
    s = result.scores
    first = (f" | {result.words} words | spin density: {fmt(s.get('spin_density'))}"
             f" | suspect swaps: {fmt(s.get('suspect_swaps'))}")
    return [Text.assemble(verdict, first), Text(f"grammar: {clean(grammar_summary(result))}"
                                                f" | grade: {fmt(s.get('readability_grade'), 1)}")]


class RichReporter(Reporter):
    shows_notes = True

    def __init__(self, stream: TextIO, color: bool = True, show_text: bool = True):
        super().__init__(stream, color=color, show_text=show_text)
        self.console, self._tty = make_console(stream, color)
        self._total = 0
        self._rows: list[tuple] = []
        self._progress: Progress | None = None
        self._task = None
        self._families: list[dict] = []

    def note(self, text: str) -> None:
        """A note about the whole run (e.g. a config file from outside the repository),
        printed before the documents."""
        self.console.print(Text(clean(text), STYLES["error"]))
        self.console.print()

    def start(self, total: int) -> None:
        self._total = total
        if total > 1 and self._tty and _isatty(sys.stderr):
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            # On stderr, so stdout carries only the report; no refresh thread (auto_refresh off).
            self._progress = Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(),
                                      console=Console(stderr=True), transient=True,
                                      auto_refresh=False, redirect_stdout=False,
                                      redirect_stderr=False)
            self._task = self._progress.add_task("", total=total)
            self._progress.start()
            atexit.register(self._stop_progress)  # restore the cursor if the run is cut short

    def document(self, result: DocumentResult) -> None:
        # The bar lives on stderr; hide it while the report prints so neither clobbers the other.
        if self._progress is not None:
            self._progress.stop()
        self._print_document(result)
        self._rows.append(self._summary_row(result, len(self._rows)))
        if self._progress is not None:
            self._progress.advance(self._task)
            self._progress.start()

    def family(self, family: dict) -> None:
        self._families.append(family)

    def finish(self) -> None:
        self._stop_progress()
        if max(self._total, len(self._rows)) > 1:
            self.console.print()
            self.console.print(self.summary_table())
        for family in self._families:
            self._print_family(family)

    def _print_family(self, family: dict) -> None:
        out = self.console
        members = family.get("members") or []
        out.print()
        out.print(Rule(Text(f"family {family.get('id')}: {len(members)} near-duplicate "
                            "documents", STYLES["path"]), align="left"))
        swapped = family.get("swapped_slots") or {}
        for member in members:
            out.print(Text(f"  {clean(member, multiline=False)}  ({swapped.get(member, 0)} "
                           "slots with a synonym in place of the proposed source)"))
        slots = family.get("slots") or []
        out.print(Text(f"template ({len(slots)} slots; the proposed source wording first):",
                       STYLES["note"]))
        out.print(Text(clean(family.get("template", ""))))
        for item in family.get("insertions") or []:
            out.print(Text(f"likely inserted keyword in {clean(item['member'], multiline=False)}: "
                           f"{clean(repr(item['text']))}",
                           STYLES["note"]))

    def _stop_progress(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _print_document(self, result: DocumentResult) -> None:
        out = self.console
        if self._rows:
            out.print()
        out.print(Rule(Text(clean(result.path, multiline=False), STYLES["path"]), align="left"))
        for line in header(result):
            out.print(line)
        notes = list(result.notes)
        if result.verdict == "empty" and not any("nothing to audit" in n for n in notes):
            notes.append("nothing to audit")
        for note in notes:
            out.print(Text(f"note: {clean(note)}", STYLES["note"]))
        if result.verdict in ("error", "empty"):
            return
        numbered = list(enumerate(sorted(result.findings, key=lambda f: (f.start, f.end)), 1))
        if self.show_text:
            out.print()
            end = "" if result.content.endswith("\n") else "\n"
            out.print(annotated_text(result.content, numbered), soft_wrap=True, end=end)
        out.print()
        if numbered:
            out.print(findings_table(result, numbered))
        else:
            out.print(Text("no findings"))
        out.print(readability_panel(result.readability))
        out.print(grammar_panel(result))

    @staticmethod
    def _summary_row(result: DocumentResult, index: int) -> tuple:
        s = result.scores
        density = s.get("spin_density") or 0.0
        per_100 = s.get("grammar_per_100_words")
        grammar = fmt(per_100) if per_100 is not None else result.grammar.get("status") or "-"
        words = "-" if result.verdict == "error" else str(result.words)
        cells = (clean(result.path, multiline=False), clean(result.verdict), words, fmt(s.get("spin_density")),
                 fmt(s.get("suspect_swaps")), grammar, fmt(s.get("readability_grade"), 1))
        return (VERDICT_RANK.get(result.verdict, 5), -density, index), cells

    def summary_table(self) -> Table:
        table = Table(title=f"summary ({len(self._rows)} files, worst first)",
                      box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("path", overflow="fold")
        table.add_column("verdict", no_wrap=True)
        for name in ("words", "spin density", "swaps"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("grammar /100 words")
        table.add_column("grade")
        for _, cells in sorted(self._rows, key=lambda row: row[0]):
            table.add_row(*(Text(c, STYLES.get(f"verdict.{c}", "") if i == 1 else "")
                            for i, c in enumerate(cells)))
        return table
