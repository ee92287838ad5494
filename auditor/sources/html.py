"""HTML pages from web archives, turned into audited text through the HTML input reader
(`auditor.inputs.html`, via `document.from_bytes(name, data, "html")`): visible text only,
the title as the document's title, every finding mapped back to line:column in the page."""
from __future__ import annotations

from ..inputs import document


def html_document(name: str, data: bytes) -> document.Document:
    """The page's document. Raises DocumentError when the bytes cannot be read as HTML."""
    return document.from_bytes(name, data, "html")
