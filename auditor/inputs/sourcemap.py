"""The map from offsets in the audited text back to where a person finds them in the original.

A reader that extracts text (HTML, reStructuredText, JATS, Word, PDF) builds the audited text
piece by piece with a `TextBuilder`. Each piece says where it came from: an offset into the
decoded source (its characters follow the source one for one, `step` 1, or all sit at one
spot, `step` 0: an entity, a collapsed run of white space), or a fixed `Location` (a Word
paragraph, a line of a PDF page). `SourceMap.locate` finds the piece of an offset by
bisection and turns it into a `Location`: line and column for text sources, page and line
for PDF, paragraph for Word.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a finding is in the original file; only the fields that apply are set."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    footnote: int | None = None
    endnote: int | None = None
    textbox: int | None = None  # a Word text box's number, in the paragraph that anchors it

    def as_dict(self) -> dict:
        return {k: v for k, v in (("page", self.page), ("paragraph", self.paragraph),
                                  ("textbox", self.textbox), ("footnote", self.footnote),
                                  ("endnote", self.endnote), ("line", self.line),
                                  ("column", self.column)) if v is not None}

    @property
    def label(self) -> str:
        """'12:5', 'page 3, line 14', 'paragraph 7', 'text box 1 (paragraph 7)',
        'footnote 2', 'endnote 3' (for people)."""
        if self.footnote is not None:
            return f"footnote {self.footnote}"
        if self.endnote is not None:
            return f"endnote {self.endnote}"
        if self.textbox is not None:
            return f"text box {self.textbox} (paragraph {self.paragraph})"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}"
        if self.page is not None:
            return f"page {self.page}, line {self.line}" if self.line else f"page {self.page}"
        return f"{self.line}:{self.column}"


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def line_column(starts: list[int], offset: int) -> Location:
    line = bisect.bisect_right(starts, offset) - 1
    return Location(line=line + 1, column=offset - starts[line] + 1)


class SourceMap:
    """Pieces of the audited text, each with its origin (see the module docstring)."""

    def __init__(self, starts: list[int], origins: list, steps: list[int],
                 source_lines: list[int] | None):
        self._starts, self._origins, self._steps = starts, origins, steps
        self._lines = source_lines

    def locate(self, offset: int) -> Location:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return Location(line=1, column=1) if self._lines is not None else Location()
        origin, delta = self._origins[i], offset - self._starts[i]
        if isinstance(origin, Location):
            if origin.line is not None and origin.page is not None:
                return Location(page=origin.page, line=origin.line,
                                column=(origin.column or 1) + delta * self._steps[i])
            return origin
        return line_column(self._lines or [0], origin + delta * self._steps[i])


class TextBuilder:
    """Accumulates the audited text and its source map. Paragraphs are separated by one
    blank line; `add` with `collapse` turns each run of white space into one space."""

    def __init__(self, source: str | None = None):
        self._parts: list[str] = []
        self._len = 0
        self._starts: list[int] = []
        self._origins: list = []
        self._steps: list[int] = []
        self._lines = line_starts(source) if source is not None else None
        self._tail = ""  # the last characters added, for the white-space rules

    def add(self, text: str, origin, step: int = 1) -> None:
        """Append `text`; `origin` is the source offset of its first character (or a
        Location). An empty text is ignored."""
        if not text:
            return
        self._starts.append(self._len)
        self._origins.append(origin)
        self._steps.append(step if not isinstance(origin, Location) or origin.page else 0)
        self._parts.append(text)
        self._len += len(text)
        self._tail = (self._tail + text)[-2:]

    def add_words(self, text: str, origin) -> None:
        """Append `text` with each run of white space made one space (none at the start of
        a paragraph); `origin` as for `add`, characters one for one with the source."""
        for m in re.finditer(r"\s+|\S+", text):
            piece = m.group()
            at = origin + m.start() if isinstance(origin, int) else origin
            if piece[0].isspace():
                if self._len and not self._tail.endswith((" ", "\n")):
                    self.add(" ", at, 0)
            else:
                self.add(piece, at)

    def space(self, origin) -> None:
        """A word break (between table cells, at a <br>), unless there is one already."""
        if self._len and not self._tail.endswith((" ", "\n")):
            self.add(" ", origin, 0)

    def line(self, origin) -> None:
        """A line break (`<br>`), unless the text is at a line's start."""
        if self._len and not self._tail.endswith("\n"):
            self.add("\n", origin, 0)

    def paragraph(self, origin=None) -> None:
        """End the current paragraph: trailing spaces stay (offsets are final), one blank
        line follows."""
        if not self._len or self._tail == "\n\n":
            return
        where = origin if origin is not None else (self._origins[-1] if self._origins else 0)
        self.add("\n\n" if not self._tail.endswith("\n") else "\n", where, 0)

    @property
    def length(self) -> int:
        return self._len

    def text(self) -> str:
        return "".join(self._parts)

    def source_map(self) -> SourceMap:
        return SourceMap(self._starts, self._origins, self._steps, self._lines)
