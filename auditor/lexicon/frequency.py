"""Word frequency (Zipf scale) from wordfreq, loaded fast.

Importing wordfreq (it pulls in ftfy and langcodes) and reading its English table costs
about 0.3 s per process, a fifth of a one-file check. For plain lowercase ASCII words, which
is what the detectors ask about, the Zipf value is a lookup in wordfreq's own frequency
table, kept in the on-disk cache (`auditor.util.cache`, keyed by the wordfreq version) as
{word: zipf}. Anything else goes to `wordfreq.zipf_frequency` itself. Both give the same
numbers (checked in tests/test_frequency.py).
"""
from __future__ import annotations

import math
from functools import lru_cache
from importlib.metadata import version

from ..util.cache import cached_lookup


def _build() -> dict[str, float]:
    from wordfreq import get_frequency_dict
    return {w: round(math.log10(f) + 9, 2) for w, f in get_frequency_dict("en", "best").items()
            if f > 0 and w.isascii() and w.isalpha() and w.islower()}


@lru_cache(maxsize=1)
def _table():
    return cached_lookup("wordfreq-en", [version("wordfreq")], _build)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """The same value as wordfreq's `zipf_frequency(word, "en")`."""
    if word.isascii() and word.isalpha() and word.islower():
        return _table().get(word, 0.0)
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")
