"""Machine-readable output: one JSON object with a versioned schema (see README)."""
from __future__ import annotations

import json
from typing import TextIO

from ..core.results import DocumentResult
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
        """Record the family and show each member's family-adjusted scores and verdict
        (computed by auditor.core.scoring.family_verdicts) on the member's document."""
        self.families.append(family)
        by_path = {d["path"]: d for d in self.documents}
        for path, adjusted in (family.get("member_scores") or {}).items():
            doc = by_path.get(path)
            if doc is None:
                continue
            doc["scores"].update({k: v for k, v in adjusted.items() if k != "verdict_with_family"})
            doc["verdict_with_family"] = adjusted["verdict_with_family"]

    def finish(self) -> None:
        json.dump({"schema": SCHEMA, "documents": self.documents, "families": self.families},
                  self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
