"""A token-pattern matcher indexed by first token (or first two, or the second).

spaCy's Matcher evaluates `{"LOWER": {"IN": [...]}}` predicates in Python for every token
and every pattern, which made the lexicon run at about 7,000 words per second. Rule
patterns almost always start with a fixed word, so this matcher looks patterns up by the
first token's lowercase text and only tries those, with a small backtracking matcher for
optional tokens. It accepts the same token dicts that `auditor.lexicon.patterns` produces (a subset
of spaCy's pattern language: LOWER equal / IN / NOT_IN, LIKE_NUM, IS_PUNCT, IS_TITLE,
IS_UPPER, `{}` and OP "?"), and returns the same (key, start, end, alignment) tuples as
`Matcher(doc, with_alignments=True)`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

SHAPE_ATTRS = {"LIKE_NUM": "like_num", "IS_PUNCT": "is_punct", "IS_TITLE": "is_title",
               "IS_UPPER": "is_upper"}


@dataclass(frozen=True)
class _Spec:
    words: frozenset | None = None  # allowed lowercase forms; None = any
    exclude: frozenset = frozenset()
    shape: str | None = None
    optional: bool = False

    def accepts(self, lower: str, token) -> bool:
        if self.words is not None and lower not in self.words:
            return False
        if lower in self.exclude:
            return False
        return self.shape is None or bool(getattr(token, self.shape))


def _spec(token: dict) -> _Spec:
    optional = token.get("OP") == "?"
    if token.get("OP") not in (None, "?"):
        raise ValueError(f"unsupported operator {token['OP']!r}")
    lower = token.get("LOWER")
    shape = next((SHAPE_ATTRS[k] for k in token if k in SHAPE_ATTRS), None)
    if isinstance(lower, str):
        return _Spec(words=frozenset([lower]), optional=optional)
    if isinstance(lower, dict) and "IN" in lower:
        return _Spec(words=frozenset(lower["IN"]), optional=optional)
    if isinstance(lower, dict) and "NOT_IN" in lower:
        return _Spec(exclude=frozenset(lower["NOT_IN"]), optional=optional)
    return _Spec(shape=shape, optional=optional)


class TokenMatcher:
    def __init__(self) -> None:
        self._by_first: dict[str, list] = defaultdict(list)
        # patterns whose first two tokens are fixed words, by both words
        self._by_pair: dict[tuple[str, str], list] = defaultdict(list)
        # patterns whose first token is a shape ("#punct") and whose second is fixed words
        self._by_second: dict[str, list] = defaultdict(list)
        self._anywhere: list = []

    def add(self, key: str, tokens) -> None:
        specs = tuple(_spec(t) for t in tokens)
        entry = (key, specs)
        first = specs[0]
        second = specs[1] if len(specs) > 1 else None
        if first.words is None and not first.optional and second is not None \
                and not second.optional and second.words is not None:
            for nxt in second.words:
                self._by_second[nxt].append(entry)
            return
        if first.optional or first.words is None:
            self._anywhere.append(entry)
            return
        if second is not None and not second.optional and second.words is not None \
                and len(first.words) * len(second.words) <= 400:
            for word in first.words:
                for nxt in second.words:
                    self._by_pair[(word, nxt)].append(entry)
            return
        for word in first.words:
            self._by_first[word].append(entry)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int, list[int]]]:
        from ..detectors.base import lowers as doc_lowers
        lowers = doc_lowers(doc)
        out = []
        last = len(lowers) - 1
        for start, lower in enumerate(lowers):
            if lower.isspace():
                continue
            pair = second = None
            if start < last:
                pair = self._by_pair.get((lower, lowers[start + 1]))
                second = self._by_second.get(lowers[start + 1])
            for entries in (pair or (), self._by_first.get(lower, ()), second or (),
                            self._anywhere):
                for key, specs in entries:
                    if not _second_ok(specs, doc, lowers, start):
                        continue
                    for end, alignment in _match(specs, 0, doc, lowers, start, []):
                        if end > start:
                            out.append((key, start, end, alignment))
        return out


def _second_ok(specs, doc, lowers, start) -> bool:
    """Cheap filter before backtracking: most candidates fail on their second token."""
    if len(specs) < 2 or specs[0].optional or specs[1].optional:
        return True
    pos = start + 1
    if pos >= len(lowers) or lowers[pos].isspace():
        return False
    spec = specs[1]
    return spec.accepts(lowers[pos], doc[pos] if spec.shape else None)


def _match(specs, i, doc, lowers, pos, alignment):
    """Yield (end, alignment) for every way specs[i:] matches doc from `pos`."""
    if i == len(specs):
        yield pos, list(alignment)
        return
    spec = specs[i]
    if pos < len(lowers) and not lowers[pos].isspace() and spec.accepts(lowers[pos], doc[pos] if spec.shape else None):
        alignment.append(i)
        yield from _match(specs, i + 1, doc, lowers, pos + 1, alignment)
        alignment.pop()
    if spec.optional:
        yield from _match(specs, i + 1, doc, lowers, pos, alignment)
