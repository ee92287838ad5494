"""What every detector component shares: where findings go on a Doc.

Each finding is a span in `doc.spans["auditor"]` (label = rule id) carrying the Finding in
`span._.auditor_finding`. Detectors call `add_findings`; readers call `findings_from_doc`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..findings import Finding

SPANS_KEY = "auditor"

if not Span.has_extension("auditor_finding"):
    Span.set_extension("auditor_finding", default=None)


def add_findings(doc: Doc, items: list[tuple[Span, Finding]]) -> None:
    """Append (span, finding) pairs to the doc's auditor span group."""
    group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
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
    """Character ranges already reported, so a later tier can avoid double-reporting."""
    return [(f.start, f.end) for f in findings_from_doc(doc)]
