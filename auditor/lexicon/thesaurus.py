"""The synonym relation read backwards: which originals a spinner could have replaced with
the word in the text (built by `scripts/build_thesaurus.py` from WordNet 3.0, the Moby
Thesaurus II and `rules/inventory/thesaurus.txt`; a memory-mapped marisa trie).

`originals("storehouse")` -> {"repository": "m", ...}: the letters name the sources that
list the pair (`w` WordNet, `m` Moby, `c` curated spinner thesaurus); `original_ids` gives
the same as arrays of word ids and flag bits, which is what the context tier uses.
"""
from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .langmodel import model_path

SOURCE_NAMES = {"w": "WordNet", "m": "Moby", "c": "curated spinner thesaurus"}
FLAG_BITS = {"w": 1, "m": 2, "c": 4}
# One original in a trie value: its word id in the context model and its sources as bits.
RECORD = [("id", "<u4"), ("flags", "u1")]

if TYPE_CHECKING:
    import numpy


# Words whose originals are kept per process. Each holds arrays of up to a few hundred
# originals; 50,000 of them took 50 MB on a 10 MB file of varied prose (issue 9's 500 MB
# bound) and 10,000 audit the speed corpus as fast (9.2-9.8 s of CPU either way).
CACHED_WORDS = 10_000


@cache
def _trie():
    import marisa_trie

    trie = marisa_trie.BytesTrie()
    trie.mmap(str(model_path() / "originals.marisa"))
    return trie


@lru_cache(maxsize=CACHED_WORDS)
def original_ids(written: str) -> tuple["numpy.ndarray", "numpy.ndarray"]:
    """(word ids, source flag bits) of the originals of a lowercase word or two-word phrase
    as written; an inflected word has its originals in the same inflection ("hubs" ->
    "nodes", ...). Ids are the context model's (`auditor.lexicon.langmodel.vocab`)."""
    import numpy

    # no entry holds a NUL, and marisa's BytesTrie answers such a key with another key's
    # bytes (or a truncated record): a NUL in a document must not reach it
    values = _trie().get(written) if "\x00" not in written else None
    if not values:
        return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.uint8)
    records = numpy.frombuffer(values[0], dtype=RECORD)
    return records["id"].astype(numpy.int64), records["flags"]


@lru_cache(maxsize=CACHED_WORDS)
def common_original_ids(written: str, limit: int) -> tuple["numpy.ndarray", "numpy.ndarray", int]:
    """`original_ids`, only the `limit` originals most frequent in the reference corpus
    (writers' words, and the ones a spinner's dictionary lists), and how many there were."""
    import numpy

    from .langmodel import lookup

    ids, flags = original_ids(written)
    if len(ids) <= limit:
        return ids, flags, len(ids)
    top = numpy.sort(numpy.argsort(-lookup(1, ids), kind="stable")[:limit])
    return ids[top], flags[top], len(ids)


def originals(written: str) -> dict[str, str]:
    """original -> source letters (`w`, `m`, `c`), for a lowercase word or phrase as written."""
    from .langmodel import vocab

    ids, flags = original_ids(written)
    restore = vocab().restore_key
    return {restore(i): flag_letters(f) for i, f in zip(ids.tolist(), flags.tolist())}


def flag_letters(bits: int) -> str:
    return "".join(letter for letter, bit in FLAG_BITS.items() if bits & bit)


@cache
def _terms():
    import numpy

    return numpy.asarray(numpy.load(model_path() / "terms.npy", mmap_mode="r"))


def are_terms(keys: "numpy.ndarray") -> "numpy.ndarray":
    """For packed bigram keys (`auditor.lexicon.langmodel.keys`), whether each is a two-word term of
    the reference corpus: a frequent, strongly associated pair of content words (see
    scripts/build_context_model.py)."""
    import numpy

    terms = _terms()
    at = numpy.minimum(numpy.searchsorted(terms, keys), len(terms) - 1)
    return terms[at] == keys


@cache
def term_words() -> tuple["numpy.ndarray", "numpy.ndarray"]:
    """Boolean arrays over word ids: which words begin a term, which end one."""
    import numpy

    from .langmodel import id_bits, vocab

    terms = _terms()
    starts = numpy.zeros(len(vocab()), dtype=bool)
    ends = numpy.zeros(len(vocab()), dtype=bool)
    starts[terms >> id_bits()] = True
    ends[terms & ((1 << id_bits()) - 1)] = True
    return starts, ends
