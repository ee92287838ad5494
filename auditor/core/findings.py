"""The one finding type every stage reports, the severity scale, and what finding kinds and
verdicts are (Kind, Verdict)."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum, IntEnum


class Severity(IntEnum):
    """Vale's three levels, ordered so that comparisons work (`>= Severity.WARNING`)."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name) -> "Severity":
        if isinstance(name, cls):
            return name
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (choose from {choices})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Kind(str, Enum):
    """What a finding is. A str (its value), so `f.kind == "swap"` and JSON keep working.

    `is_spin`: evidence that the text was spun (it counts in the spin density and verdict);
    `has_span`: it marks a stretch of the text (an input error or a note is about the file)."""

    SWAP = "swap"  # a suspect synonym swap (lexicon, rare forms, near-miss, context)
    CONSISTENCY = "consistency"  # one term written with several synonyms
    INSERTION = "insertion"  # a search keyword pasted into a sentence
    TITLE = "title"  # an off-topic title
    BOILERPLATE = "boilerplate"  # web-page furniture
    GRAMMAR = "grammar"  # LanguageTool
    READABILITY = "readability"
    ERROR = "error"  # the input could not be audited
    NOTE = "note"

    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__  # Enum hashes the name: "swap" in {Kind.SWAP} must hold

    @property
    def is_spin(self) -> bool:
        return self in _SPIN

    @property
    def has_span(self) -> bool:
        return self not in _NO_SPAN


_SPIN = frozenset({Kind.SWAP, Kind.CONSISTENCY, Kind.INSERTION, Kind.TITLE, Kind.BOILERPLATE})
_NO_SPAN = frozenset({Kind.READABILITY, Kind.ERROR, Kind.NOTE})

# The names older code imports.
KIND_SWAP = Kind.SWAP
KIND_GRAMMAR = Kind.GRAMMAR
KIND_READABILITY = Kind.READABILITY
KIND_ERROR = Kind.ERROR
KIND_NOTE = Kind.NOTE


class Verdict(str, Enum):
    """A document's verdict (computed only by auditor.core.scoring). A str, like Kind.

    `audited`: the document was read and scored (not `error`, not `empty`); `flagged`: the
    evidence calls for a reader (`review` or `spun`); `rank`: worst first, for summaries."""

    SPUN = "spun"
    REVIEW = "review"
    ERROR = "error"  # the input could not be audited
    CLEAN = "clean"
    EMPTY = "empty"  # nothing to audit

    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__  # Enum hashes the name: "swap" in {Kind.SWAP} must hold

    @property
    def audited(self) -> bool:
        return self not in (Verdict.ERROR, Verdict.EMPTY)

    @property
    def flagged(self) -> bool:
        return self in (Verdict.SPUN, Verdict.REVIEW)

    @property
    def rank(self) -> int:
        return list(Verdict).index(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding. Slots, not a __dict__ per instance: a 10 MB spun file has about 130,000
    findings, and the dictionaries were a sixth of its peak memory."""

    rule_id: str
    kind: Kind
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
    # measure one (the context tier); 0 for the others. See auditor.core.scoring.finding_weight.
    score: float = 0.0
    extra: tuple = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):  # "swap" -> Kind.SWAP; an unknown kind is a bug
            object.__setattr__(self, "kind", Kind(self.kind))

    # Pickling (--jobs sends findings between processes) spelled out: Python 3.10's
    # dataclasses cannot unpickle a frozen class with slots by themselves.
    def __getstate__(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __setstate__(self, state: tuple) -> None:
        for f, value in zip(fields(self), state):
            object.__setattr__(self, f.name, value)

    @property
    def is_spin(self) -> bool:
        return self.kind.is_spin

    @property
    def has_span(self) -> bool:
        return self.kind.has_span and self.end > self.start

    def overlaps(self, other: "Finding") -> bool:
        return self.start < other.end and other.start < self.end
