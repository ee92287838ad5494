"""The one finding type every stage reports, and the severity scale."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Vale's three levels, ordered so that comparisons work (`>= Severity.WARNING`)."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (choose from {choices})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


# Finding kinds. `swap` is a suspect synonym swap; the others are not spin evidence.
KIND_SWAP = "swap"
KIND_GRAMMAR = "grammar"
KIND_READABILITY = "readability"
KIND_ERROR = "error"
KIND_NOTE = "note"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    kind: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str = ""
    evidence: str = ""
    confidence: float = 1.0
    # A drop-in replacement for exactly content[start:end] (the repaired wording), when the
    # detector knows one; `suggestion` is the likely original phrase, for people.
    replacement: str = ""
    # The strength of the evidence in nats (a log-likelihood ratio), for detectors that
    # measure one (the context tier); 0 for the others. See auditor.scoring.finding_weight.
    score: float = 0.0
    extra: tuple = field(default=(), compare=False)

    def overlaps(self, other: "Finding") -> bool:
        return self.start < other.end and other.start < self.end
