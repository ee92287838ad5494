"""Documents in a web archive (WARC or WARC.gz, as crawlers and the Common Crawl write them),
read with warcio.

A document is a `response` record with a 2xx HTTP status (or a `resource` record) whose
content type is HTML (through `auditor.sources.html`) or text; other records (requests,
metadata, images, redirects) are passed over. Its name in the report is the record's
WARC-Target-URI; its Ref keeps the record's offset, so a family member can be read again
without scanning the archive.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..core.errors import DocumentError
from ..inputs import document
from . import Ref, http

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")


def documents_in(url: str, timeout: float = http.TIMEOUT) -> Iterator[tuple[Ref, object]]:
    """(ref, Document or DocumentError) for every audited record. A damaged archive ends
    with one DocumentError for the archive itself, and so does a file that is not WARC."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with _open(url, timeout) as stream:
            records = ArchiveIterator(stream)
            warc = False
            for record in records:
                if record.format != "warc":  # text that is not WARC reads as an ARC record
                    break
                warc = True
                kind = _kind(record)
                if kind is None:
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI") or url
                found = _document(target, kind, record)  # read before asking for the offset:
                yield Ref(target, url, records.get_record_offset()), found  # that skips it
            if not warc:
                yield Ref(url, url), DocumentError("not a WARC web archive; not audited")
    except (ArchiveLoadFailed, EOFError, *http.read_errors()) as exc:
        yield Ref(url, url), DocumentError(
            f"cannot read the web archive: {http.reason(exc, timeout)}")


def record_document(ref: Ref, timeout: float = http.TIMEOUT):
    """The document of the record at `ref.offset`. Raises DocumentError."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with _open(ref.url, timeout) as stream:
            stream.seek(ref.offset)
            record = next(iter(ArchiveIterator(stream)))
            kind = _kind(record)
            if kind is None:
                raise DocumentError(f"{ref.url} at byte {ref.offset}: not a document record")
            found = _document(ref.path, kind, record)
    except (EOFError, StopIteration, *http.read_errors()) as exc:
        raise DocumentError(
            f"cannot read the web archive record: {http.reason(exc, timeout)}") from None
    if isinstance(found, DocumentError):
        raise found
    return found


def _open(url: str, timeout: float):
    import fsspec
    return fsspec.open(url, "rb", **http.storage_options(url, timeout)).open()


def _kind(record) -> str | None:
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    ctype = ctype.split(";")[0].strip().lower()
    if ctype in HTML_TYPES:
        return "html"
    return "text" if ctype in TEXT_TYPES else None


def _document(name: str, kind: str, record):
    data = record.content_stream().read(document.MAX_BYTES + 1)
    if len(data) > document.MAX_BYTES:
        return DocumentError(f"larger than {document.MAX_BYTES // (1024 * 1024)} MB; not read")
    try:
        if kind == "html":
            from .html import html_document
            return html_document(name, data)
        return document.from_bytes(name, data)
    except DocumentError as exc:
        return exc
