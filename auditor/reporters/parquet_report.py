"""Parquet output for large runs (`--format parquet -o DIR`), written with pyarrow.

DIR holds three partitioned tables, each a folder of `part-*.parquet` files that
`pyarrow.dataset.dataset(DIR + "/documents")` (or pandas, DuckDB, Spark) reads as one table:

- `documents/`: one row per document, the JSON report's document fields (`path`, `words`,
  `verdict`, `encoding`, `scores`, `readability`, `grammar`, `notes`, `error`; the
  dict-valued ones as JSON text) plus `content_hash` (SHA-256 of the decoded text; null
  when it could not be read), what `--resume` skips by;
- `findings/`: one row per finding, the JSON report's finding fields plus the document's
  `path` and `content_hash` (`evidence` as JSON text);
- `families/`: one row per spin family, the JSON report's family fields (`slots`,
  `insertions`, `swapped_slots`, `member_scores` as JSON text);
- `signatures/`: the documents' MinHash signatures, so that a resumed run finds families
  across the documents of every run.

A part file appears complete or not at all (written under a temporary name, then renamed),
and a part's name is fixed by its run and partition: a partition audited again (a worker
died) replaces its part, so every document is in the output exactly once.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable

from . import Reporter
from .presentation import document_dict

TABLES = ("documents", "findings", "families", "signatures")
_DOC_JSON = ("scores", "readability", "grammar")
_FAMILY_JSON = ("slots", "insertions", "swapped_slots", "member_scores")
PART_DOCUMENTS = 500  # documents per part file when the local engine writes


def content_hash(result) -> str | None:
    return None if result.document is None else text_hash(result.document.content)


def text_hash(content: str) -> str:
    """SHA-256 of a document's decoded text (what --resume compares)."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def resume_key(path: str, digest: str | None) -> str:
    """What --resume skips by: the path and content hash; for a document that could not be
    read (no hash), its path (it is not tried again; delete the output to retry it)."""
    return f"{digest}:{path}" if digest else f"unread:{path}"


def rows(result) -> tuple[dict, list[dict]]:
    """The document's row and its findings' rows."""
    data = document_dict(result)
    digest = content_hash(result)
    findings = data.pop("findings")
    for key in _DOC_JSON:
        data[key] = json.dumps(data[key], ensure_ascii=False)
    data["content_hash"] = digest
    found = []
    for f in findings:
        f["evidence"] = json.dumps(f["evidence"], ensure_ascii=False)
        found.append({"path": result.path, "content_hash": digest, **f})
    return data, found


def family_row(family: dict) -> dict:
    row = dict(family)
    for key in _FAMILY_JSON:
        row[key] = json.dumps(row.get(key), ensure_ascii=False)
    return row


def _schemas():
    import pyarrow as pa

    s = pa.string()
    return {
        "documents": pa.schema([("path", s), ("words", pa.int64()), ("verdict", s),
                                ("encoding", s), ("scores", s), ("readability", s),
                                ("grammar", s), ("notes", pa.list_(s)), ("error", s),
                                ("content_hash", s)]),
        "findings": pa.schema([("path", s), ("content_hash", s), ("rule_id", s), ("kind", s),
                               ("severity", s), ("start", pa.int64()), ("end", pa.int64()),
                               ("line", pa.int64()), ("column", pa.int64()), ("text", s),
                               ("suggestion", s), ("replacement", s), ("message", s),
                               ("evidence", s), ("confidence", pa.float64()),
                               ("score", pa.float64())]),
        "families": pa.schema([("id", pa.int64()), ("members", pa.list_(s)), ("template", s),
                               ("slots", s), ("source_text", s), ("insertions", s),
                               ("swapped_slots", s), ("member_scores", s)]),
        "signatures": pa.schema([("path", s), ("url", s), ("offset", pa.int64()),
                                 ("words", pa.int64()), ("scores", s),
                                 ("signature", pa.binary())]),
    }


def write_part(folder: str, table: str, part: str, records: list[dict]) -> None:
    """Write `records` as DIR/table/part-<part>.parquet, atomically (local folders and
    fsspec URLs alike). Nothing is written for no records."""
    if not records:
        return
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schemas()[table]
    data = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in records],
                                schema=schema)
    fs, root = fsspec.core.url_to_fs(folder)
    target = f"{root.rstrip('/')}/{table}"
    fs.makedirs(target, exist_ok=True)
    final = f"{target}/part-{part}.parquet"
    temporary = f"{target}/.part-{part}.{uuid.uuid4().hex[:8]}.tmp"
    with fs.open(temporary, "wb") as out:
        pq.write_table(data, out, compression="zstd")
    fs.mv(temporary, final)


def read_column(folder: str, table: str, columns: list[str]) -> list[dict]:
    """The given columns of every part of a table (empty when there is none)."""
    import fsspec
    import pyarrow.dataset as ds

    fs, root = fsspec.core.url_to_fs(folder)
    path = f"{root.rstrip('/')}/{table}"
    if not fs.exists(path):
        return []
    data = ds.dataset(path, filesystem=fs, format="parquet",
                      exclude_invalid_files=True, ignore_prefixes=["."])
    return data.to_table(columns=columns).to_pylist()


def part_names(folder: str, table: str) -> list[str]:
    """The names of a table's parts (`<run>-<partition>`), sorted."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(folder)
    path = f"{root.rstrip('/')}/{table}"
    if not fs.exists(path):
        return []
    names = (p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(path, detail=False))
    return sorted(n[len("part-"):-len(".parquet")] for n in names
                  if n.startswith("part-") and n.endswith(".parquet"))


def read_part(folder: str, table: str, part: str) -> list[dict]:
    import fsspec
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(folder)
    with fs.open(f"{root.rstrip('/')}/{table}/part-{part}.parquet", "rb") as f:
        return pq.read_table(f).to_pylist()


def drop_incomplete(folder: str) -> int:
    """Remove what an interrupted run left half done: findings and signatures parts whose
    documents part (written last) is missing, and temporary files. Returns how many."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(folder)
    complete = set(part_names(folder, "documents"))
    dropped = 0
    for table in ("findings", "signatures", "documents"):
        path = f"{root.rstrip('/')}/{table}"
        if not fs.exists(path):
            continue
        for name in fs.ls(path, detail=False):
            base = name.rstrip("/").rsplit("/", 1)[-1]
            orphan = base.startswith("part-") and base.endswith(".parquet") and table != \
                "documents" and base[len("part-"):-len(".parquet")] not in complete
            if orphan or (base.startswith(".part-") and base.endswith(".tmp")):
                fs.rm(name)
                dropped += 1
    return dropped


def done_keys(folder: str) -> set[str]:
    """The resume keys of the documents already in the output (read and audited)."""
    return {resume_key(r["path"], r["content_hash"])
            for r in read_column(folder, "documents", ["path", "content_hash"])}


def run_id() -> str:
    """A prefix for this run's part names: later runs (`--resume`) never replace them."""
    import time
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def write_results(folder: str, part: str, results: Iterable, refs: Iterable | None = None
                  ) -> None:
    """Documents, findings and signatures of audited results as one part of each table;
    `refs` (auditor.sources.Ref, one per result) say where each document can be read again."""
    import itertools

    import numpy as np

    docs, found, sigs = [], [], []
    for result, ref in zip(results, refs if refs is not None else itertools.repeat(None)):
        row, finding_rows = rows(result)
        docs.append(row)
        found.extend(finding_rows)
        if result.signature is not None:
            sigs.append({"path": result.path, "url": ref.url if ref else result.path,
                         "offset": ref.offset if ref else -1, "words": result.words,
                         "scores": json.dumps(result.scores),
                         "signature": np.asarray(result.signature, dtype=np.uint64).tobytes()})
    # findings and signatures first: a part of documents means the partition is complete
    write_part(folder, "findings", part, found)
    write_part(folder, "signatures", part, sigs)
    write_part(folder, "documents", part, docs)


class ParquetReporter(Reporter):
    """The local engine's Parquet writer: a part per PART_DOCUMENTS documents. It writes a
    folder, not a stream: the CLI sets `folder` (from -o) before `start`."""

    writes_folder = True

    def __init__(self, stream, **options):
        super().__init__(stream, **options)
        self.folder: str | None = None
        self.run = run_id()
        self.pending: list = []
        self.parts = 0
        self.families: list[dict] = []
        self.replace_families = False  # --resume: this run's families supersede earlier ones

    def document(self, result) -> None:
        self.pending.append(result)
        if len(self.pending) >= PART_DOCUMENTS:
            self._flush()

    def family(self, family: dict) -> None:
        self.families.append(family_row(family))

    def finish(self) -> None:
        self._flush()
        if self.replace_families:
            import fsspec

            fs, root = fsspec.core.url_to_fs(self.folder)
            for part in part_names(self.folder, "families"):
                fs.rm(f"{root.rstrip('/')}/families/part-{part}.parquet")
        write_part(self.folder, "families", self.run, self.families)

    def _flush(self) -> None:
        if self.pending:
            write_results(self.folder, f"{self.run}-{self.parts:06d}", self.pending)
            self.parts += 1
            self.pending = []
