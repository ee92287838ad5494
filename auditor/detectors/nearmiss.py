"""Tier 1, expression near-misses: a phrase that is a known fixed expression with one word
(or, for two-word terms, both words) replaced by synonyms, while the phrase itself is not a
known expression: "sense of neighborhood" (community), "counterfeit consciousness"
(artificial intelligence), "irregular woodland" (random forest).

Evidence required for a finding, all of it:
- the original expression is in the inventory (WordNet 3.0 multiword entries or the curated
  lists in `rules/inventory/`), and the phrase in the text is not;
- the replaced word and the original word are synonyms (`auditor.inventory`);
- the word in the text is rarer than the word it replaced (wordfreq): spinners trade a
  common word for a less idiomatic synonym, and writers who choose a different phrase on
  purpose usually choose a common one;
- neither word is a stop word, a number or capitalised mid-sentence (a name).
Expressions from WordNet alone must also have the replaced word noticeably rarer (see
MIN_ZIPF_GAP), because WordNet's synonym sets are broad.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..findings import Finding, Severity
from .base import add_findings, taken_chars
from .consistency import STOP

KIND = "swap"
PREFIX = "nearmiss"
MAX_LEN = 4
# How much rarer (wordfreq zipf) the word in the text must be than the word it replaced,
# by where the synonym pair comes from: the curated spinner thesaurus, or WordNet.
MIN_ZIPF_GAP = {"thesaurus": 0.5, "wordnet": 1.0}
INDEXED_SOURCES = ("curated", "wordnet")  # not "wordnet-phrase": verb/adverb entries


@lru_cache(maxsize=None)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _index():
    """(expression with one slot masked) -> {original word at that slot: expression}.
    Cached on disk (see auditor.cache) with the expression table as key."""
    from .. import inventory
    from ..cache import cached

    return cached("nearmiss-index", [inventory.table_key(inventory.EXPRESSIONS_TABLE),
                                     repr(INDEXED_SOURCES), str(MAX_LEN)], _build_index)


def _build_index() -> dict[str, str]:
    """Plain strings load fast from the cache: "sense of *" -> "community ...", the words
    that fill the masked slot in known expressions."""
    from .. import inventory

    one_slot: dict[str, set[str]] = defaultdict(set)
    for expr in inventory.expressions():
        if not 2 <= len(expr) <= MAX_LEN or sum(w not in STOP for w in expr) < 2:
            continue
        if inventory.expression_source(expr) not in INDEXED_SOURCES:
            continue
        for j, word in enumerate(expr):
            if word in STOP or not word.isalpha():
                continue
            one_slot[" ".join(expr[:j] + ("*",) + expr[j + 1:])].add(word)
    index = {key: " ".join(sorted(words)) for key, words in one_slot.items()}
    vocab = frozenset(w for key in index for w in key.split(" ") if w != "*")
    return index, vocab


@Language.factory("auditor_nearmiss", default_config={})
def make_nearmiss(nlp: Language, name: str):
    return NearMissDetector()


class NearMissDetector:
    def __call__(self, doc: Doc) -> Doc:
        from .. import inventory

        index, vocab = _index()
        known = inventory.expressions()
        taken = taken_chars(doc)
        items, used = [], set()
        for tokens in _runs(doc):
            lowers = [t.lower_ for t in tokens]
            outside = [w not in vocab for w in lowers]
            for n in range(MAX_LEN, 1, -1):
                for i in range(len(tokens) - n + 1):
                    # Every word but the swapped one must occur in some known expression.
                    strangers = [j for j in range(n) if outside[i + j]]
                    if len(strangers) > 1:
                        continue
                    window = tuple(lowers[i:i + n])
                    if window in known or not all(w.isalpha() for w in window):
                        continue
                    for j in strangers or range(n):
                        hit = self._slot(window, j, tokens[i + j], index)
                        if hit is None:
                            continue
                        token = tokens[i + j]
                        if token.i in used or _overlaps(token, taken):
                            continue
                        used.add(token.i)
                        items.append((doc[token.i:token.i + 1], _finding(token, *hit)))
        add_findings(doc, items)
        return doc

    @staticmethod
    def _slot(window, j, token, index):
        from .. import inventory

        word = window[j]
        if word in STOP or (token.is_title and not token.is_sent_start) or token.is_upper:
            return None
        key = " ".join(window[:j] + ("*",) + window[j + 1:])
        candidates = index.get(key)
        if not candidates:
            return None
        lemma = token.lemma_.lower() or word
        for original in candidates.split(" "):
            expr = window[:j] + (original,) + window[j + 1:]
            if original in (word, lemma):
                continue
            if original in inventory.spinner_originals(word) or original in inventory.spinner_originals(lemma):
                pair = "thesaurus"
            elif inventory.are_synonyms(word, original) or inventory.are_synonyms(lemma, original):
                pair = "wordnet"
            else:
                continue
            if _zipf(word) > _zipf(original) - MIN_ZIPF_GAP[pair]:
                continue
            return original, expr, inventory.expression_source(expr), pair
        return None


def _runs(doc: Doc):
    """Runs of tokens within one sentence, broken at line breaks and masked regions (spaCy
    makes whitespace tokens of those), so a phrase never spans them."""
    for sent in (doc.sents if doc.has_annotation("SENT_START") else [doc[:]]):
        run = []
        for token in sent:
            if token.is_space:
                if run:
                    yield run
                run = []
            else:
                run.append(token)
                if token.whitespace_ and "\n" in token.whitespace_:
                    yield run
                    run = []
        if run:
            yield run


def _overlaps(token, taken) -> bool:
    return any(token.idx < e and s < token.idx + len(token) for s, e in taken)


def _finding(token, original: str, expr: tuple, source: str, pair: str) -> Finding:
    """A curated expression with a known spinner swap is an error; anything resting on
    WordNet alone (its compounds or its synonym sets) is a suggestion, hidden by default:
    on clean prose WordNet's synonyms produce ordinary alternatives ("data focuses" for
    "data center", "treatment plan" for "care plan") far too often to be shown."""
    phrase = " ".join(expr)
    checked = 2 if (source == "curated" and pair == "thesaurus") else 0
    severity = (Severity.SUGGESTION, Severity.WARNING, Severity.ERROR)[checked]
    return Finding(
        rule_id=f"{PREFIX}.{'curated' if source == 'curated' else 'wordnet'}-expression",
        kind=KIND, severity=severity,
        start=token.idx, end=token.idx + len(token), text=token.text,
        message=f"'{original}' → '{token.text}' in the fixed expression '{phrase}'",
        suggestion=original,
        evidence=f"'{phrase}' is a known expression ({source}); '{token.lower_}' is a "
                 f"{'spinner-thesaurus' if pair == 'thesaurus' else 'WordNet'} synonym of "
                 f"'{original}' (wordfreq zipf {_zipf(token.lower_):.1f} vs {_zipf(original):.1f})",
        confidence=(0.6, 0.8, 0.95)[checked])
