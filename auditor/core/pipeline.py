"""Build the spaCy pipeline once per process."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import PipelineError
from .scoring import CONTEXT_EVIDENCE_NATS

# Importing registers the factories (also exposed through the `spacy_factories` entry point)
# and the tokenizer (`spacy_tokenizers`).
from ..detectors import consistency, context, nearmiss, page, rare, swaps  # noqa: F401
from .tokenizer import FACTORY as TOKENIZER

# The detectors in the order they run; each later tier skips what an earlier one reported.
DETECTORS = ("auditor_swaps", "auditor_rare_forms", "auditor_nearmiss", "auditor_context",
             "auditor_consistency", "auditor_page")


@lru_cache(maxsize=4)
def build(spacy_model: str | None = None, rules: tuple[str, ...] = (),
          default_rules: bool = True) -> Language:
    """`spacy.blank("en")` (with auditor.core.tokenizer) + sentencizer + lookup lemmatizer +
    detectors, or the named trained pipeline (which must be installed) + detectors."""
    if spacy_model:
        try:
            nlp = spacy.load(spacy_model)
        except OSError as exc:
            raise PipelineError(
                f"spaCy pipeline {spacy_model!r} is not installed ({exc.__class__.__name__}). "
                f"Install it (e.g. `pip install {spacy_model}`) or leave out --spacy-model "
                "to use the built-in blank English pipeline.") from None
        if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
            nlp.add_pipe("sentencizer", first=True)
    else:
        # spaCy's English tokenizer, its exceptions added as texts need them
        # (auditor.core.tokenizer)
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("auditor_lemmatizer")
    nlp.max_length = max(nlp.max_length, 25_000_000)
    nlp.add_pipe("auditor_swaps", config={"rules": list(rules), "default_rules": default_rules})
    for name in DETECTORS[1:]:
        # the runner weighs evidence-only context findings and reports them only in a spun
        # document (scoring.promoted); the component alone reports from CONTEXT_MIN_NATS
        config = {"min_nats": CONTEXT_EVIDENCE_NATS} if name == "auditor_context" else {}
        nlp.add_pipe(name, config=config)
    return nlp
