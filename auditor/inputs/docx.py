"""Word documents (.docx), read by python-docx: paragraphs and headings in order, the text of
tables (each cell's paragraphs, merged cells once, nested tables too), then the footnotes.

Each paragraph is one paragraph of the audited text. Locations are paragraph numbers as a
reader counts them from the start of the document (tables' paragraphs included), and
footnote numbers for the footnotes. The title is the core property `title`, else the first
paragraph in the Title style.
"""
from __future__ import annotations

import io
import zipfile

from ..core.errors import DocumentError
from . import AuditText
from .sourcemap import Location, TextBuilder

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .doc, or an encrypted .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


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
    counter = [0]
    title = (document.core_properties.title or "").strip() or None
    for paragraph in _paragraphs(document):
        counter[0] += 1
        text = paragraph.text
        if title is None and paragraph.style is not None and paragraph.style.name == "Title":
            title = " ".join(text.split()) or None
        if text.strip():
            builder.add(text, Location(paragraph=counter[0]))
            builder.paragraph()
    for number, text in _footnotes(document):
        builder.add(text, Location(footnote=number))
        builder.paragraph()
    return AuditText(content=builder.text(), format="docx", title=title, encoding=None,
                     source_map=builder.source_map())


def _paragraphs(container):
    """Paragraphs in reading order, through tables (a merged cell once)."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if not isinstance(item, Table):
            yield item
            continue
        seen = set()
        for row in item.rows:
            for cell in row.cells:
                if cell._tc in seen:  # the elements themselves: ids of proxies get reused
                    continue
                seen.add(cell._tc)
                yield from _paragraphs(cell)


def _footnotes(document):
    """(number, text) of each footnote, from the footnotes part python-docx has no API for
    (the separator footnotes, ids -1 and 0, are not text)."""
    for rel in document.part.rels.values():
        if rel.reltype != _FOOTNOTES or rel.is_external:
            continue
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            root = etree.fromstring(rel.target_part.blob, parser)
        except etree.XMLSyntaxError:
            return
        for note in root.iter(f"{_W}footnote"):
            try:
                number = int(note.get(f"{_W}id", "0"))
            except ValueError:  # a damaged part: not a footnote a reader can find
                continue
            if number <= 0:
                continue
            paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t"))
                          for p in note.iter(f"{_W}p")]
            text = " ".join(p for p in paragraphs if p.strip())
            if text.strip():
                yield number, text.strip()
