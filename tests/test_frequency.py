"""auditor.lexicon.frequency gives exactly wordfreq's Zipf values."""
from __future__ import annotations

import random

import wordfreq

from auditor.lexicon import frequency


def test_same_values_as_wordfreq():
    table = wordfreq.get_frequency_dict("en", "best")
    words = random.Random(7).sample(sorted(table), 5000)
    words += ["searchings", "zzzqx", "Neighborhood", "well-being", "café", "don't", "3d"]
    assert [frequency.zipf(w) for w in words] == [wordfreq.zipf_frequency(w, "en") for w in words]
