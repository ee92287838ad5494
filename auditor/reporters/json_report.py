"""Machine-readable output: one JSON object with a versioned schema (see README).

The object is written as `json.dump(..., indent=2)` would write it, without holding it: each
document is encoded as it finishes, its findings one at a time, into a temporary file, and
`finish` copies them out between the object's head and its families. A 10 MB spun file has
about 130,000 findings; as dictionaries they added a fifth to the run's peak memory. Family
members' scores are raised after the documents (`family`), so the documents a family names are
read back, updated and encoded again.
"""
from __future__ import annotations

import codecs
import json
import tempfile
from typing import TextIO

from ..core.results import DocumentResult
from . import Reporter
from .presentation import SCHEMA, document_dict, finding_dict  # noqa: F401 (re-exported)

_FINDINGS = "\x00findings\x00"  # stands for the findings while the rest is encoded
_INDENT = 2


def _dumps(value, level: int) -> str:
    """`value` as json.dump(indent=2) writes it at nesting `level` (its first line unindented)."""
    text = json.dumps(value, ensure_ascii=False, indent=_INDENT)
    return text.replace("\n", "\n" + " " * (_INDENT * level))


class JsonReporter(Reporter):
    def __init__(self, stream: TextIO, **options):
        super().__init__(stream, **options)
        self.spool = tempfile.TemporaryFile()  # UTF-8 bytes
        self.documents: list[tuple[str, int, int]] = []  # (path, offset, length) in the spool
        self.families: list[dict] = []
        self.adjusted: dict[str, dict] = {}  # path -> family-adjusted scores and verdict

    def document(self, result: DocumentResult) -> None:
        start = self.spool.tell()
        self._write_document(result)
        self.documents.append((result.path, start, self.spool.tell() - start))

    def _write_document(self, result: DocumentResult) -> None:
        """The document object at nesting 2 (inside "documents"), findings streamed."""
        def write(text: str) -> None:
            self.spool.write(text.encode("utf-8"))

        shell = document_dict(result, findings=False)
        shell["findings"] = _FINDINGS  # keeps the key's place
        head, tail = _dumps(shell, 2).split(json.dumps(_FINDINGS), 1)
        write(head)
        if not result.findings:
            write("[]")
        else:
            pad = " " * (_INDENT * 4)
            write("[")
            for i, f in enumerate(result.findings):
                write(("\n" if not i else ",\n") + pad + _dumps(finding_dict(result, f), 4))
            write("\n" + " " * (_INDENT * 3) + "]")
        write(tail)

    def family(self, family: dict) -> None:
        """Record the family and show each member's family-adjusted scores and verdict
        (computed by auditor.core.scoring.family_verdicts) on the member's document."""
        self.families.append(family)
        for path, adjusted in (family.get("member_scores") or {}).items():
            self.adjusted[path] = adjusted

    def _document_text(self, path: str, offset: int, length: int):
        """The document's encoded text from the spool, in pieces; with its family-adjusted
        scores when a family names it."""
        self.spool.seek(offset)
        adjusted = self.adjusted.get(path)
        if adjusted is None:
            decoder, left = codecs.getincrementaldecoder("utf-8")(), length
            while left > 0:
                piece = self.spool.read(min(left, 1 << 20))
                if not piece:
                    break
                left -= len(piece)
                yield decoder.decode(piece, final=left <= 0)
            return
        doc = json.loads(self.spool.read(length).decode("utf-8"))
        doc["scores"].update({k: v for k, v in adjusted.items() if k != "verdict_with_family"})
        doc["verdict_with_family"] = adjusted["verdict_with_family"]
        yield _dumps(doc, 2)

    def finish(self) -> None:
        out = self.stream
        out.write("{\n" + " " * _INDENT + f'"schema": {json.dumps(SCHEMA)},\n'
                  + " " * _INDENT + '"documents": ')
        if not self.documents:
            out.write("[]")
        else:
            out.write("[")
            for i, (path, offset, length) in enumerate(self.documents):
                out.write(("\n" if not i else ",\n") + " " * (_INDENT * 2))
                for piece in self._document_text(path, offset, length):
                    out.write(piece)
            out.write("\n" + " " * _INDENT + "]")
        out.write(",\n" + " " * _INDENT + '"families": ' + _dumps(self.families, 1) + "\n}\n")
        self.spool.close()
