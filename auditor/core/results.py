"""What the runner produces for one document; reporters format these."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..inputs.document import Document
from .findings import Finding, Verdict


VERDICT_EMPTY = Verdict.EMPTY
VERDICT_ERROR = Verdict.ERROR


@dataclass
class DocumentResult:
    path: str
    document: Document | None
    words: int = 0
    verdict: Verdict = Verdict.ERROR
    scores: dict = field(default_factory=dict)
    readability: dict = field(default_factory=dict)
    grammar: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    signature: object = None  # MinHash hash values, for spin families (see auditor.families.batch)

    def position(self, offset: int) -> tuple[int, int]:
        return self.document.position(offset) if self.document else (1, 1)

    def location(self, offset: int) -> dict:
        """Where `offset` is in the original file, as JSON: {line, column} for text formats
        (HTML, reStructuredText and JATS: in their markup), {page, line, column} for PDF,
        {paragraph} for Word (or {paragraph, textbox}, {footnote}, {endnote};
        auditor.inputs.Location)."""
        return self.document.location(offset).as_dict() if self.document else {}

    def where(self, offset: int) -> str:
        """The location for people: '12:5' (in the original file's text), 'page 3, line 14',
        'paragraph 7', 'text box 1 (paragraph 7)', 'footnote 2', 'endnote 1'."""
        return self.document.location(offset).label if self.document else "1:1"

    @property
    def content(self) -> str:
        return self.document.content if self.document else ""
