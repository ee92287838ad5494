"""Scores and verdict. Every threshold lives here (and is explained in the README)."""
from __future__ import annotations

from .findings import KIND_GRAMMAR, KIND_SWAP, Finding, Severity

# Weight of one suspect swap by severity; multiplied by the finding's confidence.
SEVERITY_WEIGHT = {Severity.ERROR: 3.0, Severity.WARNING: 1.5, Severity.SUGGESTION: 0.5}
# Spin density is weighted swaps per 100 words, over at least this many words, so that one
# finding in a 40-word note does not make it "spun".
MIN_WORDS_FOR_DENSITY = 300
# Verdict thresholds on spin density.
REVIEW_AT = 0.6
SPUN_AT = 2.0
# Everything that is evidence of spinning (not grammar, readability or input errors).
SPIN_KINDS = {KIND_SWAP, "consistency", "insertion", "title", "boilerplate"}


def spin_weight(findings: list[Finding]) -> float:
    return sum(SEVERITY_WEIGHT[f.severity] * f.confidence for f in findings if f.kind in SPIN_KINDS)


def scores(findings: list[Finding], words: int, grammar_available: bool, grade) -> dict:
    weight = spin_weight(findings)
    density = 100.0 * weight / max(words, MIN_WORDS_FOR_DENSITY) if words else 0.0
    grammar = [f for f in findings if f.kind == KIND_GRAMMAR]
    return {
        "spin_density": round(density, 3),
        "suspect_swaps": sum(1 for f in findings if f.kind in SPIN_KINDS),
        "grammar_per_100_words": round(100.0 * len(grammar) / words, 3)
        if grammar_available and words else None,
        "readability_grade": grade,
    }


def verdict(spin_density: float) -> str:
    if spin_density >= SPUN_AT:
        return "spun"
    if spin_density >= REVIEW_AT:
        return "review"
    return "clean"


# A family member's synonym slots (see auditor.batch.describe) count as this much spin
# evidence each: a suggestion-level swap, since one synonym on its own may be innocent.
FAMILY_SLOT_WEIGHT = SEVERITY_WEIGHT[Severity.SUGGESTION]


def with_family(spin_density: float, words: int, swapped_slots: int) -> float:
    """Spin density raised by the evidence of the document's spin family."""
    if not words:
        return spin_density
    extra = 100.0 * FAMILY_SLOT_WEIGHT * swapped_slots / max(words, MIN_WORDS_FOR_DENSITY)
    return round(spin_density + extra, 3)
