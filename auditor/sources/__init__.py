"""Where the documents of a batch come from: local files and folders, fsspec URLs (s3://,
gs://, https://, file://, memory://) and web archives (WARC, WARC.gz).

The client only lists names (`plan`); the bytes are read where the documents are audited
(`read`, on a Dask worker), so a crawl never passes through the client. A web archive is
one partition, read record by record on the worker that audits it; its documents are the
HTML and text responses in it (`auditor.sources.warc`).

Each document gets a `Ref`: the name it has in the report (a file path, a URL, a WARC
record's target URI) and where to read it again (a spin family's members are re-read to
align them).

An http(s):// URL is not asked for anything in the client (HTTP cannot list a folder, and
a crawl list may name thousands of pages): a page that is missing, fails or does not answer
becomes that document's error on the worker, after at most `timeout` seconds of silence
(`auditor.sources.http`).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DocumentError, UsageError
from ..inputs import document as documents
from . import http

WARC_SUFFIXES = (".warc", ".warc.gz")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Ref:
    path: str  # the document's name in the report
    url: str  # a local path or an fsspec URL
    offset: int = -1  # a WARC record's byte offset in `url`; -1: the whole file


@dataclass(frozen=True)
class Partition:
    index: int
    refs: tuple[Ref, ...] = ()  # files, read one by one
    warc: str | None = None  # or one web archive, read record by record
    timeout: float = http.TIMEOUT  # seconds an http(s) server may stay silent


def is_url(arg: str) -> bool:
    return bool(_URL.match(arg))


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def plan(args: list[str], per_partition: int = 100, timeout: float = http.TIMEOUT,
         selector=None, formats: tuple[str, ...] | None = None) -> list[Partition]:
    """Partitions of at most `per_partition` files, in a stable order; one per web archive.
    Local folders and file:// URLs give the files the local engine would audit: `formats`
    and `selector` (auditor.inputs.selection: ignore files, exclude and include patterns),
    plus the web archives the selection keeps. Raises UsageError for a name that does not
    exist (not asked of http(s) URLs)."""
    from ..inputs.selection import Selector

    selector = selector or Selector()
    refs: list[Ref] = []
    warcs: list[str] = []
    for arg in args:
        for ref in _expand(arg, selector, formats):
            (warcs.append(ref.url) if is_warc(ref.url) else refs.append(ref))
    parts = [Partition(i, refs=tuple(refs[start:start + per_partition]), timeout=timeout)
             for i, start in enumerate(range(0, len(refs), per_partition))]
    return parts + [Partition(len(parts) + i, warc=url, timeout=timeout)
                    for i, url in enumerate(warcs)]


def _expand(arg: str, selector, formats) -> Iterator[Ref]:
    if arg == documents.STDIN:
        raise UsageError("standard input (-) cannot be audited on a cluster; give files, "
                         "folders or URLs")
    if not is_url(arg):
        yield from (Ref(path, path) for path in _local(arg, selector, formats))
        return
    if arg.lower().startswith("file://") and not any(ch in arg for ch in "*?["):
        import fsspec

        fs, root = fsspec.core.url_to_fs(arg)
        for path in _local(root, selector, formats):
            url = fs.unstrip_protocol(path)
            yield Ref(url, url)
        return
    if http.is_http(arg) and not any(ch in arg for ch in "*?["):
        yield Ref(arg, arg)  # read, or found missing, on the worker
        return
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(arg, **http.storage_options(arg))
        if any(ch in root for ch in "*?["):
            names = sorted(fs.glob(root))
        elif not http.is_http(arg) and fs.isdir(root):
            names = sorted(p for p in fs.find(root)
                           if p.lower().endswith(documents.SUFFIXES + WARC_SUFFIXES)
                           and not any(part.startswith(".") for part in p.split("/")))
        elif fs.exists(root):
            names = [root]
        else:
            names = None
    except (OSError, ValueError, ImportError) as exc:
        raise UsageError(f"{arg}: cannot list: {exc}") from None
    if names is None:
        raise UsageError(f"{arg}: no such file, folder or object")
    for name in names:
        url = arg if names == [root] else fs.unstrip_protocol(name)
        yield Ref(url, url)


def _local(arg: str, selector, formats) -> Iterator[str]:
    """A local file or folder as the local engine selects it (auditor.inputs.document.
    iter_paths), then the web archives in the folder that the selection keeps."""
    if is_warc(arg):
        yield from documents.iter_paths([arg], None, selector)  # UsageError when missing
        return
    yield from documents.iter_paths([arg], formats, selector)
    if not os.path.isdir(arg):
        return
    for root, dirs, files in os.walk(arg):
        dirs[:] = sorted(d for d in dirs if not selector.skip_dir(Path(root) / d))
        for name in sorted(files):
            if is_warc(name) and not name.startswith(".") \
                    and not selector.skip_file(Path(root) / name):
                yield str(Path(root) / name)


def read(partition: Partition) -> Iterator[tuple[Ref, object]]:
    """(ref, Document or DocumentError) for every document of the partition."""
    if partition.warc is not None:
        from . import warc
        yield from warc.documents_in(partition.warc, partition.timeout)
        return
    for ref in partition.refs:
        try:
            yield ref, documents.from_bytes(ref.path, read_bytes(ref.url, partition.timeout))
        except DocumentError as exc:
            yield ref, exc


def load(ref: Ref, timeout: float = http.TIMEOUT) -> documents.Document:
    """One document again (a family member, to align it). Raises DocumentError."""
    if ref.offset >= 0:
        from . import warc
        return warc.record_document(ref, timeout)
    return documents.from_bytes(ref.path, read_bytes(ref.url, timeout))


def read_bytes(url: str, timeout: float = http.TIMEOUT) -> bytes:
    """A local file's or an fsspec URL's bytes, at most document.MAX_BYTES."""
    if not is_url(url):
        return documents.read_bytes(url)
    import fsspec

    try:
        with fsspec.open(url, "rb", **http.storage_options(url, timeout)) as f:
            data = f.read(documents.MAX_BYTES + 1)
    except http.read_errors() as exc:
        raise DocumentError(f"cannot read: {http.reason(exc, timeout)}") from None
    if len(data) > documents.MAX_BYTES:
        raise DocumentError(f"larger than {documents.MAX_BYTES // (1024 * 1024)} MB; not read")
    return data
