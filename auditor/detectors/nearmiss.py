"""Tier 1, expression near-misses: a phrase that is a known fixed expression with one word
(or, for two-word terms, both words) replaced by synonyms, while the phrase itself is not a
known expression: "sense of neighborhood" (community), "counterfeit consciousness"
(artificial intelligence), "irregular woodland" (random forest).

Evidence required for a finding, all of it:
- the original expression is in the inventory (WordNet 3.0 multiword entries or the curated
  lists in `rules/inventory/`), and the phrase in the text is not;
- the replaced word and the original word are synonyms (`auditor.lexicon.inventory`);
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

import numpy

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..core.findings import Finding, Severity
from ..core.registry import code_rule
from .base import add_findings, lowers, overlaps, taken_chars, text_of
from .consistency import STOP

RULES = {"curated": code_rule("nearmiss.curated-expression"),
         "wordnet": code_rule("nearmiss.wordnet-expression")}
MAX_LEN = 4
# How much rarer (wordfreq zipf) the word in the text must be than the word it replaced,
# by where the synonym pair comes from: the curated spinner thesaurus, or WordNet.
MIN_ZIPF_GAP = {"thesaurus": 0.5, "wordnet": 1.0}
INDEXED_SOURCES = ("curated", "wordnet")  # not "wordnet-phrase": verb/adverb entries


@lru_cache(maxsize=None)
def _zipf(word: str) -> float:
    from ..lexicon.frequency import zipf
    return zipf(word)


@lru_cache(maxsize=1)
def _index():
    """(expression with one slot masked) -> {original word at that slot: expression}.
    Cached on disk (see auditor.util.cache) with the expression table as key."""
    from ..lexicon import inventory
    from ..util.cache import cached, data_key

    return cached("nearmiss-index", [data_key(inventory.EXPRESSIONS_TABLE),
                                     repr(INDEXED_SOURCES), str(MAX_LEN)], _build_index)


def _build_index() -> dict[str, str]:
    """Plain strings load fast from the cache: "sense of *" -> "community ...", the words
    that fill the masked slot in known expressions."""
    from ..lexicon import inventory

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
        from ..lexicon import inventory

        index, vocab = _index()
        known = inventory.expression_table()
        has_synonyms = inventory.words_with_synonyms()
        taken = taken_chars(doc)
        items, used = [], set()
        lw = lowers(doc)
        strings = doc.vocab.strings
        lemma_of = [strings[h] for h in doc.to_array("LEMMA").tolist()]
        outside = [w not in vocab for w in lw]
        # Only a content word that has synonyms can be a swap: test that once per token.
        swappable = [w not in STOP and (w in has_synonyms or lem.lower() in has_synonyms)
                     for w, lem in zip(lw, lemma_of)]
        other = [not w.isalpha() for w in lw]
        run_ids = _run_ids(doc)
        # Longer windows first (a token is reported once); runs share no token, so taking
        # every run's windows of one length together keeps each run's order.
        for n in range(MAX_LEN, 1, -1):
            for i in _windows(n, run_ids, outside, swappable, other):
                # Every word but the swapped one must occur in some known expression, and the
                # swapped one must have synonyms.
                slots = [j for j in range(n) if outside[i + j]]
                if slots and not swappable[i + slots[0]]:
                    continue
                slots = slots or [j for j in range(n) if swappable[i + j]]
                window, is_known = tuple(lw[i:i + n]), None
                for j in slots:
                    if i + j in used:
                        continue
                    candidates = index.get(" ".join(window[:j] + ("*",) + window[j + 1:]))
                    if not candidates:
                        continue
                    if is_known is None:  # looked up only now: most windows stop above
                        is_known = " ".join(window) in known
                    if is_known:  # the phrase itself is a known expression
                        break
                    hit = self._slot(window, j, doc[i + j], candidates)
                    if hit is None:
                        continue
                    token = doc[i + j]
                    if overlaps(token, taken):
                        continue
                    used.add(token.i)
                    items.append((doc[token.i:token.i + 1], _finding(token, *hit)))
        add_findings(doc, items)
        return doc

    @staticmethod
    def _slot(window, j, token, candidates: str):
        """The (original, expression, source, pair) a swap at window[j] would come from."""
        word = window[j]
        if word in STOP or (token.is_title and not token.is_sent_start) or token.is_upper:
            return None
        from ..lexicon import inventory

        lemma = token.lemma_.lower() or word
        spun_from = inventory.spinner_originals(word) | inventory.spinner_originals(lemma)
        related = inventory.synonyms(word) | inventory.synonyms(lemma)
        for original in candidates.split(" "):
            if original in (word, lemma) or original not in related:
                continue
            pair = "thesaurus" if original in spun_from else "wordnet"
            if _zipf(word) > _zipf(original) - MIN_ZIPF_GAP[pair]:
                continue
            expr = window[:j] + (original,) + window[j + 1:]
            return original, expr, inventory.expression_source(expr), pair
        return None


def _windows(n: int, run_ids, outside, swappable, other) -> list[int]:
    """Start indices of the n-token windows worth a look: inside one run, all words, at most
    one word outside every known expression, and at least one word with synonyms."""
    if len(run_ids) < n:
        return []

    def sums(flags):  # number of flagged tokens in each window
        total = numpy.concatenate(([0], numpy.cumsum(numpy.asarray(flags, dtype=numpy.int32))))
        return total[n:] - total[:-n]

    starts, ends = run_ids[:len(run_ids) - n + 1], run_ids[n - 1:]
    keep = ((starts >= 0) & (starts == ends) & (sums(other) == 0) & (sums(outside) <= 1)
            & (sums(swappable) > 0))
    return numpy.flatnonzero(keep).tolist()


def _run_ids(doc: Doc):
    """Per token, the number of the run (see `_runs`) it belongs to, or -1."""
    ids = numpy.full(len(doc), -1, dtype=numpy.int64)
    for number, (a, b) in enumerate(_runs(doc)):
        ids[a:b] = number
    return ids


def _runs(doc: Doc):
    """(start, end) token ranges within one sentence, broken at line breaks and masked
    regions (spaCy makes whitespace tokens of those), so a phrase never spans them."""
    n = len(doc)
    if not n:
        return
    cols = doc.to_array([IS_SPACE, SENT_START, IDX, LENGTH])
    space, sent_start = cols[:, 0].astype(bool), cols[:, 1] == 1
    ends = (cols[:, 2] + cols[:, 3]).tolist()
    text = text_of(doc)
    starts = cols[:, 2].tolist() + [len(text)]
    # a run ends before a space token or a sentence start, and after a token followed by a
    # line break
    newline_after = [("\n" in text[ends[i]:starts[i + 1]]) if ends[i] < starts[i + 1] else False
                     for i in range(n)]
    start = None
    for i in range(n):
        if start is not None and (sent_start[i] or space[i]):
            yield start, i
            start = None
        if space[i]:
            continue
        if start is None:
            start = i
        if newline_after[i]:
            yield start, i + 1
            start = None
    if start is not None:
        yield start, n


def _finding(token, original: str, expr: tuple, source: str, pair: str) -> Finding:
    """A curated expression with a known spinner swap is an error; anything resting on
    WordNet alone (its compounds or its synonym sets) is a suggestion, hidden by default:
    on clean prose WordNet's synonyms produce ordinary alternatives ("data focuses" for
    "data center", "treatment plan" for "care plan") far too often to be shown."""
    phrase = " ".join(expr)
    checked = 2 if (source == "curated" and pair == "thesaurus") else 0
    severity = (Severity.SUGGESTION, Severity.WARNING, Severity.ERROR)[checked]
    rule = RULES["curated" if source == "curated" else "wordnet"]
    return Finding(
        rule_id=rule.id, kind=rule.kind, severity=severity,
        start=token.idx, end=token.idx + len(token), text=token.text,
        message=f"'{original}' → '{token.text}' in the fixed expression '{phrase}'",
        suggestion=original,
        evidence=f"'{phrase}' is a known expression ({source}); '{token.lower_}' is a "
                 f"{'spinner-thesaurus' if pair == 'thesaurus' else 'WordNet'} synonym of "
                 f"'{original}' (wordfreq zipf {_zipf(token.lower_):.1f} vs {_zipf(original):.1f})",
        confidence=(0.6, 0.8, 0.95)[checked])
