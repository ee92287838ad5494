"""One document of the terminal report, as rich renderables: a header line, then either its
text paragraph by paragraph with each paragraph's findings listed right under it (the
detailed view), or only the list of findings with their line:column (the compact view).

Formats only; colours are chosen in STYLES. Document text reaches rich only as `Text` (never
as markup) and through `termsafe.clean`, so "[bold]" or an escape sequence in a file prints
harmlessly. Text is wrapped by rich at word boundaries to the console width (rich folds only
a word longer than the whole line); a finding's cells shorten an over-long word with "…"
rather than break it.
"""
from __future__ import annotations

import bisect
import re

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..core.findings import KIND_GRAMMAR, Finding, Kind
from ..core.results import DocumentResult
from ..util.termsafe import clean
from .presentation import HIDDEN_READABILITY, READABILITY, fmt

STYLES = {
    "verdict.clean": "bold green", "verdict.review": "bold yellow", "verdict.spun": "bold red",
    "verdict.error": "bold magenta", "verdict.empty": "dim",
    "severity.error": "bold red", "severity.warning": "yellow", "severity.suggestion": "cyan",
    "span.error": "bold white on red", "span.warning": "black on yellow",
    "span.suggestion": "black on cyan", "marker": "bold", "grammar": "underline magenta",
    "path": "bold", "note": "italic", "rule": "dim", "error": "bold red", "label": "dim",
    "proposed": "bold green",
}
NOT_SPIN = frozenset(k for k in Kind if not k.is_spin)  # Kind says what is spin evidence
# A run of blank lines separates paragraphs (a line holding only spaces or tabs is blank).
BLANK_LINES = re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)+")
QUOTE_CHARS = 60  # a finding's text longer than this is quoted with "…" in its list line
Numbered = list[tuple[int, Finding]]


def numbered_findings(result: DocumentResult) -> Numbered:
    """Findings in text order, numbered from 1: the numbers the markers in the text show."""
    return list(enumerate(sorted(result.findings, key=lambda f: (f.start, f.end)), 1))


def _spin_groups(numbered: Numbered, lo: int, hi: int) -> list[list]:
    """Overlapping spin spans merged, clamped to [lo, hi): [[start, end, severity, [n]]]."""
    groups: list[list] = []
    for number, f in numbered:
        if f.kind in NOT_SPIN:
            continue
        start, end = min(max(f.start, lo), hi), min(max(f.end, f.start, lo), hi)
        if groups and start < groups[-1][1]:
            last = groups[-1]
            last[1], last[2] = max(last[1], end), max(last[2], f.severity)
            last[3].append(number)
        else:
            groups.append([start, end, f.severity, [number]])
    return groups


def annotated_text(content: str, numbered: Numbered, lo: int = 0, hi: int | None = None
                   ) -> Text:
    """content[lo:hi] verbatim, each suspect span as «span»[n]; grammar spans only styled.
    Each piece is cleaned (`termsafe.clean`) as it is added, so a document cannot restyle or
    retitle the user's terminal."""
    hi = len(content) if hi is None else hi
    spans = sorted((f.start, f.end) for _, f in numbered if f.kind == KIND_GRAMMAR)
    out, cursor, first = Text(), lo, 0

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

    for start, end, severity, numbers in _spin_groups(numbered, lo, hi):
        plain(cursor, start)
        out.append("«" + clean(content[start:end]) + "»", STYLES[f"span.{severity.label}"])
        out.append("".join(f"[{n}]" for n in numbers), STYLES["marker"])
        cursor = end
    plain(cursor, hi)
    return out


def paragraphs(content: str, numbered: Numbered) -> list[tuple[int, int]]:
    """[lo, hi) of each paragraph: the text split at blank lines, but never inside a finding's
    span (a boilerplate finding can cover several paragraphs; it is shown whole)."""
    covered: list[list[int]] = []  # merged finding spans
    for start, end in sorted((f.start, f.end) for _, f in numbered if f.end > f.start):
        if covered and start < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], end)
        else:
            covered.append([start, end])
    starts = [c[0] for c in covered]
    out, lo = [], 0
    for match in BLANK_LINES.finditer(content):
        i = bisect.bisect_right(starts, match.start()) - 1
        if i >= 0 and covered[i][1] > match.start():
            continue  # inside a finding's span
        if match.start() > lo:
            out.append((lo, match.start()))
        lo = match.end()
    tail = content.rstrip()
    if len(tail) > lo:
        out.append((lo, len(tail)))
    return out


def _quote(text: str) -> str:
    one_line = " ".join(clean(text, multiline=False).replace("␊", " ").replace("␍", " ")
                        .replace("␉", " ").split())
    return one_line if len(one_line) <= QUOTE_CHARS else one_line[:QUOTE_CHARS - 1] + "…"


def findings_grid(result: DocumentResult, numbered: Numbered, where: bool = False,
                  total: int = 0) -> Table:
    """One line (wrapped at word boundaries) per finding: [n], line:col when `where`, the
    severity, then 'text' → likely original: message, and the rule id dimmed. Columns are as
    wide as for `total` findings, so the lists under successive paragraphs line up."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, min_width=len(f"[{total}]"))
    if where:
        grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, min_width=len("warning"))
    grid.add_column(overflow="ellipsis")
    for number, f in numbered:
        severity = f.severity.label
        body = Text.assemble((_quote(f.text), STYLES[f"span.{severity}"] if f.kind not in
                              NOT_SPIN else STYLES["grammar"] if f.kind == KIND_GRAMMAR else ""))
        if f.suggestion:
            body.append(f" → {_quote(f.suggestion)}", "bold")
        body.append(f": {clean(f.message, multiline=False)} " if body else
                    f"{clean(f.message, multiline=False)} ")
        body.append(clean(f.rule_id, multiline=False), STYLES["rule"])
        cells = [Text(f"[{number}]", STYLES["marker"])]
        if where:
            cells.append(Text(result.where(f.start)))  # in the original (auditor.inputs)
        cells += [Text(severity, STYLES[f"severity.{severity}"]), body]
        grid.add_row(*cells)
    return grid


def readability_panel(readability: dict) -> Panel:
    """The computed scores two to a row. The word count is the header's (one count, the
    runner's); textstat's own count, which drops tokens of punctuation only, is not shown."""
    keys = [k for k in READABILITY if k in readability and k not in HIDDEN_READABILITY]
    keys += [k for k in readability if k not in READABILITY]
    grid = Table.grid(padding=(0, 2))
    for _ in range(2):
        grid.add_column(style=STYLES["label"], no_wrap=True)
        grid.add_column(no_wrap=True)
    cells = [Text(clean(part)) for key in keys
             for part in (READABILITY.get(key, key), fmt(readability.get(key)))]
    for i in range(0, len(cells), 4):
        grid.add_row(*cells[i:i + 4])
    return Panel(grid, title="readability", title_align="left", expand=False)


def grammar_words(result: DocumentResult) -> str | None:
    """The grammar part of the header: None when grammar was not asked for (off)."""
    status = result.grammar.get("status")
    if status == "off" or not status:
        return None
    if status != "ok":
        return f"grammar: {status}"
    issues = sum(1 for f in result.findings if f.kind == KIND_GRAMMAR)
    per_100 = result.scores.get("grammar_per_100_words")
    return f"grammar: {issues} issue{'' if issues == 1 else 's'} ({fmt(per_100)} per 100 words)"


def header(result: DocumentResult) -> Text:
    verdict = Text(result.verdict, STYLES.get(f"verdict.{result.verdict}", ""))
    if result.verdict == "error":
        return Text.assemble(verdict, " | ",
                             (clean(result.error or "unknown error"), STYLES["error"]))
    if result.verdict == "empty":
        return verdict
    s = result.scores
    parts = [f"{result.words} word{'' if result.words == 1 else 's'}",
             f"spin density: {fmt(s.get('spin_density'))}",
             f"suspect swaps: {fmt(s.get('suspect_swaps'))}"]
    if result.readability:
        parts.append(f"grade: {fmt(s.get('readability_grade'), 1)}")
    parts.append(grammar_words(result))
    return Text.assemble(verdict, *(f" | {clean(p)}" for p in parts if p))


def notes(result: DocumentResult) -> list[Text]:
    found = list(result.notes)
    if result.verdict == "empty" and not any("nothing to audit" in n for n in found):
        found.append("nothing to audit")
    return [Text(f"note: {clean(n)}", STYLES["note"]) for n in found]


def document_body(result: DocumentResult, detailed: bool) -> list:
    """Renderables after the header and notes: text with findings per paragraph and the
    readability panel (detailed), or the findings with line:column (compact)."""
    if result.verdict in ("error", "empty"):
        return []
    numbered = numbered_findings(result)
    out: list = []
    if detailed:
        content = result.content
        starts = [f.start for _, f in numbered]
        paras = paragraphs(content, numbered) or [(0, 0)]
        for i, (lo, hi) in enumerate(paras):
            # A finding in the blank lines after a paragraph is listed with that paragraph.
            first = 0 if i == 0 else bisect.bisect_left(starts, lo)
            last = bisect.bisect_left(starts, paras[i + 1][0]) if i + 1 < len(paras) \
                else len(starts)
            out.append(Text())
            out.append(annotated_text(content, numbered[first:last], lo, hi))
            if last > first:
                out.append(findings_grid(result, numbered[first:last], total=len(numbered)))
        if not numbered:
            out += [Text(), Text("no findings")]
        if result.readability:
            out += [Text(), readability_panel(result.readability)]
        return out
    if numbered:
        out.append(Text(f"findings ({len(numbered)})", STYLES["label"]))
        out.append(findings_grid(result, numbered, where=True, total=len(numbered)))
    else:
        out.append(Text("no findings"))
    return out
