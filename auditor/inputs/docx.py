"""Word documents (.docx), read by python-docx: paragraphs and headings in order, the text of
tables (each cell's paragraphs, merged cells once, nested tables too) and of text boxes, then
the footnotes and the endnotes.

Each paragraph is one paragraph of the audited text. Locations are paragraph numbers as a
reader counts them from the start of the document (tables' paragraphs included); a text
box's paragraphs follow the paragraph that anchors the box and are located there, with the
box's number in document order; footnotes and endnotes are located by number. The title is
the core property `title`, else the first paragraph in the Title style.

Comments are not read: they are reviewers' notes about the document, not its text (Word
prints them only on request), and auditing them would blame the author for a reviewer's
words. Headers and footers are not read either.
"""
from __future__ import annotations

import io
import itertools
import zipfile

from ..core.errors import DocumentError
from . import AuditText
from .sourcemap import Location, TextBuilder

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .doc, or an encrypted .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = f"{_W}txbxContent"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


def read(data: bytes, name: str) -> AuditText:
    if data.startswith(_OLE):
        raise DocumentError("a password-protected Word file or a legacy .doc (OLE) file; "
                            "not audited (save it as an unprotected .docx)")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, docx.opc.exceptions.PackageNotFoundError,
            OSError) as exc:
        raise DocumentError(f"not a readable Word document (.docx): {exc or type(exc).__name__}"
                            ) from None
    except Exception as exc:  # lxml's XMLSyntaxError inside a damaged part, among others
        raise DocumentError(f"not a readable Word document (.docx): {type(exc).__name__}: "
                            f"{exc}") from None
    builder = TextBuilder()
    title = (document.core_properties.title or "").strip() or None
    boxes = itertools.count(1)  # text boxes in document order, boxes in boxes too
    for number, paragraph in enumerate(_paragraphs(document.iter_inner_content()), 1):
        text = paragraph.text
        if title is None and paragraph.style is not None and paragraph.style.name == "Title":
            title = " ".join(text.split()) or None
        if text.strip():
            builder.add(text, Location(paragraph=number))
            builder.paragraph()
        for box in _text_boxes(paragraph._p):
            for box_number, inner in _box_paragraphs(box, paragraph, boxes):
                if inner.text.strip():
                    builder.add(inner.text, Location(paragraph=number, textbox=box_number))
                    builder.paragraph()
    for kind in ("footnote", "endnote"):
        for number, text in _notes(document, kind):
            builder.add(text, Location(**{kind: number}))
            builder.paragraph()
    return AuditText(content=builder.text(), format="docx", title=title, encoding=None,
                     source_map=builder.source_map())


def _paragraphs(items):
    """Paragraphs in reading order, through tables (a merged cell once)."""
    from docx.table import Table

    for item in items:
        if not isinstance(item, Table):
            yield item
            continue
        seen = set()
        for row in item.rows:
            for cell in row.cells:
                if cell._tc in seen:  # the elements themselves: ids of proxies get reused
                    continue
                seen.add(cell._tc)
                yield from _paragraphs(cell.iter_inner_content())


def _below(element, top, tags) -> bool:
    """Whether an ancestor of `element` below `top` (exclusive) has one of `tags`."""
    node = element.getparent()
    while node is not None and node is not top:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False


def _text_boxes(p):
    """The text boxes anchored in paragraph element `p`, each once: a DrawingML shape
    (wps:txbx) comes with a VML copy (v:textbox) in mc:Fallback for older readers, which is
    skipped; a VML-only box (older files) is read. A box inside a box comes with its box."""
    return [box for box in p.iter(_TEXT_BOX) if not _below(box, p, (_TEXT_BOX, _FALLBACK))]


def _box_paragraphs(box, parent, numbers):
    """(box number, paragraph) for a text box's paragraphs (its tables' too), each followed by
    those of the boxes it anchors; `numbers` gives each box its number."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    number = next(numbers)
    items = [Paragraph(child, parent) if child.tag == f"{_W}p" else Table(child, parent)
             for child in box if child.tag in (f"{_W}p", f"{_W}tbl")]
    for paragraph in _paragraphs(items):
        yield number, paragraph
        for inner in _text_boxes(paragraph._p):
            yield from _box_paragraphs(inner, parent, numbers)


def _notes(document, kind: str):
    """(number, text) of each footnote or endnote, from the part python-docx has no API for
    (separators are not text). A text box in a note is read with it, once."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype != _RELS + kind + "s" or rel.is_external:
            continue
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            root = etree.fromstring(rel.target_part.blob, parser)
        except etree.XMLSyntaxError:
            return
        for note in root.iter(f"{_W}{kind}"):
            try:
                number = int(note.get(f"{_W}id", "0"))
            except ValueError:  # a damaged part: not a note a reader can find
                continue
            if number <= 0 or note.get(f"{_W}type") in _NOT_NOTES:
                continue
            paragraphs = [_own_text(p) for p in note.iter(f"{_W}p")
                          if not _below(p, note, (_FALLBACK,))]
            text = " ".join(p.strip() for p in paragraphs if p.strip())
            if text:
                yield number, text


def _own_text(p) -> str:
    """A paragraph element's text without that of the text boxes it anchors (they are
    paragraphs of their own); tabs and breaks are spaces."""
    parts = [e.text or "" if e.tag == f"{_W}t" else " "
             for e in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr")
             if not _below(e, p, (_TEXT_BOX, _FALLBACK))]
    return "".join(parts)
