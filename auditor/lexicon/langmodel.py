"""The shipped model of edited English: word n-gram counts (1- to 3-grams) from the
reference corpus, built by `scripts/build_context_model.py` and read here.

What the counts are over: the lowercase text of spaCy English tokens, with every token that
holds a digit written `<num>`; a token that is not a word (punctuation, symbols, URLs) ends
the n-gram, so no count spans one. `normalize` spells a token exactly as the build counted it.

Storage (`scripts/build_context_model.py`, format 2): the vocabulary is a marisa trie whose
key ids are word ids; unigram counts are an array indexed by word id; each 2- and 3-gram is
one int64 key (the word ids packed `id_bits` apart) in a sorted array beside its counts, so a
whole document's n-grams are looked up at once with `numpy.searchsorted`. Every file is
memory-mapped: loading costs a few milliseconds and a run reads only the pages it touches.
`followers` arrays hold, per 1- and 2-gram, how many distinct words follow it (before
pruning), for Witten-Bell smoothing. The model's licence and the attribution of every source
are in `auditor/data/context/LICENSE.md`.
"""
from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

MODEL_PACKAGE = "auditor.data"
MODEL_DIR = "context"
ORDERS = (1, 2, 3)
NUM = "<num>"
_WORD = re.compile(r"^(?:[a-z]+(?:['\-.][a-z]+)*|'[a-z]+|n't)$")

if TYPE_CHECKING:
    import numpy


def normalize(token_text: str) -> str | None:
    """The model's spelling of one token, or None when the token is not a word."""
    low = token_text.lower().replace("’", "'")
    if any(c.isdigit() for c in low):
        return NUM
    return low if _WORD.match(low) else None


@cache
def model_path() -> Path:  # cached: importlib.resources took ~0.35 ms a call, one per document
    return Path(str(resources.files(MODEL_PACKAGE) / MODEL_DIR))


def available() -> bool:
    return (model_path() / "meta.json").is_file()


class ModelMissing(RuntimeError):
    pass


@cache
def meta() -> dict:
    try:
        return json.loads((model_path() / "meta.json").read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelMissing(f"the context model is not installed ({exc})") from None


@cache
def vocab():
    import marisa_trie

    trie = marisa_trie.Trie()
    trie.mmap(str(model_path() / "vocab.marisa"))
    return trie


@cache
def _arrays(n: int):
    """(keys or None for order 1, counts, followers or None) of order n, memory-mapped."""
    import numpy

    folder = model_path()

    def load(name):
        path = folder / f"{n}grams.{name}.npy"
        if not path.exists():
            return None
        # a plain ndarray view of the memory map: numpy.memmap's own indexing is slower
        return numpy.asarray(numpy.load(path, mmap_mode="r"))

    return load("keys"), load("counts"), load("followers")


@cache
def id_bits() -> int:
    return int(meta()["id_bits"])


def word_ids(words) -> "numpy.ndarray":
    """Word ids (int64) of the words; -1 for a word the model does not know."""
    import numpy

    get = vocab().get
    return numpy.fromiter(((-1 if (k := get(w)) is None else k) for w in words),
                          dtype=numpy.int64, count=len(words))


def keys(*columns) -> "numpy.ndarray":
    """Packed n-gram keys from columns of word ids; -1 where any id is -1."""
    import numpy

    bits = id_bits()
    out = numpy.zeros(len(columns[0]), dtype=numpy.int64)
    bad = numpy.zeros(len(columns[0]), dtype=bool)
    for col in columns:
        bad |= col < 0
        out = (out << bits) | numpy.where(col < 0, 0, col)
    out[bad] = -1
    return out


def lookup(n: int, ids_or_keys, followers: bool = False) -> "numpy.ndarray":
    """Counts (or follower counts) for word ids (n = 1) or packed keys (n = 2, 3), vectorized;
    0 for unknown ids and unseen n-grams."""
    return lookup_both(n, ids_or_keys)[1 if followers else 0]


def lookup_both(n: int, ids_or_keys) -> tuple["numpy.ndarray", "numpy.ndarray"]:
    """(counts, follower counts) of the same queries from one search: Witten-Bell smoothing
    needs both for every history. Follower counts are 0 where the order has none (3-grams)."""
    import numpy

    _, counts, follow = _arrays(n)
    at = _positions(n, numpy.asarray(ids_or_keys, dtype=numpy.int64))
    hit = at >= 0
    out = []
    for values in (counts, follow):
        found = numpy.zeros(len(at), dtype=numpy.int64)
        if values is not None:
            found[hit] = values[at[hit]]
        out.append(found)
    return out[0], out[1]


def _positions(n: int, q: "numpy.ndarray") -> "numpy.ndarray":
    """Where each query is in order n's arrays; -1 for unknown ids and unseen n-grams."""
    import numpy

    table_keys, counts, _ = _arrays(n)
    if n == 1:
        return numpy.where((q >= 0) & (q < len(counts)), q, -1)
    out = numpy.full(len(q), -1, dtype=numpy.int64)
    ok = numpy.flatnonzero(q >= 0)
    wanted = q[ok]
    if len(wanted) > 512:
        # sorted queries walk the table in order (numpy reuses the last bound), which keeps
        # memory access local: about 2 times faster for many queries
        order = numpy.argsort(wanted, kind="stable")
        ok, wanted = ok[order], wanted[order]
    at = numpy.minimum(numpy.searchsorted(table_keys, wanted), len(table_keys) - 1)
    hit = table_keys[at] == wanted
    out[ok[hit]] = at[hit]
    return out


@lru_cache(maxsize=200_000)
def count(ngram: str) -> int:
    """How often the n-gram (words joined by single spaces, as `normalize` spells them)
    occurs in the reference corpus; 0 when unseen or pruned (`meta()["min_count"]`)."""
    return int(counts([ngram])[0])


def counts(ngrams: list[str]) -> "numpy.ndarray":
    """`count` of many n-grams at once: one search per order."""
    import numpy

    out = numpy.zeros(len(ngrams), dtype=numpy.int64)
    split = [g.split(" ") for g in ngrams]
    for n in ORDERS:
        at = [i for i, words in enumerate(split) if len(words) == n]
        if not at:
            continue
        ids = word_ids([w for i in at for w in split[i]]).reshape(len(at), n)
        query = ids[:, 0] if n == 1 else keys(*[ids[:, j] for j in range(n)])
        out[at] = lookup(n, query)
    return out


def total() -> int:
    """Word tokens counted (the denominator of unigram probabilities)."""
    return int(meta()["tokens"])
