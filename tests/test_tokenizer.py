"""auditor.core.tokenizer: spaCy's English tokenizer with exceptions added on demand must give the
stock tokenizer's tokens, on real text and on every exception in context."""
from __future__ import annotations

import pickle

import numpy
import pytest
import spacy
from spacy.attrs import IDX, NORM, ORTH, SPACY
from spacy.lang.en import English

from auditor.core import pipeline
from auditor.core.tokenizer import FACTORY, LazyExceptionsTokenizer

from .conftest import ROOT, shared_or_skip

ATTRS = [ORTH, NORM, IDX, SPACY]
EXCEPTIONS = sorted(English.Defaults.tokenizer_exceptions)
# Contexts that put an exception next to prefixes, suffixes, infixes and other words.
CONTEXTS = ["{k}", "({k})", "{k},", "\"{k}.\"", "'{k}'", "{k}'s", "x-{k}", "{k}/x", "{k}...",
            "[{k}]!", "10{k}", "{k}km", "a{k}", "{k}b", "({k}),", "¿{k}?"]


def lazy_nlp():
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": FACTORY}}})


def same_tokens(lazy, stock, text: str) -> bool:
    """Same tokens, norms, offsets and spaces (`lazy`, `stock`: tokenizers or pipelines)."""
    a, b = lazy(text), stock(text)
    return len(a) == len(b) and numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS))


@pytest.fixture(scope="module")
def stock():
    return spacy.blank("en")


def test_the_pipeline_uses_it_and_starts_with_few_exceptions():
    nlp = pipeline.build()
    assert isinstance(nlp.tokenizer, LazyExceptionsTokenizer)
    assert len(lazy_nlp().tokenizer._pending) > 1300  # only whitespace ones added up front


def fresh_tokenizer(template: LazyExceptionsTokenizer) -> LazyExceptionsTokenizer:
    """A new lazy tokenizer (nothing added yet) sharing the template's compiled affix rules."""
    t = template
    return LazyExceptionsTokenizer(t.vocab, None, t.prefix_search, t.suffix_search,
                                   t.infix_finditer, t.token_match, t.url_match,
                                   pending=English.Defaults.tokenizer_exceptions)


def test_every_exception_in_context_as_the_first_text(stock):
    """Each exception in each context is the first text of a new tokenizer, the one case in
    which only the exceptions found in the text are added."""
    template = lazy_nlp().tokenizer
    wrong = []
    for key in EXCEPTIONS:
        for context in CONTEXTS:
            text = f"Before {context.format(k=key)} after."
            if not same_tokens(fresh_tokenizer(template), stock.tokenizer, text):
                wrong.append(text)
    assert wrong == []


def test_later_texts_get_every_exception(stock):
    lazy = lazy_nlp()
    lazy("A first text without any exception in it")
    assert lazy.tokenizer._pending
    assert same_tokens(lazy, stock, "We can't, Mr. Smith :-) e.g.")
    assert not lazy.tokenizer._pending


def test_every_exception_in_context_one_long_document(stock):
    text = "\n".join(" ".join(c.format(k=key) for c in CONTEXTS) for key in EXCEPTIONS)
    assert same_tokens(lazy_nlp(), stock, text)


def test_samples_tokenize_the_same(stock):
    for path in sorted((ROOT / "samples").glob("*.txt")):
        assert same_tokens(lazy_nlp(), stock, path.read_text(encoding="utf-8")), path.name


def test_clean_corpora_tokenize_the_same_as_first_texts(stock):
    folder = shared_or_skip("corpora", "clean")
    template = lazy_nlp().tokenizer
    paths = sorted(folder.glob("*/*.txt"))[::4]
    wrong = [p.name for p in paths if not same_tokens(
        fresh_tokenizer(template), stock.tokenizer, p.read_text(encoding="utf-8"))]
    assert paths and wrong == []


def test_saved_tokenizer_equals_the_stock_one(tmp_path):
    lazy, stock = lazy_nlp(), spacy.blank("en")  # fresh: the vocabularies are saved too
    text = "I don't know, Mr. Smith :-)"
    lazy(text), stock(text)
    assert lazy.tokenizer.to_bytes() == stock.tokenizer.to_bytes()
    assert lazy_nlp().tokenizer.rules == stock.tokenizer.rules
    restored = pickle.loads(pickle.dumps(lazy_nlp().tokenizer))
    assert restored.rules == stock.tokenizer.rules
    lazy.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert [t.text for t in loaded("We can't, can we?")] == ["We", "ca", "n't", ",", "can", "we", "?"]


def test_a_callers_special_case_wins_over_the_pending_default():
    lazy = lazy_nlp()
    lazy.tokenizer.add_special_case("don't", [{"ORTH": "don't"}])
    assert [t.text for t in lazy("I don't")] == ["I", "don't"]
    assert lazy.tokenizer.rules["don't"] == [{"ORTH": "don't"}]


def test_explain_matches_stock(stock):
    text = "Dr. Who's (e.g.) 10km ;-) o.O don't"
    assert lazy_nlp().tokenizer.explain(text) == stock.tokenizer.explain(text)
