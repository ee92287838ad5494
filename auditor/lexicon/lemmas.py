"""English lemma lookup (spaCy's `en_lemma_lookup` table from spacy-lookups-data, shipped
as package data) and its inverse, used to expand lemma patterns to every inflected form."""
from __future__ import annotations

import gzip
import json
import sys
from functools import lru_cache
from importlib import resources

from ..util.cache import cached, cached_lookup, data_key

TABLE = "en_lemma_lookup.json.gz"


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """form -> lemma, both lowercase (from the on-disk cache: 3x faster than the JSON)."""
    return cached("lemmas", [data_key(TABLE)], _read_table)


def _read_table() -> dict[str, str]:
    raw = json.loads(gzip.decompress((resources.files("auditor.data") / TABLE).read_bytes()))
    # Lookups are case-sensitive; we always look up the lowercased form (368 of the 41,582
    # keys have capitals and are dropped; their values are lowercased). Equal lemmas share
    # one string object, so the cached pickle stores each once.
    return {k: sys.intern(v.lower()) for k, v in raw.items() if k.islower()}


def lemma(lower: str) -> str:
    return table().get(lower, lower)


@lru_cache(maxsize=1)
def _inverse():
    """lemma -> the forms the table lists for it, space-separated. A table queried in the
    on-disk cache (`auditor.util.cache.cached_lookup`): a run asks about a few lemmas, and building
    or unpickling the whole inverse costs about 0.02 s."""
    return cached_lookup("lemmas-inverse", [data_key(TABLE)], _build_inverse)


def _build_inverse() -> dict[str, str]:
    inv: dict[str, list[str]] = {}
    for form, lem in table().items():
        if lem in inv:
            inv[lem].append(form)
        else:
            inv[lem] = [form]
    return {lem: " ".join(forms) for lem, forms in inv.items()}


def listed_forms(lem: str) -> list[str]:
    """The forms the table maps to the lemma `lem` (lowercase), in table order."""
    forms = _inverse().get(lem)
    return forms.split(" ") if forms else []


@lru_cache(maxsize=1)
def _lemma_set() -> frozenset[str]:
    return frozenset(table().values())


def is_listed(word: str) -> bool:
    """Whether the table lists `word` (lowercase) as a form or as a lemma."""
    return word in table() or word in _lemma_set()


def regular_forms(word: str) -> set[str]:
    """Regular English inflections, for lemmas the table does not list."""
    if " " in word or not word.isalpha():
        return set()
    out = {word + "s", word + "ed", word + "ing"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        out |= {word + "d", word[:-1] + "ing"}
    return out


@lru_cache(maxsize=None)
def forms(lem: str) -> frozenset[str]:
    """Every form whose lemma is `lem`, the lemma itself included."""
    lem = lem.lower()
    known = listed_forms(lem)
    if known:
        return frozenset(known).union((lem,))
    return frozenset({lem} | {f for f in regular_forms(lem) if lemma(f) in (f, lem)})
