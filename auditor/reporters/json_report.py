"""Machine-readable output: one JSON object with a versioned schema (see README)."""
from __future__ import annotations

import json
from typing import TextIO

from ..results import DocumentResult
from ..scoring import verdict, with_family
from . import Reporter
from .presentation import SCHEMA, document_dict, finding_dict  # noqa: F401 (re-exported)


class JsonReporter(Reporter):
    def __init__(self, stream: TextIO, **options):
        super().__init__(stream, **options)
        self.documents: list[dict] = []
        self.families: list[dict] = []

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
