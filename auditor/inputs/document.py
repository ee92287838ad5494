"""Read input files: decode bytes, mask what is not prose, map offsets to line:column.

This is the only module that reads input files. Masking keeps every offset: code, URLs
and HTML comments are replaced by spaces (newlines kept) in `Document.text`, so offsets
found in `text` point into `content`, the decoded file, unchanged.
"""
from __future__ import annotations

import bisect
import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..core.errors import DocumentError, UsageError
from ..util.safeio import check_regular, read_regular
from . import Location, SourceMap, format_for, suffixes

_SURROGATE = re.compile("[\ud800-\udfff]")
# What folders are searched for (auditor.inputs.FORMATS); `.xml` only when it is a JATS
# article (see `_jats_like`).
SUFFIXES = tuple(s for s in suffixes() if s != ".xml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
STDIN = "-"
# Larger files are refused rather than read whole into memory.
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Document:
    path: str
    content: str
    text: str = ""
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    format: str = "text"  # the input format (auditor.inputs.FORMATS)
    title: str | None = None  # the document's title where the format has one
    source_map: SourceMap | None = None  # None: `content` is the decoded file itself
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if _SURROGATE.search(self.content) or _SURROGATE.search(self.text):
            # Lone surrogates (only the Python API can pass them: decoding never makes them)
            # cannot be encoded, hashed by spaCy or written as UTF-8: U+FFFD, one for one.
            self.content = _SURROGATE.sub("\ufffd", self.content)
            self.text = _SURROGATE.sub("\ufffd", self.text)
            self.notes.append("lone surrogate code points replaced by U+FFFD")
        if not self.text:
            self.text = self.content
        self.text = blank_symbol_runs(self.text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.content)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into `content`."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def location(self, offset: int) -> Location:
        """Where `offset` (into `content`) is in the original file: line and column, page
        and line for PDF, paragraph for Word."""
        if self.source_map is not None:
            return self.source_map.locate(offset)
        line, column = self.position(offset)
        return Location(line=line, column=column)

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def iter_paths(args: list[str], formats: tuple[str, ...] | None = None,
               selector=None) -> Iterator[str]:
    """Expand files and folders (recursively, by suffix) in a stable order; `-` is stdin.
    Folders give the files of `formats` (default: every supported format) that `selector`
    (an auditor.inputs.selection.Selector: ignore files, excludes, includes) keeps."""
    if selector is None:
        from .selection import Selector
        selector = Selector()
    wanted = tuple(s for s in suffixes(formats) if s != ".xml")
    jats = formats is None or "jats" in formats
    for arg in args:
        if arg == STDIN:
            yield STDIN
            continue
        path = Path(arg)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not selector.skip_dir(Path(root) / d))
                for name in sorted(files):
                    if name.startswith(".") or selector.skip_file(Path(root) / name):
                        continue
                    lower = name.lower()
                    if lower.endswith(wanted) or (
                            jats and lower.endswith(".xml") and _jats_like(Path(root) / name)):
                        yield str(Path(root) / name)
        elif _exists(path):
            if not selector.skip_named(path):  # a FIFO, device or symlink loop becomes an
                yield str(path)                 # error for that file
        else:
            raise UsageError(f"{arg}: no such file or directory")


def _jats_like(path: Path) -> bool:
    """An .xml file in a folder is audited when its first 4 KB open a JATS article."""
    try:
        check_regular(path)
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b"<article" in head and (b"jats" in head.lower() or b"<front" in head
                                    or b"article-type" in head)


def _exists(path: Path) -> bool:
    """The name exists, even as a dangling link or a symlink loop (Path.exists says no)."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, notes). Raises DocumentError for binary data."""
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig", notes
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8):]  # a BOM, then not UTF-8: use the fallback
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), "utf-16", notes
            except UnicodeDecodeError as exc:
                raise DocumentError(f"invalid UTF-16 data at byte {exc.start}") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise DocumentError(f"invalid UTF-16 data at byte {exc.start} (no byte order "
                                "mark; UTF-16 guessed from its NUL bytes)") from None
        if not _looks_binary(text) and _mostly_ascii(text):
            notes.append(f"no byte order mark; decoded as {utf16.upper()} (every other byte "
                         "is NUL)")
            return text, utf16, notes
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file (contains NUL bytes); not audited")
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise DocumentError("not text in any supported encoding (UTF-8, UTF-16 with BOM, "
                            "Windows-1252); not audited")
    notes.append(f"not valid UTF-8 (first bad byte at offset {first_bad}); "
                 "decoded as Windows-1252")
    return text, "cp1252", notes


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes look like UTF-16 text without a byte order
    mark: an even length, and in the first 8 KB the high byte of most code units NUL (text in
    Latin script) while the low byte almost never is. Binary files have NULs in both."""
    sample = data[:8192]
    units = len(sample) // 2
    if units < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high >= units * 0.5 and low <= units * 0.02:
            return name
    return None


def _mostly_ascii(text: str) -> bool:
    """Most of the first 8,192 characters are printable ASCII or whitespace: what UTF-16 text
    found by its NUL bytes is (its characters are below U+0100), and `\x00\xff` repeated,
    read as UTF-16 'ÿÿÿ', is not."""
    sample = text[:8192]
    return sum(1 for ch in sample if " " <= ch <= "~" or ch in "\t\n\r") >= 0.5 * len(sample)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control / len(sample) > 0.05 or sample.count("\ufffd") / len(sample) > 0.05


def load(path: str, stdin_bytes: bytes | None = None, fmt: str | None = None) -> Document:
    """Read and decode one input (as `fmt`, else by its suffix). Raises DocumentError with a
    readable reason."""
    if path == STDIN:
        data = stdin_bytes if stdin_bytes is not None else b""
    else:
        data = read_bytes(path)
    return from_bytes(path, data, fmt)


def read_bytes(path: str) -> bytes:
    """A local file's bytes (at most MAX_BYTES). Raises DocumentError with the reason."""
    try:  # only regular files: a FIFO or device would block the run
        return read_regular(path, MAX_BYTES)
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}") from None


def from_bytes(path: str, data: bytes, fmt: str | None = None) -> Document:
    """Read bytes read elsewhere (an object store, a web archive record) the way `load` does
    a file's: through the reader of `fmt`, else of `path`'s suffix, else as plain text."""
    from .. import inputs

    fmt = fmt or format_for(path)
    try:
        got = inputs.read(data, path, fmt or "text")
    except DocumentError as exc:
        suffix = Path(path).suffix
        if fmt is not None or path == STDIN or not suffix:
            raise
        # a named file of another format (.odt, .epub, .doc) read as text: say so
        raise DocumentError(f"{exc}; {suffix} is not a supported format (supported: "
                            f"{' '.join(suffixes())}; or pass --input-format)") from None
    return Document(path=path, content=got.content, text=got.text, encoding=got.encoding,
                    notes=got.notes, format=got.format, title=got.title,
                    source_map=got.source_map)


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
# The e-mail part starts only where no local-part character precedes it: with `\b` every
# position of `a.a.a.…` was a start scanning to the end of the run (100 KB took 37 s).
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]"
                  r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+\w")
# spaCy's tokenizer is quadratic in a run of punctuation or symbols without a space (16 KB
# of `(` takes 30 s): the interior of a run longer than SYMBOL_RUN is blanked, its first and
# last character kept, so offsets do not change and ordinary text is untouched.
SYMBOL_RUN = 50
_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % (SYMBOL_RUN + 1))


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, each at most `size` characters, that cover it in order.
    Each ends after a paragraph break in its second half if there is one, else after a line
    end, else after a space, else at `size` (a text without spaces)."""
    bounds, start = [], 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = -1
        for sep in ("\n\n", "\n\r\n", "\n", " ", "\t"):
            at = text.rfind(sep, lo, hi)
            if at >= 0:
                cut = at + len(sep)
                break
        cut = cut if cut > start else hi
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def blank_symbol_runs(text: str) -> str:
    """`text` with the interior of every run of more than SYMBOL_RUN punctuation or symbol
    characters replaced by spaces (same length)."""
    return _SYMBOL_RUN.sub(_blank_interior, text)


def _blank_interior(match: re.Match) -> str:
    run = match.group(0)
    return run[0] + " " * (len(run) - 2) + run[-1]


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_plain(content: str) -> str:
    """Plain text: only URLs and e-mail addresses are not prose."""
    return _URL.sub(_blank, content)


def mask_markdown(content: str) -> str:
    """Blank out front matter (but its title), code, HTML comments and tags, link targets and
    URLs, as the CommonMark parser reads them (auditor.inputs.markdown)."""
    from .markdown import mask

    return mask(content)[0]


def _mask_comments(text: str) -> str:
    """Blank HTML comments; an unclosed `<!--` only to the end of its paragraph. Linear: once
    no `-->` follows a position, none follows any later one."""
    out, pos, no_close_from = [], 0, len(text) + 1
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        close = text.find("-->", start + 4) if start + 4 < no_close_from else -1
        if close >= 0:
            end = close + 3
        else:
            no_close_from = min(no_close_from, start + 4)
            blank = _BLANK_LINE.search(text, start)
            end = blank.start() if blank else len(text)
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)
