"""Scores and verdict. Every threshold lives here (and is explained in the README)."""
from __future__ import annotations

from dataclasses import replace

from .findings import Finding, Kind, Severity, Verdict

# Weight of one suspect swap by severity; multiplied by the finding's confidence.
SEVERITY_WEIGHT = {Severity.ERROR: 3.0, Severity.WARNING: 1.5, Severity.SUGGESTION: 0.5}
# Spin density is weighted swaps per 100 words, over at least this many words, so that one
# finding in a 40-word note does not make it "spun" (300 left the spin lab's shorter
# passages short of evidence: F1 at 10% swapped 0.83 with 300 against 0.85 with 200 on its
# development seed).
MIN_WORDS_FOR_DENSITY = 200
# Verdict thresholds on spin density, calibrated with the context tier on the clean corpora
# (benchmarks/calibrate.py): REVIEW_AT is about their 99.2nd percentile (so that at least
# 98% of clean documents are `clean`, with a margin: 98.8%), SPUN_AT about the 99.4th. A document
# with an error-level spin finding is at least `review` whatever its density (one certain
# tortured phrase is worth a look).
REVIEW_AT = 4.0
SPUN_AT = 4.2
# Everything that is evidence of spinning (not grammar, readability or input errors): the
# kinds whose Kind.is_spin is true.
SPIN_KINDS = frozenset(k for k in Kind if k.is_spin)

# The context tier (auditor.detectors.context) measures its evidence in nats: the log of
# the mean likelihood ratio, over every original the thesaurus offers, of "a spinner put
# this word where the original was" against "the writer chose this word", under the
# reference corpus's trigram model. Below CONTEXT_MIN_NATS there is no finding; a finding
# is a suggestion (hidden, but counted in the verdict) below CONTEXT_WARNING_NATS, a warning
# below CONTEXT_ERROR_NATS and an error above. Calibrated on the clean corpora (false
# alarms at the warning level) and on spun text (benchmarks/spinlab.py); see the README.
CONTEXT_MIN_NATS = 10.0
CONTEXT_WARNING_NATS = 19.0
CONTEXT_ERROR_NATS = 21.0
# Weaker evidence, from CONTEXT_EVIDENCE_NATS up to CONTEXT_MIN_NATS, is evidence only: it
# counts in the verdict, and is reported only in a document that reads as spun as a whole
# (`promoted`). On clean text such candidates are common (about 8 per 1,000 words), on spun
# text several times more common (benchmarks/spinlab.py), so many of them together are
# evidence while one alone is not worth a reader's time, even as a suggestion.
CONTEXT_EVIDENCE_NATS = 7.0
# In the spin density, a context finding weighs (score - WEIGHTLESS_NATS) / NATS_PER_WEIGHT,
# at most an error's weight: 7 nats weigh 0.25, 10 nats 1.0, 18 nats and more 3.0. The
# line follows how much more often evidence of each strength occurs on spun than on clean
# text (the log of that rate ratio, measured in bins of 2 nats on the spin lab's held-out
# passages against the clean corpora, rises from 0.5 at 6-8 nats to 4 at 19-22 nats,
# about (nats - 4.5) / 4).
WEIGHTLESS_NATS = 6.0
NATS_PER_WEIGHT = 4.0


def context_severity(nats: float) -> Severity:
    if nats >= CONTEXT_ERROR_NATS:
        return Severity.ERROR
    if nats >= CONTEXT_WARNING_NATS:
        return Severity.WARNING
    return Severity.SUGGESTION


def finding_weight(f: Finding) -> float:
    """What one spin finding adds to the spin evidence."""
    if f.score:
        return min(SEVERITY_WEIGHT[Severity.ERROR], max(0.0, f.score - WEIGHTLESS_NATS) / NATS_PER_WEIGHT)
    return SEVERITY_WEIGHT[f.severity] * f.confidence


def spin_weight(findings: list[Finding]) -> float:
    return sum(finding_weight(f) for f in findings if f.is_spin)


def scores(findings: list[Finding], words: int, grammar_available: bool, grade,
           reported: Severity = Severity.WARNING) -> dict:
    """Scores from every enabled finding; `suspect_swaps` counts those at or above the
    reporting severity (the ones the report shows)."""
    weight = spin_weight(findings)
    density = 100.0 * weight / max(words, MIN_WORDS_FOR_DENSITY) if words else 0.0
    grammar = [f for f in findings if f.kind == Kind.GRAMMAR]
    return {
        "spin_density": round(density, 3),
        "suspect_swaps": suspect_swaps(findings, reported),
        "certain_swaps": sum(1 for f in findings if f.is_spin and f.severity == Severity.ERROR),
        "grammar_per_100_words": round(100.0 * len(grammar) / words, 3)
        if grammar_available and words else None,
        "readability_grade": grade,
    }


def suspect_swaps(findings: list[Finding], reported: Severity) -> int:
    """Spin findings the report shows (at or above the reporting severity)."""
    return sum(1 for f in findings if f.is_spin and f.severity >= reported)

def verdict(spin_density: float, certain_swaps: int = 0) -> Verdict:
    if spin_density >= SPUN_AT:
        return Verdict.SPUN
    if spin_density >= REVIEW_AT or certain_swaps:
        return Verdict.REVIEW
    return Verdict.CLEAN


# A suggestion is hidden because, on its own, it is weak evidence: clean prose has a few
# (about 4 context suggestions per 1,000 words). In a document whose evidence taken together
# is well past the `spun` threshold, the same finding is far more likely a swap (on text
# spun at 20%, what the report then shows has precision 0.93, benchmarks/spinlab.py), so
# the report shows it as a warning, saying why; the verdict is unchanged (it already
# weighed them).
# The same holds for evidence-only findings (CONTEXT_EVIDENCE_NATS). PROMOTE_AT is set on the
# clean corpora (benchmarks/calibrate.py): with it, the default report shows 0.067 findings
# per 1,000 clean words (5.0 would give 0.093, 4.0 0.254: the 0.1 target would break).
PROMOTE_AT = 6.0


def evidence_only(f: Finding) -> bool:
    """Whether a finding is too weak to report on its own (see CONTEXT_EVIDENCE_NATS)."""
    return bool(f.score) and f.score < CONTEXT_MIN_NATS and f.kind in SPIN_KINDS


def promoted(findings: list[Finding], spin_density: float,
             promote_at: float = PROMOTE_AT) -> list[Finding]:
    """The findings to report, after the verdict: in a document at `promote_at`, the spin
    suggestions and the evidence-only findings raised to warnings; elsewhere, the findings
    without the evidence-only ones."""
    if spin_density < promote_at:
        return [f for f in findings if not evidence_only(f)]
    why = (f"shown as a warning because the document as a whole reads as spun "
           f"(spin density {spin_density:.2f})")
    return [replace(f, severity=Severity.WARNING,
                    evidence=f"{f.evidence}; {why}" if f.evidence else why)
            if f.kind in SPIN_KINDS and f.severity == Severity.SUGGESTION else f
            for f in findings]

# A family member's synonym slots (see auditor.families.batch.describe) count as this much spin
# evidence each: a suggestion-level swap, since one synonym on its own may be innocent.
FAMILY_SLOT_WEIGHT = SEVERITY_WEIGHT[Severity.SUGGESTION]


def with_family(spin_density: float, words: int, swapped_slots: int) -> float:
    """Spin density raised by the evidence of the document's spin family."""
    if not words:
        return spin_density
    extra = 100.0 * FAMILY_SLOT_WEIGHT * swapped_slots / max(words, MIN_WORDS_FOR_DENSITY)
    return round(spin_density + extra, 3)


def family_verdicts(family: dict, members: dict[str, tuple[int, dict]]) -> dict[str, dict]:
    """Each member's scores and verdict raised by its family's evidence: {path: {"family",
    "family_swapped_slots", "spin_density_with_family", "verdict_with_family"}}, from
    `members`: {path: (words, scores)} of the audited documents. Every format and the exit
    code read these, so a family-adjusted verdict is computed here only."""
    adjusted = {}
    for path, slots in (family.get("swapped_slots") or {}).items():
        words, scores = members.get(path, (0, {}))
        if not scores:
            continue
        density = with_family(scores["spin_density"], words, slots)
        adjusted[path] = {"family": family["id"], "family_swapped_slots": slots,
                          "spin_density_with_family": density,
                          "verdict_with_family": verdict(density, scores.get("certain_swaps", 0))}
    return adjusted
