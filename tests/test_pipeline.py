"""The spaCy side: factories via entry points, the blank pipeline, lemmas, spans."""
from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from auditor.core import pipeline
from auditor.core.errors import PipelineError


def test_pipeline_is_built_once_per_process():
    assert pipeline.build() is pipeline.build()
    assert pipeline.build().pipe_names == ["sentencizer", "auditor_lemmatizer", "auditor_swaps",
                                           "auditor_rare_forms", "auditor_nearmiss", "auditor_context",
                                           "auditor_consistency", "auditor_page"]


def test_lookup_lemmatizer_uses_lowercased_form():
    doc = pipeline.build()("Neighborhoods Felt FOUND")
    assert [t.lemma_ for t in doc] == ["neighborhood", "feel", "find"]


def test_results_land_in_doc_spans():
    doc = pipeline.build()("It fosters a sense of neighborhood.\nAnd a feeling of area.")
    spans = list(doc.spans["auditor"])
    assert [s.text for s in spans] == ["neighborhood", "area"]
    finding = spans[0]._.auditor_finding
    assert finding.rule_id == spans[0].label_ == "idiom.sense-of-community"
    assert finding.suggestion == "sense of community"
    assert (finding.start, finding.end) == (spans[0].start_char, spans[0].end_char)


def test_patterns_do_not_cross_line_breaks():
    doc = pipeline.build()("a sense of\nneighborhood here")
    assert not list(doc.spans["auditor"])


def test_factories_are_exposed_through_entry_points():
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('auditor_swaps'); "
            "doc = nlp('It fosters a sense of neighborhood.'); "
            "print([s.label_ for s in doc.spans['auditor']])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "idiom.sense-of-community" in proc.stdout


def test_component_in_another_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("auditor_swaps", config={"default_rules": True})
    doc = nlp("Researchers used profound learning and counterfeit consciousness.")
    assert {s.label_.split(".")[0] for s in doc.spans["auditor"]} == {"tortured"}


def test_missing_trained_model_is_a_clear_error():
    with pytest.raises(PipelineError, match="not installed"):
        pipeline.build("en_no_such_model_xx")


def test_named_pipeline_from_disk_is_used(tmp_path):
    """--spacy-model accepts any installed pipeline name or path; a trained pipeline keeps
    its own components and gets the detectors added (lemma patterns match every inflected
    form, so they do not depend on that pipeline's lemmatizer)."""
    own = spacy.blank("en")
    own.add_pipe("sentencizer")
    own.to_disk(tmp_path / "my_pipeline")
    nlp = pipeline.build(str(tmp_path / "my_pipeline"))
    assert nlp.pipe_names[:2] == ["sentencizer", "auditor_swaps"]
    doc = nlp("They felt sensations of seclusion and a sense of neighbourhood.")
    assert {s.label_ for s in doc.spans["auditor"]} >= {"idiom.sense-of-community",
                                                        "idiom.feelings-of"}


@pytest.mark.parametrize("text", ["", " ", "a  b\n\n c ", "Don't stop.\tNow!  \n",
                                  "«Hello» — world’s 10km\u00a0run"])
def test_shared_token_text_equals_spacys(text):
    from auditor.detectors.base import lowers, orths, text_of

    doc = pipeline.build().make_doc(text)
    assert text_of(doc) == doc.text == text
    assert orths(doc) == [t.text for t in doc]
    assert lowers(doc) == [t.lower_ for t in doc]
