"""Tier 3, inconsistent terms: one expression written with different synonyms for one slot
within a document ("peer support group", "peer support system", "peer support team").

Editors keep a term fixed; spinners replace each occurrence independently, so one document
ends up with several variants of the same term. For every two-word context (the two content
words before the slot) the slot's lemmas are counted; when two or more of them are synonyms of
each other and the curated spinner thesaurus says which is the swap (`auditor.lexicon.inventory.
spinner_originals`), the term is reported once, on the first occurrence of a swapped
variant that no other finding covers, with every variant and its count. (The swapped variant
is often the majority: a spinner may replace most occurrences.)
"""
from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from ..core.findings import Finding, Severity
from ..core.registry import code_rule
from .base import add_findings, lowers, overlaps, taken_chars

RULE = code_rule("consistency.term-variants")
KIND = RULE.kind
RULE_ID = RULE.id
MIN_OCCURRENCES = 3
STOP = frozenset("""a an the and or but of to in on at for with by from as is are was were be been
this that these those it its their they we you he she his her our your my i not no so than then
can may will would should could also such other more most some any all each many much very
""".split())


@Language.factory("auditor_consistency", default_config={"min_occurrences": MIN_OCCURRENCES})
def make_consistency(nlp: Language, name: str, min_occurrences: int):
    return ConsistencyDetector(min_occurrences)


class ConsistencyDetector:
    def __init__(self, min_occurrences: int = MIN_OCCURRENCES):
        self.min_occurrences = min_occurrences

    def __call__(self, doc: Doc) -> Doc:
        from ..lexicon import inventory

        slots: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        strings = doc.vocab.strings
        lemma_of = doc.to_array("LEMMA").tolist()
        words = [(i, w, (strings[lemma_of[i]] or w).lower()) for i, w in enumerate(lowers(doc))
                 if w.isalpha()]
        for (i1, w1, _), (i2, w2, _), (i3, _, lemma) in zip(words, words[1:], words[2:]):
            if i2 != i1 + 1 or i3 != i2 + 1 or w1 in STOP or w2 in STOP or lemma in STOP:
                continue
            slots[(w1, w2)][lemma].append(i3)
        taken = taken_chars(doc)
        items = []
        for (w1, w2), variants in slots.items():
            if len(variants) < 2 or sum(map(len, variants.values())) < self.min_occurrences:
                continue
            swaps = {v: u for v in variants for u in variants
                     if u != v and u in inventory.spinner_originals(v)}
            if sum(len(variants[v]) for v in swaps) < 2:
                continue
            free = [i for v in swaps for i in variants[v]
                    if not overlaps(doc[i], taken)]
            if not free:
                continue
            token = doc[min(free)]
            original = swaps[token.lemma_.lower() or token.lower_]
            ranked = sorted(variants, key=lambda v: (-len(variants[v]), variants[v][0]))
            listing = ", ".join(f"'{w1} {w2} {v}' ×{len(variants[v])}" for v in ranked)
            items.append((doc[token.i:token.i + 1], Finding(
                rule_id=RULE_ID, kind=KIND, severity=Severity.WARNING,
                start=token.idx, end=token.idx + len(token), text=token.text,
                message=f"the term '{w1} {w2} …' appears with synonyms in one slot: {listing}; "
                        f"'{token.lower_}' is a known spinner swap for '{original}', and a "
                        "writer keeps a term fixed",
                suggestion=original, evidence=listing, confidence=0.8)))
        add_findings(doc, items)
        return doc
