"""Machine-readable output: one JSON object with a versioned schema (see README)."""
from __future__ import annotations

import json
from typing import TextIO

from ..results import DocumentResult
from ..scoring import verdict, with_family

SCHEMA = "auditor.report/1"


def finding_dict(result: DocumentResult, f) -> dict:
    line, column = result.position(f.start)
    return {
        "rule_id": f.rule_id, "kind": f.kind, "severity": f.severity.label,
        "start": f.start, "end": f.end, "line": line, "column": column,
        "text": f.text, "suggestion": f.suggestion,
        "replacement": f.replacement, "message": f.message,
        "evidence": f.evidence, "confidence": round(f.confidence, 3), "score": f.score,
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
        """Record the family and raise each member's spin evidence with it."""
        self.families.append(family)
        by_path = {d["path"]: d for d in self.documents}
        for path, slots in family.get("swapped_slots", {}).items():
            doc = by_path.get(path)
            if doc is None or not doc["scores"]:
                continue
            scores = doc["scores"]
            scores["family"] = family["id"]
            scores["family_swapped_slots"] = slots
            scores["spin_density_with_family"] = with_family(
                scores["spin_density"], doc["words"], slots)
            doc["verdict_with_family"] = verdict(scores["spin_density_with_family"],
                                                 scores.get("certain_swaps", 0))

    def finish(self) -> None:
        json.dump({"schema": SCHEMA, "documents": self.documents, "families": self.families},
                  self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
