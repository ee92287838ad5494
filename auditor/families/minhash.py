"""Find families of spun copies: documents rewritten from one source article.

Each document becomes a MinHash signature over its lowercased word shingles; MinHashLSH
(datasketch) proposes candidate pairs, which are kept when their estimated Jaccard
similarity reaches the threshold, and union-find joins kept pairs into families. The cost
is one signature per document plus one LSH query per document: well below quadratic.

Why 2-word shingles and a threshold of 0.2: spinners replace about a quarter of the words,
which breaks most longer shingles. Measured on the three spun copies of one article in
`../shared/seeds` (and the reconstructed original), the Jaccard similarity of 2-word
shingle sets between copies is 0.31-0.37, against 0.02 between a copy and an unrelated
text on a neighbouring topic; with 3-word shingles it is 0.19-0.25 against 0.002, with
single words 0.50-0.53 against 0.12-0.14 (single words overlap too much on topic alone).
Synthetic copies spun independently at 20-30% (benchmarks/spin_generator.py) sit lower,
around 0.2-0.35, hence the default threshold of 0.2.

Signatures can be computed anywhere (worker processes, while streaming files) with
`signature(text)` and clustered later with `cluster(signatures)`: only the signatures
(num_perm 64-bit values each, 1 KiB at the default 128) are kept, never the texts.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Iterable, Mapping

import numpy as np

DEFAULT_THRESHOLD = 0.2
DEFAULT_SHINGLE = 2
DEFAULT_NUM_PERM = 128
SEED = 1

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_word_hashes: dict[str, int] = {}
_WORD_CACHE_MAX = 2_000_000


def words(text: str) -> list[str]:
    """Lowercased word tokens (letters and digits, inner apostrophes kept)."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _word_hash(word: str) -> int:
    value = _word_hashes.get(word)
    if value is None:
        if len(_word_hashes) >= _WORD_CACHE_MAX:
            _word_hashes.clear()
        value = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(),
                               "little")
        _word_hashes[word] = value
    return value


def shingle_hashes(text: str, shingle: int = DEFAULT_SHINGLE) -> np.ndarray:
    """Distinct 32-bit hashes of the text's word `shingle`-grams (deterministic in every
    process: no use of Python's salted `hash`). A text shorter than one shingle gives one
    shingle of all its words; an empty text gives an empty array."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    w = np.fromiter((_word_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
    k = min(shingle, len(w))
    n = len(w) - k + 1
    with np.errstate(over="ignore"):
        h = w[:n].copy()
        for j in range(1, k):
            h = h * _MIX + w[j:j + n]
        # splitmix64 finaliser, then keep the high 32 bits (datasketch hashes are 32-bit)
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return np.unique(h >> np.uint64(32))


@lru_cache(maxsize=8)
@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters (MinHash._init_permutations), generated here so
    that workers can compute signatures without importing datasketch (which imports scipy:
    about 0.4 s per process). A test checks they equal `MinHash(...).permutations`."""
    gen = np.random.RandomState(SEED)
    perms = np.array([(gen.randint(1, _MERSENNE, dtype=np.uint64),
                       gen.randint(0, _MERSENNE, dtype=np.uint64)) for _ in range(num_perm)],
                     dtype=np.uint64).T
    return perms[0].reshape(1, -1), perms[1].reshape(1, -1)


def signature(text: str, num_perm: int = DEFAULT_NUM_PERM,
              shingle: int = DEFAULT_SHINGLE):
    """The MinHash of the text's word shingles, as a compact datasketch `LeanMinHash`
    (picklable; `.hashvalues` is the numpy array). Uses datasketch's permutation scheme, so
    it is interchangeable with any signature made by this function with the same settings."""
    from datasketch import LeanMinHash
    return LeanMinHash(seed=SEED, hashvalues=signature_values(text, num_perm, shingle))


def signature_values(text: str, num_perm: int = DEFAULT_NUM_PERM,
                     shingle: int = DEFAULT_SHINGLE) -> np.ndarray:
    """`signature(text).hashvalues`, without importing datasketch."""
    hv = shingle_hashes(text, shingle)
    values = np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        for start in range(0, len(hv), 4096):  # bounded temporary: 4096 x num_perm
            chunk = hv[start:start + 4096].reshape(-1, 1)
            phv = np.bitwise_and((chunk * a + b) % _MERSENNE, _MAX_HASH)
            values = np.minimum(values, phv.min(axis=0))
    return values


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent.get(x, x)
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent.setdefault(ra, ra)
            self.parent[rb] = ra


def cluster(signatures: Mapping[Hashable, MinHash | np.ndarray],
            threshold: float = DEFAULT_THRESHOLD, verify: bool = True) -> list[list]:
    """Group ids whose signatures (MinHash objects from `signature`, or their `hashvalues`
    arrays) are near duplicates: families of two or more ids, each sorted, largest family
    first. With `verify`, an LSH candidate pair counts only when its estimated Jaccard
    similarity is at least `threshold`. Empty signatures (texts without words) are never
    grouped."""
    from datasketch import LeanMinHash, MinHashLSH

    signatures = {k: LeanMinHash(seed=SEED, hashvalues=v) if isinstance(v, np.ndarray) else v
                  for k, v in signatures.items()}
    keys = [k for k, m in signatures.items() if not _is_empty(m)]
    if len(keys) < 2:
        return []
    num_perm = len(signatures[keys[0]].hashvalues)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    index = {key: i for i, key in enumerate(keys)}
    for key in keys:
        lsh.insert(index[key], signatures[key], check_duplication=False)
    uf = _UnionFind()
    for key in keys:
        sig = signatures[key]
        i = index[key]
        for j in lsh.query(sig):
            if j <= i or uf.find(i) == uf.find(j):
                continue
            if verify and similarity(sig, signatures[keys[j]]) < threshold:
                continue
            uf.union(i, j)
    groups: dict[int, list] = {}
    for i in uf.parent:
        groups.setdefault(uf.find(i), []).append(keys[i])
    families = [sorted(g, key=str) for g in groups.values() if len(g) >= 2]
    return sorted(families, key=lambda g: (-len(g), str(g[0])))


def _is_empty(m: MinHash) -> bool:
    return bool(np.all(m.hashvalues == _MAX_HASH))


def find_families(docs: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD,
                  num_perm: int = DEFAULT_NUM_PERM, shingle: int = DEFAULT_SHINGLE
                  ) -> list[list[str]]:
    """(doc id, text) pairs -> families (lists of two or more ids) of near-duplicate
    documents. Texts are not kept: each is reduced to its signature as it streams by."""
    signatures = {doc_id: signature(text, num_perm, shingle) for doc_id, text in docs}
    return cluster(signatures, threshold)


# ---------------------------------------------------------------- what the source said

from .alignment import Alternative, FamilyTemplate, Slot, build_template, norm  # noqa: E402,F401

# Score of an alternative (higher wins). A wording our detectors flag in its sentence always
# loses to one they do not flag; then known expressions with the neighbouring words, word
# frequency and, last, the number of members using it decide.
FLAG_PENALTY = 100.0
EXPRESSION_BONUS = 2.0
ZIPF_WEIGHT = 0.5
SHARE_WEIGHT = 1.0
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*\s+|\n")
_CONTEXT = 200  # characters of sentence kept either side of a slot


@lru_cache(maxsize=1)
def _expressions() -> dict[str, float]:
    """Known multiword expressions (the inventory, `auditor.lexicon.inventory`), lowercase, with
    their weight: 2 for hand-curated ones, 1 for WordNet's."""
    from ..lexicon import inventory
    return {" ".join(expr).replace(" - ", "-"):
            2.0 if inventory.expression_source(expr) == "curated" else 1.0
            for expr in inventory.expressions()}


def zipf(word: str) -> float:
    from ..lexicon.frequency import zipf as _zipf
    return _zipf(word)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around [start, end), cut to _CONTEXT characters each side."""
    lo = max(0, start - _CONTEXT)
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    s = cuts[-1] if cuts else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + _CONTEXT))
    e = m.start() + 1 if m else min(len(text), end + _CONTEXT)
    return s, max(e, end)


@dataclass
class Judgement:
    alternative: Alternative
    flagged: list  # swap findings on this wording in its sentence
    expressions: list[str]  # known expressions it forms with its neighbours
    zipf: float  # mean word frequency (Zipf scale) of its words
    score: float
    context: tuple[str, int, int]  # (sentence, start, end of the wording in it)

    def repairs(self) -> list[str]:
        """The wording with each flagged part replaced by the finding's suggestion, minus
        the words the suggestion shares with the context (`sense of community` after `a
        sense of` gives `community`)."""
        sentence, start, end = self.context
        text = sentence[start:end]
        out = []
        for f in self.flagged:
            if not (start <= f.start and f.end <= end) or not f.suggestion:
                continue
            new = _strip_context(f.suggestion.split(" / ")[0], sentence[:f.start], sentence[f.end:])
            if new and text[f.start - start:f.start - start + 1].isupper():
                new = new[0].upper() + new[1:]
            out.append(" ".join((text[:f.start - start] + new + text[f.end - start:]).split()))
        return [r for r in out if r and norm(r) != norm(text)]


def _strip_context(suggestion: str, before: str, after: str) -> str:
    sug, left, right = suggestion.split(), before.lower().split(), after.lower().split()
    for k in range(min(len(sug) - 1, len(left)), 0, -1):
        if [w.lower() for w in sug[:k]] == left[-k:]:
            sug = sug[k:]
            break
    for k in range(min(len(sug) - 1, len(right)), 0, -1):
        if [w.lower() for w in sug[-k:]] == right[:k]:
            sug = sug[:-k]
            break
    return " ".join(sug)


def _nlp(nlp):
    if nlp is None:
        from ..core import pipeline
        nlp = pipeline.build()
    return nlp


def _swaps(doc, start: int, end: int) -> list:
    from ..detectors.base import findings_from_doc
    return _swaps_in(findings_from_doc(doc), start, end)


def _swaps_in(findings: list, start: int, end: int) -> list:
    """The swap findings among a sentence's `findings` that overlap [start, end)."""
    from ..core.findings import KIND_SWAP
    if end <= start:
        return []
    return [f for f in findings if f.kind == KIND_SWAP and f.start < end and start < f.end]


def judge(template: FamilyTemplate, slots: list[Slot] | None = None, nlp=None
          ) -> dict[int, list[Judgement]]:
    """Score every alternative of every slot with two or more (see the weights above)."""
    from ..detectors.base import findings_from_doc
    nlp = _nlp(nlp)
    slots = [s for s in (slots if slots is not None else template.slots)
             if len(s.alternatives) > 1]
    jobs = []
    for slot in slots:
        for alt in slot.alternatives:
            member = alt.members[0]
            text = template.texts[member]
            start, end = slot.spans[member]
            s, e = sentence_bounds(text, start, end)
            jobs.append((slot, alt, (text[s:e], start - s, end - s)))
    # Only the swap detectors matter for one sentence; page and term-consistency signals
    # need a whole document.
    skip = [n for n in ("auditor_page", "auditor_consistency") if n in nlp.pipe_names]
    # A member's sentence holds several slots, and members share sentences: about half the
    # jobs repeat a sentence already parsed, so each distinct sentence goes through the
    # pipeline once (its findings, read-only here, serve every slot in it).
    sentences = list(dict.fromkeys(j[2][0] for j in jobs))
    parsed = {text: (_token_spans(doc), findings_from_doc(doc)) for text, doc in zip(
        sentences, nlp.pipe(sentences, disable=skip))}
    known = _expressions()
    total = len(template.members)
    out: dict[int, list[Judgement]] = {}
    for slot, alt, context in jobs:
        sentence, start, end = context
        tokens, found = parsed[sentence]
        exprs = _expressions_around(tokens, start, end, known) if alt.text else []
        ws = words(alt.text)
        mean_zipf = sum(map(zipf, ws)) / len(ws) if ws else None
        out.setdefault(slot.index, []).append(
            Judgement(alt, _swaps_in(found, start, end), exprs, mean_zipf, 0.0, context))
    for judgements in out.values():
        known_zipfs = [j.zipf for j in judgements if j.zipf is not None]
        neutral = sum(known_zipfs) / len(known_zipfs) if known_zipfs else 0.0
        for j in judgements:
            j.zipf = neutral if j.zipf is None else j.zipf
            j.score = (-FLAG_PENALTY * bool(j.flagged)
                       + EXPRESSION_BONUS * sum(known[e] for e in j.expressions)
                       + ZIPF_WEIGHT * j.zipf + SHARE_WEIGHT * j.alternative.count / total)
    return out


def _expressions_around(tokens: list[tuple[int, int, str]], start: int, end: int,
                        known: dict[str, float]) -> list[str]:
    """Known expressions of 2-4 tokens that include a token of [start, end) and a token
    outside it (the wording forms an expression with its neighbours). `tokens`: the
    sentence's (start, end, lowercase text) per token (`_token_spans`)."""
    inside = [k for k, (s, e, _) in enumerate(tokens) if s < end and start < e]
    if not inside:
        return []
    first, last = inside[0], inside[-1]  # the overlapping tokens are consecutive
    found = []
    for n in (2, 3, 4):
        for i in range(max(0, first - n + 1), min(len(tokens) - n, last) + 1):
            if first <= i and i + n - 1 <= last:  # every token inside
                continue
            phrase = " ".join(tokens[k][2] for k in range(i, i + n)).replace(" - ", "-")
            if phrase in known:
                found.append(phrase)
    return found


def _token_spans(doc) -> list[tuple[int, int, str]]:
    return [(t.idx, t.idx + len(t), t.lower_) for t in doc]


def choose_sources(template: FamilyTemplate, nlp=None, repair: bool = True
                   ) -> dict[int, Alternative]:
    """Pick the likely source wording of every slot; stored in `template.choices`. When
    every alternative is flagged and `repair`, the lexicon's suggestion for one of them
    (checked not to be flagged in its sentence) is proposed instead."""
    nlp = _nlp(nlp)
    judged = judge(template, nlp=nlp)
    slots = template.slots
    for index, judgements in judged.items():
        best = max(judgements, key=lambda j: (j.score, j.alternative.count,
                                              -len(j.alternative.text)))
        template.choices[index] = best.alternative
        if best.flagged and repair:
            template.choices[index] = _repair(judgements, nlp) or best.alternative
    for slot in slots:
        if slot.is_insertion:  # an inserted keyword was not in the source
            template.choices[slot.index] = next(a for a in slot.alternatives if not a.text)
    return template.choices


def _repair(judgements: list[Judgement], nlp) -> Alternative | None:
    candidates: dict[str, tuple] = {}
    for j in judgements:
        for text in j.repairs():
            votes = candidates.get(norm(text), (text, 0, j))[1]
            candidates[norm(text)] = (text, votes + j.alternative.count, j)
    ranked = sorted(candidates.values(), key=lambda c: (-c[1], c[0]))
    for text, _, j in ranked:
        sentence, start, end = j.context
        fixed = sentence[:start] + text + sentence[end:]
        if not _swaps(nlp(fixed), start, start + len(text)):
            return Alternative(text, j.alternative.ws, [])
    return None


def propose_source(template: FamilyTemplate, nlp=None) -> str:
    """The text of the likely source article: the skeleton with, in every slot, the most
    natural alternative (see `judge` and `choose_sources`)."""
    choose_sources(template, nlp)
    return template.render()
