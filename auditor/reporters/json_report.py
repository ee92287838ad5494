"""Machine-readable output: one JSON object with a versioned schema (see README)."""
from __future__ import annotations

import json
from typing import TextIO

from ..results import DocumentResult

SCHEMA = "auditor.report/1"


def finding_dict(result: DocumentResult, f) -> dict:
    line, column = result.position(f.start)
    return {
        "rule_id": f.rule_id, "kind": f.kind, "severity": f.severity.label,
        "start": f.start, "end": f.end, "line": line, "column": column,
        "text": f.text, "suggestion": f.suggestion, "message": f.message,
        "evidence": f.evidence, "confidence": round(f.confidence, 3),
    }


def document_dict(result: DocumentResult) -> dict:
    return {
        "path": result.path,
        "words": result.words,
        "verdict": result.verdict,
        "encoding": result.document.encoding if result.document else None,
        "scores": result.scores,
        "readability": result.readability,
        "grammar": result.grammar,
        "findings": [finding_dict(result, f) for f in result.findings],
        "notes": result.notes,
        "error": result.error,
    }


class JsonReporter:
    def __init__(self, stream: TextIO, **_: object):
        self.stream = stream
        self.documents: list[dict] = []
        self.families: list[dict] = []

    def start(self, total: int) -> None:
        pass

    def document(self, result: DocumentResult) -> None:
        self.documents.append(document_dict(result))

    def family(self, family: dict) -> None:
        self.families.append(family)

    def finish(self) -> None:
        json.dump({"schema": SCHEMA, "documents": self.documents, "families": self.families},
                  self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
