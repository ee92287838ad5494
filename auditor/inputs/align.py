"""Find extracted text in its markup source, word by word, to map offsets back to it.

Parsers (lxml, docutils) give the text of a node and at best its line, not the offsets of its
characters. The text of the nodes comes in source order, so an `Aligner` keeps a cursor in
the decoded source and looks for each word of a node after it: found, the word's characters
map one for one to the source; not found as it is (an entity such as `&rsquo;` inside it,
inline markup in reStructuredText), its leading letters are looked for, else it maps to the
cursor. A word found inside a tag (an attribute value that repeats the text) is looked for
again after the tag; a word with `&`, `<` or `>` is also looked for escaped. Each search
looks at most WINDOW characters ahead, and once failed searches have scanned FAILED_SCANS
times the source's length, at most SHORT_WINDOW: a page of words that are not in the source
as they are (`x&amp;y` a hundred thousand times: 9 s for 1.2 MB before) stays linear.
"""
from __future__ import annotations

import html
import re

from .sourcemap import TextBuilder

WINDOW = 20_000
SHORT_WINDOW = 500
FAILED_SCANS = 20
_PIECES = re.compile(r"\s+|\S+")
_PREFIX = re.compile(r"\w{2,}")


class Aligner:
    def __init__(self, source: str, markup: bool = True):
        self.source = source
        self.cursor = 0
        self.markup = markup  # `<...>` tags are not text (HTML, XML)
        self._budget = FAILED_SCANS * len(source) + WINDOW  # characters failed searches may scan

    def skip_to(self, offset: int) -> None:
        """Move the cursor forward to `offset` (a node's line), never back."""
        self.cursor = max(self.cursor, offset)

    def skip_past(self, opening: str, closing) -> None:
        """Move the cursor past the next `opening` ... `closing` (a comment; `closing` a
        string or a compiled pattern, such as a raw-text element's end tag), when both are
        there."""
        at = self.source.find(opening, self.cursor)
        if at < 0:
            return
        if isinstance(closing, str):
            end = self.source.find(closing, at + len(opening))
            if end >= 0:
                self.cursor = end + len(closing)
            return
        m = closing.search(self.source, at + len(opening))
        if m:
            self.cursor = m.end()

    def feed(self, builder: TextBuilder | None, text: str) -> None:
        """Add `text` to `builder` (white space collapsed) with its source offsets, and move
        the cursor past it. With no builder, only the cursor moves (skipped elements)."""
        for m in _PIECES.finditer(text):
            piece = m.group()
            if piece[0].isspace():
                if builder is not None:
                    builder.space(self.cursor)
                continue
            at, length = self._find(piece), len(piece)
            if at < 0 and self.markup and any(ch in piece for ch in "&<>"):
                escaped = html.escape(piece, quote=False)
                at, length = self._find(escaped), len(escaped)
            if at >= 0:
                self.cursor = at + length
                if builder is not None:
                    builder.add(piece, at, 1 if length == len(piece) else 0)
                continue
            prefix = _PREFIX.match(piece)
            at = self._find(prefix.group()) if prefix else -1
            if builder is None:
                if at >= 0:
                    self.cursor = at + prefix.end()
                continue
            if at >= 0:
                builder.add(piece[:prefix.end()], at)
                self.cursor = at + prefix.end()
                builder.add(piece[prefix.end():], self.cursor, 0)
            else:
                builder.add(piece, self.cursor, 0)

    def _find(self, word: str) -> int:
        source, start = self.source, self.cursor
        limit = min(len(source), start + (WINDOW if self._budget > 0 else SHORT_WINDOW))
        while True:
            at = source.find(word, start, limit)
            if at < 0:
                self._budget -= limit - self.cursor
                return at
            if not self.markup:
                return at
            opening = source.rfind("<", self.cursor, at)
            if opening < 0 or source.rfind(">", opening, at) >= 0:
                return at
            close = source.find(">", at, limit)  # inside a tag: look after it
            if close < 0:
                return -1
            start = close + 1
