"""Input formats: one reader module per format, chosen by suffix or by name.

Each reader is `read(data: bytes, name: str) -> AuditText`: the text auditor audits (what
findings quote), the same text with what is not prose blanked (same length), the document's
title where the format has one, and a `SourceMap` from audited offsets back to the original
(None when the audited text is the decoded file itself: line and column are then its own).
A reader raises `DocumentError` with a readable reason for a file it cannot read (a broken
zip, an encrypted PDF, malformed XML); the batch goes on.

Reader modules are imported when a file of their format is read, so a run over text files
never imports lxml or pypdf.

Also here: `document` (the only module that reads input files: decode, mask, offsets to
line:column) and `selection` (which files a folder gives). A new input format is a reader
module here and one entry in `FORMATS`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from ..core.errors import DocumentError
from .sourcemap import Location, SourceMap

__all__ = ["AuditText", "FORMATS", "Format", "Location", "SourceMap", "format_for", "read",
           "suffixes"]


@dataclass
class AuditText:
    content: str  # the audited text; findings' offsets and `text` refer to it
    text: str = ""  # `content` with code, markup leftovers and URLs blanked (same length)
    format: str = "text"
    title: str | None = None
    encoding: str | None = "utf-8"
    notes: list[str] = field(default_factory=list)
    source_map: SourceMap | None = None  # None: `content` is the decoded file


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    module: str
    description: str


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", (".txt", ".text"), "text", "plain text"),
    Format("markdown", (".md", ".markdown"), "markdown",
           "CommonMark (markdown-it-py), YAML or TOML front matter"),
    Format("html", (".html", ".htm", ".xhtml"), "html", "HTML pages (lxml), visible text"),
    Format("rst", (".rst", ".rest"), "rst", "reStructuredText (docutils)"),
    Format("docx", (".docx",), "docx", "Word documents (python-docx)"),
    Format("pdf", (".pdf",), "pdf", "PDF (pypdf)"),
    Format("jats", (".nxml", ".xml"), "jats", "JATS XML articles (lxml)"),
)}


def suffixes(formats: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The suffixes of `formats` (all formats by default), lowercase with the dot."""
    names = formats or tuple(FORMATS)
    return tuple(s for name in names for s in FORMATS[name].suffixes)


def format_for(name: str) -> str | None:
    """The format of a file name by its suffix; None when no reader takes it."""
    lower = name.lower()
    for fmt in FORMATS.values():
        if lower.endswith(fmt.suffixes):
            return fmt.name
    return None


def read(data: bytes, name: str, fmt: str) -> "AuditText":
    """Read `data` (the bytes of the file `name`) as `fmt`. Raises DocumentError."""
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt].module}")
    try:
        return module.read(data, name)
    except (DocumentError, MemoryError, KeyboardInterrupt):
        raise
    except Exception as exc:
        # Third-party parsers meet hostile files: whatever they raise while a file is read
        # (python-docx and pypdf read parts lazily) is that file's error, named with its
        # type so that a bug stays visible, and the batch goes on.
        raise DocumentError(f"cannot read as {fmt}: {type(exc).__name__}: {exc}") from None
