"""PDF, read by pypdf: the text of each page, line by line, with running heads, page footers
and page numbers dropped, and words hyphenated across a line end joined again.

- A header or footer is a line among the first or last HEAD_LINES of a page that recurs
  (digits aside: "Page 3", "Page 4") at the same end of at least half the pages, and of two
  pages at least.
- `exam-` at a line's end followed by `ple` is `example` when wordfreq knows `example` at
  least as well as `exam-ple` (a compound such as `well-known` keeps its hyphen).

Locations are page and line (lines of the page as pypdf extracts them, counted from 1) and
the column in that line. The title is the PDF's metadata title. An encrypted PDF is read
when it opens with an empty password; otherwise it is an error for that file.
"""
from __future__ import annotations

import io
import re
from collections import Counter

from ..core.errors import DocumentError
from ..lexicon.frequency import zipf
from . import AuditText
from .sourcemap import Location, TextBuilder

HEAD_LINES = 3
_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"(\w+)-$")
_CONTINUES = re.compile(r"^([a-z]\w*)")


def read(data: bytes, name: str) -> AuditText:
    pages, title, notes = _pages(data)
    furniture = _furniture(pages)
    builder = TextBuilder()
    for number, lines in enumerate(pages, 1):
        kept = [(i, line) for i, line in enumerate(lines, 1)
                if line.strip() and (number, i) not in furniture]
        carry = 0  # characters of this line already joined to the previous line's word
        for k, (i, line) in enumerate(kept):
            text = line[carry:]
            following = kept[k + 1][1] if k + 1 < len(kept) else None
            joined, drop = _join(line, following) if following is not None else (None, False)
            if joined is not None:
                text = text[:len(text) - 1] if drop else text
                builder.add(text, Location(page=number, line=i, column=carry + 1))
                builder.add(joined, Location(page=number, line=kept[k + 1][0], column=1))
                carry = len(joined)
                continue
            builder.add(text, Location(page=number, line=i, column=carry + 1))
            builder.line(Location(page=number, line=i, column=len(line) + 1))
            carry = 0
        builder.paragraph()
    return AuditText(content=builder.text(), format="pdf", title=title, encoding=None,
                     notes=notes, source_map=builder.source_map())


def _pages(data: bytes) -> tuple[list[list[str]], str | None, list[str]]:
    """The lines of each page, the metadata title, notes. DocumentError when the file is
    not a PDF pypdf can open, or is encrypted with a password."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    notes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # pypdf's DependencyError without `cryptography`
                raise DocumentError(f"encrypted PDF that cannot be opened ({exc}); not "
                                    "audited") from None
            if not opened:
                raise DocumentError("encrypted PDF (a password is needed to open it); not "
                                    "audited")
            notes.append("encrypted PDF opened without a password")
        pages = [(page.extract_text() or "").replace("\r\n", "\n").split("\n")
                 for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(f"not a readable PDF: {exc or type(exc).__name__}") from None
    except Exception as exc:  # a damaged file can fail anywhere in the parser
        raise DocumentError(f"not a readable PDF: {type(exc).__name__}: {exc}") from None
    title = " ".join(str(title).split()) if title else None
    if not any(line.strip() for lines in pages for line in lines):
        notes.append("no text layer (a scanned PDF?): nothing to audit without OCR")
    return pages, title or None, notes


def _furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) of the running heads and footers (see the module docstring)."""
    if len(pages) < 2:
        return set()
    ends: list[list[tuple[str, str, int]]] = []
    counts: Counter = Counter()
    for lines in pages:
        numbered = [(i, line) for i, line in enumerate(lines, 1) if line.strip()]
        marks = [("head", _key(line), i) for i, line in numbered[:HEAD_LINES]]
        marks += [("foot", _key(line), i) for i, line in numbered[-HEAD_LINES:]]
        ends.append(marks)
        counts.update({(end, key) for end, key, _ in marks})
    need = max(2, (len(pages) + 1) // 2)
    return {(number, i) for number, marks in enumerate(ends, 1)
            for end, key, i in marks if counts[(end, key)] >= need}


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _join(line: str, following: str) -> tuple[str | None, bool]:
    """(the start of `following` that completes the word hyphenated at `line`'s end,
    whether the hyphen goes), or (None, False) when the line does not end in a hyphenated
    word that `following` goes on with."""
    end = _HYPHENATED.search(line)
    start = _CONTINUES.match(following)
    if not end or not start:
        return None, False
    head, tail = end.group(1), start.group(1)
    return tail, zipf((head + tail).lower()) >= zipf(f"{head}-{tail}".lower())
