"""HTML pages (.html .htm .xhtml), parsed by lxml: the visible text of the page.

Not audited: scripts, styles, templates, code and preformatted blocks, forms' controls,
attributes, comments (but auditor's suppression comments, kept for auditor.core.suppressions),
elements marked hidden, and page furniture that can be told apart
(`nav`, `aside`, and `header` or `footer` outside an `article` or `main`; ARIA roles
navigation, banner, contentinfo, complementary, search; a class or id word such as `menu`,
`sidebar`, `footer`, `share`, `cookie`: see FURNITURE_NAMES). Block elements end paragraphs;
`<br>` ends a line. The `<title>` is the first paragraph of the audited text (the
off-topic-title check reads it) and the document's title. Every word maps back to line and
column in the HTML source (auditor.inputs.align).

`read_html(data, name)` is the entry point for other callers (a web archive's responses).
"""
from __future__ import annotations

import re

from ..core.errors import DocumentError
from . import AuditText
from .align import Aligner
from .document import decode, mask_plain
from .sourcemap import TextBuilder, line_starts

SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                  "embed", "canvas", "select", "textarea", "button", "pre", "code", "kbd",
                  "samp", "var", "datalist", "meta", "link", "base"})
FURNITURE = frozenset({"nav", "aside"})
FURNITURE_OUTSIDE_ARTICLE = frozenset({"header", "footer"})
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Page furniture in pages without semantic tags: a word of an element's class or id (split at
# '-', '_' and spaces) among these marks a menu, sidebar, footer, sharing bar or cookie notice.
FURNITURE_NAMES = frozenset({"nav", "navbar", "navigation", "menu", "sidebar", "breadcrumb",
                             "breadcrumbs", "footer", "cookie", "cookies", "share", "sharing",
                             "social", "widget", "widgets"})
_NAME_WORDS = re.compile(r"[-_\s]+")
BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "dd",
                    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
                    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend",
                    "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody",
                    "td", "tfoot", "th", "thead", "title", "tr", "ul", "html", "head"})
RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes"})
_DIRECTIVE = re.compile(r"\s*auditor-(?:disable|enable)")  # auditor.core.suppressions
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.I)


def read(data: bytes, name: str) -> AuditText:
    return read_html(data, name)


def read_html(data: bytes | str, name: str = "page.html") -> AuditText:
    """The audited text of an HTML page given as bytes or as decoded text."""
    if isinstance(data, str):
        source, encoding, notes = data, None, []
    else:
        source, encoding, notes = _decode(data)
    root = _parse(source)
    builder = TextBuilder(source)
    title = _Extractor(source, builder).run(root) if root is not None else None
    content = builder.text()
    return AuditText(content=content, text=mask_plain(content), format="html", title=title,
                     encoding=encoding, notes=notes, source_map=builder.source_map())


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """UTF-8 (or a byte order mark) first; else the page's declared charset; else
    auditor's fallback (Windows-1252 with a note)."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            codec = declared.group(1).decode("ascii").lower()
            try:
                return data.decode(codec, errors="replace"), codec, []
            except LookupError:
                pass
    return decode(data)


def _comment():
    from lxml import etree
    return etree.Comment


def _parse(source: str):
    import lxml.html
    from lxml import etree

    # lxml refuses a str that declares its encoding: blank the declaration (lines kept).
    text = _XML_DECLARATION.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        if "empty" in str(exc).lower():
            return None
        raise DocumentError(f"not readable as HTML: {exc}") from None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":  # libxml2 then drops the whole page
            raise DocumentError(f"HTML that libxml2 cannot read ({error.message}, line "
                                f"{error.line}): elements nested too deep; not audited")
    return root


class _Extractor:
    def __init__(self, source: str, builder: TextBuilder):
        self.builder = builder
        self.aligner = Aligner(source, markup=True)
        self.lines = line_starts(source)
        self.title: str | None = None

    def run(self, root) -> str | None:
        stack = [(root, False, False)]
        while stack:
            node, done, in_article = stack.pop()
            if done:
                self._end(node)
                continue
            tag = node.tag.lower() if isinstance(node.tag, str) else None
            if node.sourceline:
                self.aligner.skip_to(self.lines[min(node.sourceline, len(self.lines)) - 1])
            if tag is None and _DIRECTIVE.match(node.text or ""):
                self._directive(node)
                continue
            if tag is None or self._hidden(node, tag, in_article):
                self._skip(node, tag)
                self._tail(node)
                continue
            if tag in BLOCKS:
                self.builder.paragraph()
            if tag == "br":
                self.builder.line(self.aligner.cursor)
            if tag == "title" and self.title is None:
                self.title = " ".join(node.text_content().split()) or None
            self.aligner.feed(self.builder, node.text or "")
            stack.append((node, True, in_article))
            inside = in_article or tag in ("article", "main")
            stack.extend((child, False, inside) for child in reversed(node))
        self.builder.paragraph()
        return self.title

    def _skip(self, node, tag: str | None) -> None:
        """Move the source cursor past a node that is not audited: a comment or a raw-text
        element (script, style) by its end, whatever it holds; others word by word."""
        if tag is None:
            if node.tag is _comment():
                self.aligner.skip_past("<!--", "-->")
        elif tag in RAW_TEXT:
            # the first end tag after the cursor is this element's: raw text does not nest
            self.aligner.skip_past("<", re.compile(rf"</{tag}\s*>", re.I))
        else:
            self.aligner.feed(None, "".join(node.itertext()))

    def _directive(self, node) -> None:
        """An `<!-- auditor-disable… -->` comment stays in the audited text, a paragraph of
        its own, where auditor.core.suppressions finds it (and blanks it before auditing)."""
        at = self.aligner.source.find("<!--", self.aligner.cursor)
        self.builder.paragraph()
        self.builder.add(f"<!--{node.text}-->", max(at, 0), 0)
        self.builder.paragraph()
        self.aligner.skip_past("<!--", "-->")
        self._tail(node)

    def _end(self, node) -> None:
        if isinstance(node.tag, str) and node.tag.lower() in BLOCKS:
            self.builder.paragraph()
        self._tail(node)

    def _tail(self, node) -> None:
        if node.tail:
            self.aligner.feed(self.builder, node.tail)

    @staticmethod
    def _hidden(node, tag: str, in_article: bool) -> bool:
        if tag in SKIP or tag in FURNITURE:
            return True
        if tag in FURNITURE_OUTSIDE_ARTICLE and not in_article:
            return True
        if (node.get("role") or "").lower() in FURNITURE_ROLES:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if tag not in ("html", "body", "article", "main") and names.strip() and \
                not FURNITURE_NAMES.isdisjoint(_NAME_WORDS.split(names)):
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        return (node.get("hidden") is not None or node.get("aria-hidden") == "true"
                or "display:none" in style or "visibility:hidden" in style)
