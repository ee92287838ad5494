"""JATS XML articles (.nxml, or .xml whose root is `<article>`), parsed by lxml.

Audited: the article title (the document's title, and its first paragraph), the abstracts,
and the body: section titles, paragraphs, list items, quotes, boxed text, figure and table
captions. Not audited: references and the rest of the back matter, tables' cells, formulas,
code and preformatted text, citation marks (`xref`), URIs, comments (but auditor's
suppression comments, kept for auditor.core.suppressions). Words map back to line and column
in the XML (auditor.inputs.align).

The parser resolves no entities, loads no DTD and touches no network; malformed XML is an
error for that file.
"""
from __future__ import annotations

from ..core.errors import DocumentError
from . import AuditText
from .align import Aligner
from .document import decode, mask_plain
from .html import _DIRECTIVE
from .sourcemap import TextBuilder, line_starts

SKIP = frozenset({"xref", "inline-formula", "disp-formula", "tex-math", "math", "code",
                  "preformat", "table", "uri", "graphic", "inline-graphic", "media",
                  "alternatives", "object-id", "label", "fn"})
BLOCKS = frozenset({"p", "title", "article-title", "subtitle", "list-item", "def", "term",
                    "caption", "disp-quote", "attrib", "abstract", "sec", "boxed-text"})


def read(data: bytes, name: str) -> AuditText:
    root = _parse(data)
    if _local(root.tag) != "article":
        raise DocumentError(f"not a JATS article: the root element is <{_local(root.tag)}>, "
                            "not <article>")
    source, encoding, notes = decode(data)
    builder = TextBuilder(source)
    walker = _Walker(source, builder)
    front = _first(root, "front")
    meta = _first(front, "article-meta") if front is not None else None
    title_group = _first(meta, "title-group") if meta is not None else None
    title_node = _first(title_group, "article-title") if title_group is not None else None
    parts = [title_node] + ([n for n in meta if _local(n.tag) in ("abstract", "trans-abstract")]
                            if meta is not None else [])
    parts.append(_first(root, "body"))
    for part in parts:
        if part is not None:
            walker.walk(part)
    content = builder.text()
    title = " ".join("".join(title_node.itertext()).split()) if title_node is not None else None
    return AuditText(content=content, text=mask_plain(content), format="jats",
                     title=title or None, encoding=encoding, notes=notes,
                     source_map=builder.source_map())


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=False, recover=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        hint = ("; XML forbids '--' inside a comment: give an auditor suppression's reason "
                "after a colon (<!-- auditor-disable-next-line RULE: reason -->)"
                if "Double hyphen within comment" in str(exc) else "")
        raise DocumentError(f"malformed XML: {exc}{hint}") from None


def _etree():
    from lxml import etree
    return etree


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(node, name: str):
    for child in node:
        if _local(child.tag) == name:
            return child
    return None


class _Walker:
    def __init__(self, source: str, builder: TextBuilder):
        self.builder = builder
        self.aligner = Aligner(source, markup=True)
        self.lines = line_starts(source)

    def walk(self, top) -> None:
        stack = [(top, False)]
        while stack:
            node, done = stack.pop()
            name = _local(node.tag)
            if done:
                if name in BLOCKS or node is top:
                    self.builder.paragraph()
                self._tail(node, top)
                continue
            if node.sourceline:
                self.aligner.skip_to(self.lines[min(node.sourceline, len(self.lines)) - 1])
            if not name or name in SKIP:  # comments and processing instructions too
                if name:
                    self.aligner.feed(None, "".join(node.itertext()))
                else:
                    comment = node.tag is _etree().Comment
                    if comment and _DIRECTIVE.match(node.text or ""):
                        self._directive(node)
                    self.aligner.skip_past(*(("<!--", "-->") if comment else ("<?", "?>")))
                if name not in ("xref", "fn", "label", ""):  # a mark takes no word's place
                    self.builder.space(self.aligner.cursor)
                self._tail(node, top)
                continue
            if name in BLOCKS or node is top:
                self.builder.paragraph()
            self.aligner.feed(self.builder, node.text or "")
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))

    def _directive(self, node) -> None:
        """An `<!-- auditor-disable… -->` comment stays in the audited text, a paragraph of
        its own, where auditor.core.suppressions finds it."""
        at = self.aligner.source.find("<!--", self.aligner.cursor)
        self.builder.paragraph()
        self.builder.add(f"<!--{node.text}-->", max(at, 0), 0)
        self.builder.paragraph()

    def _tail(self, node, top) -> None:
        if node is not top and node.tail:
            self.aligner.feed(self.builder, node.tail)
