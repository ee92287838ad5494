"""HTML pages from web archives, turned into audited text.

The seam: when the project's HTML input reader (`auditor.inputs.html`) is there, the page
goes through it (`document.from_bytes(name, data, "html")`). Until then this module extracts
the page's text with the standard library's HTMLParser: the text of every element except
script, style, template, noscript and svg, block elements ending paragraphs. Offsets in the
findings then refer to that extracted text (the report's `content`), not to the markup.
"""
from __future__ import annotations

from html.parser import HTMLParser

from ..inputs import document

_SKIP = {"script", "style", "template", "noscript", "svg", "head"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "li", "ul", "ol", "table",
          "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "br", "hr", "main",
          "aside", "nav", "figure", "figcaption", "dd", "dt"}


def html_document(name: str, data: bytes) -> document.Document:
    """The page's document. Raises DocumentError when the bytes are not text."""
    reader = _reader()
    if reader is not None:
        return reader(name, data)
    markup, encoding, notes = document.decode(data)
    text = extract_text(markup)
    return document.Document(path=name, content=text, text=document.mask_plain(text),
                             encoding=encoding, notes=notes + ["HTML: text extracted"])


def _reader():
    """`(name, bytes) -> Document` through the HTML input reader, when it is installed."""
    try:
        from ..inputs import html as _html  # noqa: F401  (the lxml reader of auditor.inputs)
    except ImportError:
        return None
    return lambda name, data: document.from_bytes(name, data, "html")


def extract_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    paragraphs = ("".join(parser.parts)).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip()) + "\n"


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)
