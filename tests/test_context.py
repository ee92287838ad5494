"""The context tier: the shipped n-gram model, the backwards thesaurus, the component."""
from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from auditor.core import scoring
from auditor.core.findings import Finding, Severity
from auditor.core.pipeline import build
from auditor.detectors.base import findings_from_doc
from auditor.lexicon import langmodel, thesaurus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def nlp():
    return build()


def context_findings(nlp, text: str) -> list[Finding]:
    return [f for f in findings_from_doc(nlp(text)) if f.rule_id.startswith("context.")]


def test_the_model_ships_with_the_package():
    assert langmodel.available()
    meta = langmodel.meta()
    assert meta["tokens"] > 50_000_000
    assert set(meta["sources"]) >= {"openstax", "elife", "gutenberg"}
    assert (langmodel.model_path() / "LICENSE.md").is_file()


def test_counts_come_from_the_reference_corpus():
    assert langmodel.count("the") > 1_000_000
    assert langmodel.count("coping strategies") > langmodel.count("dealing strategies")
    assert langmodel.count("sense of community") > 0
    assert langmodel.count("xyzzyq plugh") == 0
    assert langmodel.count("a b c d") == 0  # no 4-grams


def test_counts_at_once_are_the_counts_one_by_one():
    grams = ["github repository", "the", "research tools", "coping strategies",
             "sense of community", "xyzzyq repository", "a b c d", "tyke hubs", "of the"]
    assert langmodel.counts(grams).tolist() == [langmodel.count(g) for g in grams]
    assert langmodel.counts(grams)[0] > 0 and len(langmodel.counts([])) == 0


def test_normalize_spells_tokens_as_the_build_counted_them():
    assert langmodel.normalize("Repository") == "repository"
    assert langmodel.normalize("1,240") == langmodel.NUM
    assert langmodel.normalize("n't") == "n't"
    assert langmodel.normalize("’s") == "'s"
    assert langmodel.normalize(",") is None
    assert langmodel.normalize("http://x.org") is None


def test_the_thesaurus_is_read_backwards_and_keeps_inflection():
    assert "repository" in thesaurus.originals("storehouse")
    assert "repositories" in thesaurus.originals("storehouses")
    assert "stigma" in thesaurus.originals("preconception")
    assert "m" in thesaurus.originals("storehouse")["repository"]
    assert thesaurus.originals("xyzzyq") == {}


def test_a_swap_is_flagged_with_a_drop_in_replacement(nlp):
    text = "The code is available in our GitHub storehouse under an open licence."
    found = context_findings(nlp, text)
    assert [f.text for f in found] == ["storehouse"]
    f = found[0]
    assert text[f.start:f.end] == f.text
    assert f.replacement == "repository"
    repaired = text[:f.start] + f.replacement + text[f.end:]
    assert repaired == "The code is available in our GitHub repository under an open licence."
    assert "times in the reference corpus" in f.evidence and "github repository" in f.evidence
    assert f.score >= scoring.CONTEXT_MIN_NATS
    assert f.severity == scoring.context_severity(f.score)


def test_capital_letters_keep_their_case_in_the_replacement(nlp):
    found = context_findings(nlp, "Storehouse access is granted to every maintainer of the "
                                  "project on GitHub.")
    for f in found:
        assert f.replacement[:1].isupper() == f.text[:1].isupper()


def test_names_numbers_and_quotes_are_not_flagged_for_rarity(nlp):
    assert not context_findings(nlp, "The code is available in our GitHub Storehouse under "
                                     "an open licence.")
    assert not context_findings(nlp, 'The code is available in our GitHub "storehouse" '
                                     'under an open licence.')
    assert not context_findings(nlp, "The code is available in our GitHub 1234 under an "
                                     "open licence.")


def test_spelling_variants_are_no_swap(nlp):
    found = context_findings(nlp, "The software is released under an open licence.")
    assert not [f for f in found if f.replacement == "license"]


def test_ordinary_edited_prose_gets_no_warning(nlp):
    text = ("The results suggest that the intervention reduced anxiety among older adults. "
            "Participants described the coping strategies they used when stress was high, "
            "and most said that support from their community mattered more than money.")
    assert not [f for f in context_findings(nlp, text) if f.severity >= Severity.WARNING]


def test_severity_follows_the_strength_of_the_evidence():
    levels = [scoring.context_severity(x) for x in (4.0, 10.0, 17.0, 19.9, 20.0, 40.0)]
    assert levels == sorted(levels)
    assert levels[0] == Severity.SUGGESTION and levels[-1] == Severity.ERROR


def test_many_weak_signals_make_a_document_spun():
    each = scoring.finding_weight(Finding("context.unlikely-word", "swap", Severity.SUGGESTION,
                                          0, 4, "word", "", score=12.0))
    needed = math.ceil(scoring.SPUN_AT * 3 / each)  # findings in 300 words to reach SPUN_AT
    weak = [Finding("context.unlikely-word", "swap", Severity.SUGGESTION, i * 10, i * 10 + 5,
                    "word", "", score=12.0) for i in range(needed)]
    assert all(f.severity < Severity.WARNING for f in weak)
    density = scoring.scores(weak, 300, False, None)["spin_density"]
    assert scoring.verdict(density) == "spun"
    assert scoring.verdict(scoring.scores(weak[:1], 300, False, None)["spin_density"]) == "clean"


def test_a_spun_documents_suggestions_are_shown_as_warnings():
    weak = [Finding("context.unlikely-word", "swap", Severity.SUGGESTION, i * 10, i * 10 + 5,
                    "word", "", evidence="'word' 0 times here", score=12.0) for i in range(30)]
    other = Finding("lt.SOME_RULE", "grammar", Severity.SUGGESTION, 0, 3, "abc", "")
    density = scoring.scores(weak, 300, False, None)["spin_density"]
    assert density >= scoring.PROMOTE_AT
    shown = scoring.promoted(weak + [other], density)
    assert all(f.severity == Severity.WARNING for f in shown[:-1])
    assert "reads as spun" in shown[0].evidence and shown[0].evidence.startswith("'word' 0")
    assert shown[-1] == other  # grammar is no spin evidence: left as it was
    # below PROMOTE_AT (a document just `spun`, or `review`), a suggestion stays hidden
    assert scoring.promoted(weak[:2], scoring.PROMOTE_AT - 0.01) == weak[:2]
    assert scoring.promoted(weak[:2], scoring.REVIEW_AT) == weak[:2]


def test_evidence_only_findings_count_but_are_shown_only_in_a_spun_document():
    def swap(i, nats):
        return Finding("context.unlikely-word", "swap", Severity.SUGGESTION, i * 10,
                       i * 10 + 5, "word", "", score=nats)

    faint = swap(0, scoring.CONTEXT_EVIDENCE_NATS + 0.5)
    assert scoring.evidence_only(faint) and not scoring.evidence_only(swap(1, 12.0))
    assert scoring.finding_weight(faint) > 0  # counted in the verdict
    # alone, or in a document that is not clearly spun, it is not reported, even as a
    # suggestion; the findings that are reportable stay
    assert scoring.promoted([faint, swap(1, 12.0)], scoring.PROMOTE_AT - 0.01) == [swap(1, 12.0)]
    # where the document as a whole reads as spun, it is shown as a warning, saying why
    shown = scoring.promoted([faint], scoring.PROMOTE_AT)
    assert [f.severity for f in shown] == [Severity.WARNING]
    assert "reads as spun" in shown[0].evidence


def test_the_tier_reports_evidence_down_to_its_floor(nlp):
    text = "The code is available in our GitHub storehouse under an open licence."
    assert all(f.score >= scoring.CONTEXT_EVIDENCE_NATS for f in context_findings(nlp, text))


def test_the_component_works_in_anyones_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("auditor_context")
    doc = nlp("The code is available in our GitHub storehouse under an open licence.")
    assert any(s.label_.startswith("context.") for s in doc.spans["auditor"])


def _tiny_reference(folder: Path) -> None:
    texts = ["Peer support groups build a sense of community.\n\nCoping strategies help.",
             "The code is in our GitHub repository. Child nodes of the tree are visited.",
             "A sense of community and coping strategies: 12 groups, 3,400 people."]
    for source in ("openstax", "elife", "acl", "gutenberg", "techdocs", "govdocs"):
        (folder / source).mkdir(parents=True)
        with gzip.open(folder / source / "part-0000.jsonl.gz", "wt", encoding="utf-8") as fh:
            for k, text in enumerate(texts):
                fh.write(json.dumps({"id": f"{source}/{k}", "text": text}) + "\n")


def test_the_model_build_is_reproducible(tmp_path):
    _tiny_reference(tmp_path / "ref")
    outputs = []
    for run in ("a", "b"):
        for stage, extra in (("count", ["--jobs", "1"]), ("encode", [])):
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build_context_model.py"), stage,
                            "--reference", str(tmp_path / "ref"), "--work", str(tmp_path / run / "work"),
                            "--out", str(tmp_path / run / "out"), *extra], check=True,
                           capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / run / "out").iterdir())})
    assert outputs[0] == outputs[1]
    assert "2grams.keys.npy" in outputs[0] and "vocab.marisa" in outputs[0]


def test_the_vectorized_attestation_test_agrees_with_the_scalar_one(nlp):
    import numpy

    from auditor.detectors.context import _Sequence

    text = ("Participants can promote a sense of neighborhood. The code is available in our "
            "GitHub storehouse under an open licence, and the child nodes of each tree are "
            "visited in order.\n\nA new paragraph with the tyke hubs of the tree.")
    seq = _Sequence(nlp(text), [])
    scalar = numpy.array([seq.unattested(i, i + 1) for i in range(len(seq.words))])
    assert (seq.unattested_words() == scalar).all()
    assert scalar.any() and not scalar.all()


def test_slot_rows_hold_the_context_within_the_run(nlp):
    from auditor.detectors.context import _Sequence
    from auditor.detectors.context_scoring import NONE

    seq = _Sequence(nlp("We keep the GitHub storehouse tidy.\n\nTyke hubs grow here."), [])
    at = {w: i for i, w in enumerate(seq.words)}
    ids = dict(zip(seq.words, seq.ids.tolist()))
    rows = seq.rows([(at["storehouse"], at["storehouse"] + 1), (at["tyke"], at["tyke"] + 2),
                     (at["we"], at["we"] + 1)]).tolist()
    assert rows[0] == [ids["the"], ids["github"], ids["storehouse"], ids["tidy"], NONE, NONE]
    # a two-word slot at the start of a run (after the paragraph break): no left context
    assert rows[1] == [NONE, NONE, ids["tyke"], ids["hubs"], ids["grow"], ids["here"]]
    assert rows[2] == [NONE, NONE, ids["we"], ids["keep"], ids["the"], NONE]


def test_a_nul_in_a_word_has_no_originals():
    # marisa's BytesTrie returned another key's bytes for these (found by Hypothesis)
    for written in ("\x00", "a\x00b", "\x00counterfeit"):
        ids, flags = thesaurus.original_ids(written)
        assert len(ids) == 0 and len(flags) == 0
        assert thesaurus.originals(written) == {}
