"""English lemma lookup (spaCy's `en_lemma_lookup` table from spacy-lookups-data, shipped
as package data) and its inverse, used to expand lemma patterns to every inflected form."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    data = (resources.files("auditor.data") / "en_lemma_lookup.json.gz").read_bytes()
    raw = json.loads(gzip.decompress(data))
    # Lookups are case-sensitive; we always look up the lowercased form (368 of the 41,582
    # keys have capitals and are dropped; their values are lowercased).
    return {k: v.lower() for k, v in raw.items() if k.islower()}


def lemma(lower: str) -> str:
    return table().get(lower, lower)


@lru_cache(maxsize=1)
def _inverse() -> dict[str, list[str]]:
    inv: dict[str, list[str]] = {}
    for form, lem in table().items():
        if lem in inv:
            inv[lem].append(form)
        else:
            inv[lem] = [form]
    return inv


def _regular_forms(word: str) -> set[str]:
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
    known = _inverse().get(lem)
    if known:
        return frozenset(known).union((lem,))
    return frozenset({lem} | {f for f in _regular_forms(lem) if lemma(f) in (f, lem)})
