"""One JSON object per line, written as each document finishes (for huge folders)."""
from __future__ import annotations

import json

from ..core.results import DocumentResult
from . import Reporter
from .presentation import SCHEMA, document_dict


class JsonLinesReporter(Reporter):
    def document(self, result: DocumentResult) -> None:
        line = {"type": "document", "schema": SCHEMA, **document_dict(result)}
        self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.stream.flush()

    def family(self, family: dict) -> None:
        self.stream.write(json.dumps({"type": "family", "schema": SCHEMA, **family},
                                     ensure_ascii=False) + "\n")
        self.stream.flush()
