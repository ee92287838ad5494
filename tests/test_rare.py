"""The rare-form detector (`auditor_rare_forms`): word forms that only rewriters produce."""
from __future__ import annotations

import pytest
import spacy

from auditor.inputs import document
from auditor.detectors import rare
from auditor.detectors import swaps  # noqa: F401 (registers auditor_swaps)
from auditor.detectors.base import findings_from_doc
from auditor.core.findings import KIND_SWAP, Severity

from .conftest import GOLD, ROOT, shared_or_skip

# Clean prose: the whole detector budget is 0.1 findings per 1,000 words; this tier
# measured 0.0017 (three uses of the economics term "functionings") on 1.75M words.
MAX_CLEAN_PER_1000 = 0.01


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("auditor_rare_forms")
    return nlp


def found(nlp, text):
    return [(f.rule_id, f.text) for f in findings_from_doc(nlp(text))]


def test_flags_searchings_with_exact_offsets_and_evidence(nlp):
    text = "Peer groups help. The searchings for suggest that it works."
    [f] = findings_from_doc(nlp(text))
    assert (f.rule_id, f.kind, f.severity) == ("rare.plural-gerund", KIND_SWAP, Severity.WARNING)
    assert (f.start, f.end) == (22, 32) and text[f.start:f.end] == f.text == "searchings"
    assert f.suggestion == "searching"
    assert f.evidence == "wordfreq zipf: searchings 0.00, searching 4.36"
    assert "'searchings' is not an English word" in f.message
    assert 0 < f.confidence <= 1


def test_spans_carry_the_finding(nlp):
    doc = nlp("The searchings for suggest it.")
    [span] = doc.spans["auditor"]
    assert span.label_ == "rare.plural-gerund" and span.text == "searchings"
    assert span._.auditor_finding.start == span.start_char


@pytest.mark.parametrize("text, rule, suggestion, severity", [
    ("He tooked the bus.", "rare.double-inflection", "took", Severity.ERROR),
    ("They wented home.", "rare.double-inflection", "went", Severity.ERROR),
    ("She unwinded the cable.", "rare.regularized-irregular", "unwound", Severity.WARNING),
    ("He teached the class.", "rare.regularized-irregular", "taught", Severity.WARNING),
    ("Its efficientness is low.", "rare.inflected-non-word", "efficient", Severity.WARNING),
    ("The lookings were many.", "rare.plural-gerund", "looking", Severity.WARNING),
])
def test_kinds(nlp, text, rule, suggestion, severity):
    [f] = findings_from_doc(nlp(text))
    assert (f.rule_id, f.suggestion, f.severity) == (rule, suggestion, severity)


@pytest.mark.parametrize("text", [
    # rare technical words and plurals: their base is rare too
    "Ependymomas and osteochondromas were seen with hyperlipoproteinemia.",
    "Patients had ependymomas, paragangliomas and xanthomas.",
    "Microdeletions cause nonsyndromic keratoderma.",
    # real words, however rare
    "Second helpings, the washings, its paleness, old teachings and sayings.",
    "Human beings have feelings; their savings went to buildings in the twelfths.",
    "The broadcasted shows were forecasted and the paintings were sold.",
    # short tokens and ordinary text
    "It was done. Ok, gots ins.",
])
def test_leaves_real_and_technical_words_alone(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Searchings for suggest it.",           # capitalised (sentence start or a name)
    "The SEARCHINGS show it.",              # all caps
    "We met Tooked Smith at Searchings Ltd.",  # proper nouns
    'The word "searchings" is not English.',
    "He wrote “the searchings for suggest it” in the draft.",
    "The ‘searchings’ label is odd.",
    "See 'tooked' in the list.",
])
def test_skips_proper_nouns_and_quotations(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Call 555searchings now.",
    "The searchings2 table and 3tooked rows.",
    "The pre-searchings and searchings-based work.",
    "Open searchings.txt or searchings/tooked or my_searchings now.",
    "Write to searchings@example.org today.",
])
def test_skips_numbers_compounds_paths_and_addresses(nlp, text):
    assert found(nlp, text) == []


def test_sentence_punctuation_does_not_hide_a_word(nlp):
    assert found(nlp, "We read the searchings. Then we tooked notes.") == [
        ("rare.plural-gerund", "searchings"), ("rare.double-inflection", "tooked")]


def test_config_is_honoured():
    nlp = spacy.blank("en")
    nlp.add_pipe("auditor_rare_forms", config={"max_zipf": 0.0, "max_regularized_zipf": 0.0})
    assert found(nlp, "The searchings for suggest he tooked it.") == []


def test_skips_what_the_lexicon_already_reported():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("auditor_lemmatizer")
    nlp.add_pipe("auditor_swaps")
    nlp.add_pipe("auditor_rare_forms")
    rules = [f.rule_id for f in findings_from_doc(nlp("The searchings for suggest that it works."))]
    assert rules == ["artefact.searchings"]


def test_spun_samples_recall(nlp):
    """The spun samples that contain 'searchings' get it flagged, offsets into the file."""
    hits = {}
    for path in sorted((ROOT / "samples").glob("0*.txt")):
        doc = document.load(str(path))
        for f in findings_from_doc(nlp(doc.text)):
            assert doc.content[f.start:f.end] == f.text
            hits.setdefault(path.name, []).append(f.text)
    assert hits == {"000_020f8dbaab73f97c.txt": ["searchings"],
                    "003_378e0c175779d965.txt": ["searchings"]}


def test_clean_corpora_false_alarm_rate():
    """Every fourth clean document (about 440k words; tokenizing all 1.75M takes ~15 s, and
    test_quality covers the whole corpus for the whole pipeline)."""
    clean = shared_or_skip("corpora", "clean")
    nlp = spacy.blank("en")
    nlp.add_pipe("auditor_rare_forms")
    paths = list(document.iter_paths([str(clean)]))[::4]
    texts = [document.load(p).text for p in paths]
    words = sum(len(t.split()) for t in texts)
    hits = [f.text for doc in nlp.pipe(texts, batch_size=64) for f in findings_from_doc(doc)]
    assert words > 300_000
    assert 1000 * len(hits) / words <= MAX_CLEAN_PER_1000, hits


def test_original_article_is_silent(nlp):
    assert findings_from_doc(nlp((GOLD / "original.txt").read_text(encoding="utf-8"))) == []


def test_analysis_is_cached_per_word():
    analyzer = rare.Analyzer()
    assert analyzer.analyze("searchings") is analyzer.analyze("searchings")
    assert analyzer.analyze("searching") is None
