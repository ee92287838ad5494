"""What the runner produces for one document; reporters format these."""
from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .findings import Finding

VERDICT_EMPTY = "empty"
VERDICT_ERROR = "error"


@dataclass
class DocumentResult:
    path: str
    document: Document | None
    words: int = 0
    verdict: str = VERDICT_ERROR
    scores: dict = field(default_factory=dict)
    readability: dict = field(default_factory=dict)
    grammar: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    signature: object = None  # MinHash hash values, for spin families (see auditor.batch)

    def position(self, offset: int) -> tuple[int, int]:
        return self.document.position(offset) if self.document else (1, 1)

    @property
    def content(self) -> str:
        return self.document.content if self.document else ""
