"""The lexicon detector: spaCy components that flag suspect synonym swaps.

`auditor_lemmatizer` sets `token.lemma_` from the shipped lookup table (lowercased form).
`auditor_swaps` runs the lexicon's patterns with a Matcher and writes one span per
finding to `doc.spans["auditor"]`, each carrying its Finding in `span._.auditor_finding`.
"""
from __future__ import annotations

from pathlib import Path

import numpy
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc

from ..core.findings import KIND_SWAP, Finding
from ..lexicon import lemmas
from ..lexicon.loader import Lexicon, Rule, load_default, load_dirs
from ..lexicon.matching import TokenMatcher
from .base import SPANS_KEY, add_findings, findings_from_doc, is_disabled, lowers  # noqa: F401


@Language.factory("auditor_lemmatizer")
def make_lemmatizer(nlp: Language, name: str):
    return LookupLemmatizer()


class LookupLemmatizer:
    """Lemmas from spaCy's English lookup table, looked up on the lowercased form."""

    def __init__(self, vocab=None):
        self._hashes: dict[str, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        table = lemmas.table()
        strings = doc.vocab.strings
        hashes = self._hashes
        values = []
        for lower in lowers(doc):
            lemma = table.get(lower, lower)
            h = hashes.get(lemma)
            if h is None:
                h = hashes[lemma] = strings.add(lemma)
            values.append(h)
        if values:
            doc.from_array([LEMMA], numpy.array(values, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory(
    "auditor_swaps",
    default_config={"rules": [], "default_rules": True},
)
def make_swaps(nlp: Language, name: str, rules: list[str], default_rules: bool):
    lexicon = load_default() if default_rules else Lexicon()
    if rules:
        lexicon.extend(load_dirs([Path(r) for r in rules]))
    return SwapDetector(nlp, lexicon)


class SwapDetector:
    def __init__(self, nlp: Language, lexicon: Lexicon):
        self.lexicon = lexicon
        self.matcher = TokenMatcher()
        self._rules: dict[str, Rule] = {}
        self._focus: dict[str, tuple[int, int]] = {}
        # Ties between rules go to the one loaded first: the default lexicon before packs
        # added with --rules.
        self._order = {rule.id: i for i, rule in enumerate(lexicon.rules)}
        for rule in lexicon.rules:
            for i, pattern in enumerate(rule.patterns):
                key = f"{rule.id}#{i}"
                self.matcher.add(key, pattern.tokens)
                self._rules[key] = rule
                self._focus[key] = pattern.focus

    def __call__(self, doc: Doc) -> Doc:
        candidates = []
        words = None
        for key, start, end, alignment in self.matcher(doc):
            rule = self._rules[key]
            if is_disabled(doc, rule.id):  # a disabled rule must not win an overlap below
                continue
            if not self._context_ok(doc, start, end, rule):
                continue
            if rule.requires:
                words = words if words is not None else set(lowers(doc))
                if not all(w in words for w in rule.requires):
                    continue
            lo, hi = self._focus[key]
            focus = [start + i for i, a in enumerate(alignment) if lo <= a < hi]
            if not focus:
                continue
            span = doc[focus[0]: focus[-1] + 1]
            candidates.append((rule, span))
        items = []
        for rule, span in _resolve(candidates, self._order):
            finding = Finding(
                rule_id=rule.id, kind=KIND_SWAP, severity=rule.severity,
                start=span.start_char, end=span.end_char, text=span.text,
                message=rule.render_message(span.text), suggestion=rule.original,
                evidence=f"matched {rule.sources[0]!r} in {span.sent.text.strip()[:160]!r}"
                if doc.has_annotation("SENT_START") else f"matched {rule.sources[0]!r}",
                confidence=rule.confidence,
            )
            items.append((span, finding))
        add_findings(doc, items)
        return doc

    @staticmethod
    def _context_ok(doc: Doc, start: int, end: int, rule: Rule) -> bool:
        if rule.not_before and start > 0 and doc[start - 1].lower_ in rule.not_before:
            return False
        if rule.not_after and end < len(doc) and doc[end].lower_ in rule.not_after:
            return False
        return True


def _resolve(candidates, order):
    """Keep one finding per overlapping region: the most severe, then the longest, then
    the rule loaded first. Output is sorted by position."""
    ranked = sorted(candidates, key=lambda c: (-c[0].severity, -(c[1].end - c[1].start),
                                               c[1].start, order[c[0].id]))
    taken: list[tuple[int, int]] = []
    kept = []
    for rule, span in ranked:
        if any(span.start < e and s < span.end for s, e in taken):
            continue
        taken.append((span.start, span.end))
        kept.append((rule, span))
    return sorted(kept, key=lambda c: c[1].start)
