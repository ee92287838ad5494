"""What every detector component shares: where findings go on a Doc.

Each finding is a span in `doc.spans["auditor"]` (label = rule id) carrying the Finding in
`span._.auditor_finding`. Detectors call `add_findings`; readers call `findings_from_doc`.

A run's reporting settings (`set_reporting`: the disabled rules and the reporting severity)
travel on the Doc, so that every tier sees them before overlaps are resolved: a disabled
rule's finding is never added, and only reported findings keep later tiers off their words
(`taken_chars`). A finding below the reporting severity (hidden, but weighed in the verdict)
that a later tier reports over is replaced by it (`add_findings`), so the span's evidence is
counted once. Without settings every finding counts as reported (a plain spaCy pipeline).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..core.findings import Finding, Severity
from ..core.registry import selected

SPANS_KEY = "auditor"
REPORTING_KEY = "auditor.reporting"

if not Span.has_extension("auditor_finding"):
    Span.set_extension("auditor_finding", default=None)


def set_reporting(doc: Doc, disable: tuple[str, ...] = (),
                  min_severity: Severity = Severity.SUGGESTION) -> Doc:
    """Record the run's disabled rules and reporting severity on a Doc before the pipeline
    runs on it (`nlp(set_reporting(nlp.make_doc(text), ...))`)."""
    doc.user_data[REPORTING_KEY] = (tuple(disable), Severity(min_severity))
    return doc


def _reporting(doc: Doc) -> tuple[tuple[str, ...], Severity]:
    return doc.user_data.get(REPORTING_KEY) or ((), Severity.SUGGESTION)


def is_disabled(doc: Doc, rule_id: str) -> bool:
    disable = _reporting(doc)[0]
    return bool(disable) and selected(rule_id, disable)


def is_reported(doc: Doc, finding: Finding) -> bool:
    """Whether the report will show the finding (enabled, at or above its severity)."""
    disable, min_severity = _reporting(doc)
    return finding.severity >= min_severity and not (disable and selected(finding.rule_id, disable))


def add_findings(doc: Doc, items: list[tuple[Span, Finding]], replace_hidden: bool = True
                 ) -> None:
    """Append (span, finding) pairs to the doc's auditor span group. Findings of disabled
    rules are dropped; with `replace_hidden`, an earlier hidden finding that a new reported
    one overlaps is removed (the tiers that keep off `taken_chars` pass True; the page tier,
    which reports over other findings by design, passes False)."""
    items = [(span, f) for span, f in items if not is_disabled(doc, f.rule_id)]
    group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    if replace_hidden and group and items:
        old = [(f.start, f.end) for f in findings_from_doc(doc)]
        # a new hidden finding where there is one already adds nothing (as before, when every
        # finding took its words); a new reported one replaces the hidden ones it overlaps
        items = [(span, f) for span, f in items
                 if is_reported(doc, f) or not _overlaps_any(f, old)]
        new = [(f.start, f.end) for _, f in items if is_reported(doc, f)]
        group = [s for s in group if s._.auditor_finding is None
                 or is_reported(doc, s._.auditor_finding)
                 or not _overlaps_any(s._.auditor_finding, new)]
    for span, finding in items:
        span = Span(doc, span.start, span.end, label=finding.rule_id)
        span._.auditor_finding = finding
        group.append(span)
    doc.spans[SPANS_KEY] = group


def lowers(doc: Doc) -> list[str]:
    """Every token's lowercase text, computed once per Doc and shared by the detectors
    (creating spaCy Token objects over and over was a large share of the run time)."""
    return _token_strings(doc, "LOWER")


def orths(doc: Doc) -> list[str]:
    """Every token's text, computed once per Doc and shared, like `lowers`."""
    return _token_strings(doc, "ORTH")


def _token_strings(doc: Doc, attr: str) -> list[str]:
    key = f"auditor.{attr.lower()}s"
    cached = doc.user_data.get(key)
    if cached is None or len(cached) != len(doc):
        strings = doc.vocab.strings
        cached = [strings[h] for h in doc.to_array(attr).tolist()]
        doc.user_data[key] = cached
    return cached


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc from the token arrays (spaCy's `doc.text` creates a
    Token object for every token on every access)."""
    cached = doc.user_data.get("auditor.text")
    if cached is None or cached[0] != len(doc):
        pieces = orths(doc)
        spaces = doc.to_array("SPACY").tolist()
        text = "".join([w + " " if space else w for w, space in zip(pieces, spaces)])
        cached = (len(doc), text)
        doc.user_data["auditor.text"] = cached
    return cached[1]


def findings_from_doc(doc: Doc) -> list[Finding]:
    if SPANS_KEY not in doc.spans:
        return []
    return [s._.auditor_finding for s in doc.spans[SPANS_KEY] if s._.auditor_finding is not None]


def overlaps(token, taken: list[tuple[int, int]]) -> bool:
    """Whether the token overlaps one of the character ranges in `taken`."""
    return any(token.idx < e and s < token.idx + len(token) for s, e in taken)


def taken_chars(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges already reported, so a later tier can avoid double-reporting. Hidden
    findings (below the reporting severity) do not take their words: a later tier may report
    there, and replaces them (see `add_findings`)."""
    return [(f.start, f.end) for f in findings_from_doc(doc) if is_reported(doc, f)]


def _overlaps_any(f: Finding, ranges: list[tuple[int, int]]) -> bool:
    return any(f.start < e and s < f.end for s, e in ranges)
