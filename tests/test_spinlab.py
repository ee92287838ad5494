"""The spin lab's spinner (benchmarks/spinlab_spinner.py) on a tiny text and a tiny thesaurus:
gold offsets point into the spun text and undo it exactly, the replacement rate is kept,
the same seed gives the same copy, and what must not be touched (quotes, URLs, names, stop
words) is not. Needs neither ../shared, nor WordNet or Moby, nor the context model."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import spinlab_spinner as sp  # noqa: E402
from spinlab_score import restores  # noqa: E402
from spinlab_text import cut_passages, looks_like_prose  # noqa: E402

SENSES = {
    "study": [("n", "survey"), ("n", "report"), ("v", "examine")],
    "result": [("n", "outcome"), ("n", "effect")],
    "test": [("v", "trial"), ("n", "trial"), ("v", "try out")],
    "patient": [("n", "case"), ("a", "tolerant")],
    "doctor": [("n", "physician"), ("n", "medic")],
    "hospital": [("n", "infirmary"), ("n", "clinic")],
    "treatment": [("n", "therapy"), ("n", "care")],
    "new": [("a", "novel"), ("a", "fresh")],
    "blood": [("n", "gore"), ("n", "lineage")],
    "pressure": [("n", "force"), ("n", "press")],
    "simple": [("a", "plain"), ("a", "basic")],
    "quickly": [("r", "rapidly"), ("r", "speedily")],
    "improve": [("v", "better"), ("v", "ameliorate")],
    "early": [("a", "former"), ("r", "betimes")],
    "week": [("n", "hebdomad")],
    "small": [("a", "little"), ("a", "minor")],
    "group": [("n", "grouping"), ("n", "set")],
    "find": [("v", "discover"), ("v", "detect")],
    "clear": [("a", "open"), ("a", "unclouded")],
    "london": [("n", "London")],
    "paris": [("n", "Paris")],
}
POS = {"study": "nv", "result": "nv", "test": "nv", "patient": "na", "doctor": "nv",
       "hospital": "n", "treatment": "n", "new": "a", "blood": "n", "pressure": "nv",
       "simple": "a", "quickly": "r", "improve": "v", "early": "ar", "week": "n",
       "small": "a", "group": "nv", "find": "nv", "clear": "av", "survey": "nv", "trial": "n",
       "examine": "v", "outcome": "n", "effect": "nv", "physician": "n", "therapy": "n",
       "report": "nv", "better": "av", "discover": "v", "detect": "v", "try": "v"}
TEXT = """Doctors in the new study tested a simple treatment for high blood pressure. The \
results were clear: patients improved quickly, and the small group of doctors found that \
blood pressure fell within a week. "The study results were clear," said Dr London, who led \
the hospital group in Paris.

Early results from the hospital study suggest the treatment helps patients because it is \
simple. Doctors want a new study soon. See https://example.org/study-results for the \
results. Patients in the study group tested the new treatment each week, and doctors \
tested blood samples in the hospital every week."""


def thesaurus() -> sp.Thesaurus:
    return sp.Thesaurus("tiny", SENSES, POS)


def undo(spun: sp.Spun) -> str:
    text = spun.text
    for g in sorted(spun.gold, key=lambda g: g["start"], reverse=True):
        text = text[:g["start"]] + g["original"] + text[g["end"]:]
    return text


@pytest.mark.parametrize("rate", [0.05, 0.1, 0.2, 0.25])
def test_gold_offsets_point_into_the_spun_text_and_undo_it(rate):
    spun = sp.spin(TEXT, thesaurus(), rate, random.Random(7))
    assert spun.gold
    for g in spun.gold:
        assert spun.text[g["start"]:g["end"]] == g["replacement"]
        assert g["replacement"].lower() != g["original"].lower()
        assert g["type"] in ("word", "phrase-entry", "paraphrase", "term")
    assert undo(spun) == TEXT
    starts = [g["start"] for g in spun.gold]
    assert starts == sorted(starts)
    assert all(a["end"] <= b["start"] for a, b in zip(spun.gold, spun.gold[1:]))


@pytest.mark.parametrize("rate", [0.05, 0.1, 0.2])
def test_rate_is_respected(rate):
    spun = sp.spin(TEXT, thesaurus(), rate, random.Random(3))
    assert spun.words == len(TEXT.split())
    assert abs(spun.replaced - round(rate * spun.words)) <= 1
    assert spun.replaced == sum(len(g["original"].split()) for g in spun.gold)


def test_the_same_seed_gives_the_same_copy():
    a = sp.spin(TEXT, thesaurus(), 0.2, random.Random("seed/doc/0.2"))
    b = sp.spin(TEXT, thesaurus(), 0.2, random.Random("seed/doc/0.2"))
    c = sp.spin(TEXT, thesaurus(), 0.2, random.Random("other/doc/0.2"))
    assert (a.text, a.gold) == (b.text, b.gold)
    assert a.text != c.text


def test_quotes_urls_names_and_stop_words_are_left_alone():
    quote = TEXT.index('"The study')
    quote_end = TEXT.index('said Dr')
    url = TEXT.index("https://")
    url_end = TEXT.index(" for the", url)
    for seed in range(20):
        spun = sp.spin(TEXT, thesaurus(), 0.25, random.Random(seed))
        for g in spun.gold:
            assert g["original"] not in ("London", "Paris")
            assert g["original"].lower() not in sp.STOP or g["type"] == "paraphrase"
        # swaps are in increasing order: map each back to its original offset
        shift = 0
        for g in spun.gold:
            start = g["start"] - shift
            end = start + len(g["original"])
            shift += len(g["replacement"]) - len(g["original"])
            assert not (quote <= start < quote_end), g
            assert not (url <= start < url_end), g
            assert TEXT[start:end] == g["original"]


def test_inflection_and_capitals_are_kept():
    seen = {}
    for seed in range(30):
        for g in sp.spin(TEXT, thesaurus(), 0.25, random.Random(seed)).gold:
            seen.setdefault(g["original"], set()).add(g["replacement"])
    assert seen["results"] <= {"outcomes", "effects"}           # plural noun: noun senses
    assert seen["tested"] <= {"tried out", "trialed"}           # -ed: verb senses, inflected
    assert seen["improved"] == {"ameliorated"}
    assert seen["Doctors"] <= {"Physicians", "Medics"}          # capital kept
    assert seen["Patients"] == {"Cases"}                        # not the adjective "tolerant"


def test_every_swap_type_occurs():
    types = set()
    for seed in range(30):
        spun = sp.spin(TEXT, thesaurus(), 0.2, random.Random(seed),
                       paraphrase_share=0.3, term_share=0.3)
        types |= {g["type"] for g in spun.gold}
    assert types == {"word", "phrase-entry", "paraphrase", "term"}


def test_inflect_rules():
    assert sp.inflect("survey", sp.S) == "surveys"
    assert sp.inflect("box", sp.S) == "boxes"
    assert sp.inflect("examine", sp.ED) == "examined"
    assert sp.inflect("stop", sp.ING) == "stopping"
    assert sp.inflect_entry("try out", sp.ED, noun_like=False) == "tried out"
    assert sp.inflect_entry("blood test", sp.S, noun_like=True) == "blood tests"


def test_restores_accepts_a_suggestion_that_puts_the_original_back():
    text = "a gore force test"
    gold = {"start": 2, "end": 12, "original": "blood pressure"}
    assert restores(text, {"start": 2, "end": 12, "replacements": ["blood pressure"]}, gold)
    assert restores(text, {"start": 7, "end": 12, "replacements": ["x", "Pressure"]},
                    {"start": 7, "end": 12, "original": "pressure"})
    assert not restores(text, {"start": 2, "end": 6, "replacements": ["blood"]}, gold)
    assert not restores(text, {"start": 2, "end": 12, "replacements": ["blood force"]}, gold)


def test_passages_are_cut_at_paragraphs_and_lists_skipped():
    prose = " ".join(["The cell divides when the signal arrives."] * 25)
    listing = "\n".join(f"- item {i}" for i in range(80))
    text = "\n\n".join([prose, "A Heading", prose, listing, prose])
    passages = cut_passages(text)
    assert len(passages) == 2 and all(150 <= len(p.split()) <= 450 for p in passages)
    assert not any("- item" in p or "A Heading" in p for p in passages)
    assert not looks_like_prose(listing)
