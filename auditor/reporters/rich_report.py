"""Human-readable report. One file: its header, its text wrapped to the console with each
paragraph's findings listed right under it, and readability. Several files: first the
summary (counts per verdict, the worst documents), then each document compactly (its
findings with line:column; the text too with --show-text), then spin families.

Formats only: each document is rendered by `rich_document`; every colour is chosen in its
STYLES. Document text reaches rich only as `Text` (never as markup). Output is plain (no ANSI
escapes at all) when the stream is not a terminal, with color=False, or when NO_COLOR is set.
A service that was unavailable (LanguageTool) is said once per run: its reason without the
parenthesised details, in full, wrapped at word boundaries to the console's width.
"""
from __future__ import annotations

import atexit
import os
import re
import sys
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..core.results import DocumentResult
from ..util.termsafe import clean
from . import Reporter
from .presentation import VERDICT_RANK, fmt
from .rich_document import STYLES, document_body, header, notes

if TYPE_CHECKING:
    from rich.progress import Progress

PLAIN_WIDTH = 100
SUMMARY_ROWS = 20  # a summary of more than SUMMARY_ROWS + 5 documents lists the worst 20
SLOT = re.compile(r"\{([^{}]*)\}")
PARENTHESES = re.compile(r"\s*\([^()]*\)")


def make_console(stream: TextIO, color: bool | str) -> tuple[Console, bool]:
    """`color`: False (never), "always", or True (auto): on a terminal, or anywhere when
    FORCE_COLOR is set, unless NO_COLOR is set (https://no-color.org, https://force-color.org)."""
    tty = _isatty(stream)
    if color == "always":
        colour = True
    else:
        colour = bool(color) and (tty or os.environ.get("FORCE_COLOR", "") != "") \
            and os.environ.get("NO_COLOR", "") == ""
    columns = os.environ.get("COLUMNS", "")
    width = None if tty else int(columns) if columns.isdigit() and int(columns) else PLAIN_WIDTH
    return Console(file=stream, color_system="standard" if colour and not tty else
                   "auto" if colour else None, force_terminal=tty or colour,
                   width=width, markup=False, emoji=False, highlight=False,
                   legacy_windows=False, soft_wrap=False), tty


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def one_line_reason(reason: str) -> str:
    """A service's reason without its parenthesised details, on one line."""
    text = " ".join(clean(reason or "", multiline=False).split())
    while True:
        shorter = PARENTHESES.sub("", text)
        if shorter == text:
            return text
        text = shorter


def shorten_path(path: str, width: int) -> str:
    """The path, its beginning replaced by "…" when longer than `width` (the file name is
    the part a reader needs)."""
    path = clean(path, multiline=False)
    return path if len(path) <= width else "…" + path[len(path) - width + 1:]


def template_text(template: str, slots: list) -> Text:
    """A family's template with each slot as {[proposed]|other|…}: the proposed source
    wording first, in brackets and styled; "∅" for a slot's empty wording."""
    out, cursor = Text(), 0
    for index, match in enumerate(SLOT.finditer(template)):
        slot = slots[index] if index < len(slots) and isinstance(slots[index], dict) else {}
        proposed = slot.get("proposed")
        alternatives = match.group(1).split("|")
        # The proposed wording may be none of the documents' (a repair: 'safe' for
        # {secure|risk-free}); it is shown first all the same.
        ordered = ([proposed] if proposed is not None else []) \
            + [a for a in alternatives if a != proposed]
        out.append(clean(template[cursor:match.start()]))
        out.append("{")
        for i, alt in enumerate(ordered):
            if i:
                out.append("|")
            shown = clean(alt) or "∅"
            if alt == proposed:
                out.append(f"[{shown}]", STYLES["proposed"])
            else:
                out.append(shown)
        out.append("}")
        cursor = match.end()
    out.append(clean(template[cursor:]))
    return out


class RichReporter(Reporter):
    shows_notes = True

    def __init__(self, stream: TextIO, color: bool = True, show_text: bool | None = None):
        """`show_text`: the annotated text of each document; None (the default) shows it for
        a run of one document and leaves it out for several."""
        super().__init__(stream, color=color, show_text=show_text)
        self.console, self._tty = make_console(stream, color)
        self._total = 0
        self._rows: list[tuple] = []
        self._progress: Progress | None = None
        self._task = None
        self._families: list[dict] = []
        self._documents: list[str] = []       # rendered documents, printed after the summary
        self._services: dict[str, int] = {}   # one-line reason -> documents it concerned
        self._services_shown = False

    @property
    def detailed(self) -> bool:
        return self.show_text if self.show_text is not None else self._total <= 1

    @property
    def buffered(self) -> bool:
        """Several documents: the summary comes first, so documents wait until finish()."""
        return self._total > 1

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
        if result.grammar.get("status") == "unavailable":
            reason = one_line_reason(result.grammar.get("reason") or "no reason given")
            self._services[reason] = self._services.get(reason, 0) + 1
        index = len(self._rows)
        self._rows.append(self._summary_row(result, index))
        if self.buffered:
            with self.console.capture() as capture:
                self._print_document(result, first=index == 0)
            self._documents.append(capture.get())
            if self._progress is not None:
                self._progress.advance(self._task)
                self._progress.refresh()
            return
        self._print_services()
        self._print_document(result, first=index == 0)

    def family(self, family: dict) -> None:
        self._families.append(family)

    def finish(self) -> None:
        self._stop_progress()
        if self.buffered or len(self._rows) > 1:
            self._print_summary()
            for rendered in self._documents:
                self.console.file.write(rendered)
        for family in self._families:
            self._print_family(family)
        self.console.file.flush()

    def _print_services(self) -> None:
        """Each unavailable service once, before the first document."""
        if self._services_shown:
            return
        self._services_shown = bool(self._services)
        for reason, count in self._services.items():
            scope = f" ({count} documents)" if self.buffered and count > 1 else ""
            # wrapped, not cut: the end of the reason says what to do (set a URL)
            self.console.print(Text(f"grammar not checked{scope}: {reason}", STYLES["note"]),
                               overflow="fold")
        if self._services and not self.buffered:
            self.console.print()

    def _print_summary(self) -> None:
        out = self.console
        counts: dict[str, int] = {}
        for _, cells in self._rows:
            counts[cells["verdict"]] = counts.get(cells["verdict"], 0) + 1
        total = len(self._rows)
        shown = ", ".join(f"{n} {v}" for v, n in sorted(
            counts.items(), key=lambda item: VERDICT_RANK.get(item[0], 5)))
        out.print(Text(f"{total} document{'' if total == 1 else 's'}: {shown}", STYLES["path"]))
        if self._families:
            n = len(self._families)
            out.print(Text(f"{n} spin famil{'y' if n == 1 else 'ies'} of near-duplicate "
                           "documents (at the end)"))
        self._print_services()
        out.print()
        out.print(self.summary_table())

    def _print_family(self, family: dict) -> None:
        out = self.console
        members = family.get("members") or []
        out.print()
        out.print(Rule(Text(f"family {family.get('id')}: {len(members)} near-duplicate "
                            "documents", STYLES["path"]), align="left"))
        swapped = family.get("swapped_slots") or {}
        adjusted = family.get("member_scores") or {}
        out.print(Text("members: slots where a synonym stands in place of the proposed source "
                       "wording", STYLES["note"]))
        for member in members:
            verdict = adjusted.get(member, {}).get("verdict_with_family")
            with_family = f"; verdict with the family: {clean(verdict)}" if verdict else ""
            out.print(Text(f"  {clean(member, multiline=False)}: {swapped.get(member, 0)}"
                           f"{with_family}"))
        slots = family.get("slots") or []
        if not self.detailed:
            out.print(Text(f"template: {len(slots)} slots (shown with --show-text; also in "
                           "--format html and json)", STYLES["note"]))
        else:
            out.print(Text(f"template, {len(slots)} slots {{…|…}}; the [proposed source wording]"
                           " first; ∅: no word", STYLES["note"]))
            out.print(template_text(str(family.get("template", "")), slots))
        for item in family.get("insertions") or []:
            out.print(Text(f"likely inserted keyword in {clean(item['member'], multiline=False)}: "
                           f"{clean(repr(item['text']))}",
                           STYLES["note"]))

    def _stop_progress(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _print_document(self, result: DocumentResult, first: bool) -> None:
        out = self.console
        if not first or self.buffered:
            out.print()
        out.print(Rule(Text(clean(result.path, multiline=False), STYLES["path"]), align="left"))
        out.print(header(result))
        for line in notes(result):
            out.print(line)
        for renderable in document_body(result, self.detailed):
            out.print(renderable)

    @staticmethod
    def _summary_row(result: DocumentResult, index: int) -> tuple:
        s = result.scores
        density = s.get("spin_density") or 0.0
        per_100 = s.get("grammar_per_100_words")
        computed = result.verdict != "error"
        cells = {"path": result.path, "verdict": clean(result.verdict),
                 "words": str(result.words) if computed else "-",
                 "density": fmt(s.get("spin_density")) if computed else "-",
                 "swaps": fmt(s.get("suspect_swaps")) if computed else "-",
                 "grade": fmt(s.get("readability_grade"), 1) if result.readability else None,
                 "grammar": fmt(per_100) if per_100 is not None else None}
        return (VERDICT_RANK.get(result.verdict, 5), -density, index), cells

    def summary_table(self) -> Table:
        rows = [cells for _, cells in sorted(self._rows, key=lambda row: row[0])]
        listed = rows if len(rows) <= SUMMARY_ROWS + 5 else rows[:SUMMARY_ROWS]
        title = f"summary ({len(rows)} files, worst first)" if listed is rows \
            else f"summary: the {len(listed)} worst of {len(rows)} files"
        table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left",
                      caption_justify="left")
        names = ["words", "density", "swaps"]
        # Columns only for what was computed for some document (readability, grammar).
        names += [n for n in ("grade", "grammar") if any(r[n] for r in rows)]
        widths = [max([len(n)] + [len(r[n] or "-") for r in listed]) for n in names]
        widths.append(max(len("verdict"), *(len(r["verdict"]) for r in listed)))
        # Every cell but the path is a few characters and never wraps; the path gets the rest,
        # shortened at its beginning so that the file name stays.
        # (A SIMPLE_HEAD table spends 2 padding + 1 divider per column and 2 on its edges.)
        room = max(12, self.console.width - sum(w + 3 for w in widths) - 4)
        table.add_column("path", no_wrap=True, overflow="ellipsis")
        table.add_column("verdict", no_wrap=True)
        for name in names:
            table.add_column(name, justify="right", no_wrap=True)
        for cells in listed:
            verdict = cells["verdict"]
            table.add_row(Text(shorten_path(cells["path"], room)),
                          Text(verdict, STYLES.get(f"verdict.{verdict}", "")),
                          *(Text(cells[n] or "-") for n in names))
        notes = ["density: weighted spin evidence per 100 words"]
        if "grammar" in names:
            notes.append("grammar: issues per 100 words")
        if listed is not rows:
            notes.insert(0, f"… and {len(rows) - len(listed)} more, all below")
        table.caption = "; ".join(notes)
        return table
