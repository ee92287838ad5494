"""Folder-level results: spin families found among the audited documents.

The runner computes each document's MinHash signature while it audits it (in the worker
that has the text); at the end only signatures are clustered, and only the members of a
family are read again, to align them. Nothing holds every document's text at once.
"""
from __future__ import annotations

from typing import Iterator, Mapping

from ..core.errors import DocumentError
from ..inputs import document
from . import minhash as families

# A member whose words align this poorly with its family (difflib ratio against the pivot)
# only shares boilerplate with it and is left out of the template: spun copies measure
# 0.7-0.9 (the seeds 0.70-0.73); documents that merely share boilerplate (templated MedQuAD
# answers grouped at the clustering threshold) mostly < 0.6.
MIN_AGREEMENT = 0.6


def templates(signatures: Mapping[str, object], threshold: float = families.DEFAULT_THRESHOLD,
              nlp=None) -> Iterator[families.FamilyTemplate]:
    """Cluster the signatures, then align each family and choose its likely source."""
    for family in families.cluster(dict(signatures), threshold):
        template = template_of(family, nlp)
        if template is not None:
            yield template


def template_of(paths: list, nlp=None, load=document.load) -> families.FamilyTemplate | None:
    """Read one family's members again (`load`: a member -> its Document; the Dask engine
    reads object stores and web archives), align them and choose the likely source; None
    when fewer than two members are readable and align with each other."""
    texts = {}
    for path in paths:
        try:
            doc = load(path)
        except DocumentError:
            continue
        texts[doc.path] = doc.text
    texts = _close_to_first(texts)
    if len(texts) < 2:
        return None
    template = families.build_template(texts)
    keep = [m for m in template.members if template.agreement[m] >= MIN_AGREEMENT]
    if len(keep) < 2:
        return None
    if len(keep) < len(texts):
        template = families.build_template({m: texts[m] for m in keep})
    families.choose_sources(template, nlp)
    return template


def _close_to_first(texts: dict[str, str]) -> dict[str, str]:
    """Drop members whose words cannot align well with the first member's (difflib's
    quick_ratio is an upper bound of the alignment ratio, and cheap) before the costly
    alignment: clusters of templated documents that merely share boilerplate shrink to
    the few members that really are copies."""
    from difflib import SequenceMatcher

    items = list(texts.items())
    first = items[0][1].lower().split()
    keep = dict(items[:1])
    for path, text in items[1:]:
        matcher = SequenceMatcher(None, first, text.lower().split(), autojunk=False)
        if matcher.quick_ratio() >= MIN_AGREEMENT:
            keep[path] = text
    return keep


def describe_families(signatures: Mapping[str, object], threshold: float, options,
                      jobs: int = 1) -> Iterator[dict]:
    """`describe` for every family, aligned across `jobs` worker processes."""
    from ..core import pipeline
    from ..engines.parallel import pool

    groups = families.cluster(dict(signatures), threshold)
    pipeline.build(options.spacy_model, tuple(options.rules))  # built once, inherited by fork
    if jobs <= 1 or len(groups) < 4:
        yield from _numbered(_describe_group(options, g) for g in groups)
        return
    with pool(min(jobs, len(groups))) as workers:
        yield from _numbered(workers.imap(_describe_group_job, [(options, g) for g in groups]))


def _numbered(found) -> Iterator[dict]:
    number = 0
    for family in found:
        if family is not None:
            number += 1
            family["id"] = number
            yield family


def _describe_group_job(job) -> dict | None:
    return _describe_group(*job)


def _describe_group(options, paths: list[str]) -> dict | None:
    from ..core import pipeline
    fmt = getattr(options, "input_format", None)  # members read again as they were audited
    template = template_of(paths, pipeline.build(options.spacy_model, tuple(options.rules)),
                           load=lambda path: document.load(path, None, fmt))
    return None if template is None else describe(template, 0)


def describe(template: families.FamilyTemplate, family_id: int) -> dict:
    """The JSON-able summary every reporter renders."""
    slots, deviations = [], {m: 0 for m in template.members}
    for slot in template.slots:
        proposed = template.chosen(slot)
        for member in template.members:
            if not slot.is_insertion and _synonym_swap(slot.alternative_of(member).text,
                                                       proposed.text):
                deviations[member] += 1
        slots.append({"alternatives": {a.text: a.count for a in slot.alternatives},
                      "proposed": proposed.text,
                      "insertion": slot.is_insertion})
    return {
        "id": family_id,
        "members": list(template.members),
        "template": template.spintax(),
        "slots": slots,
        "source_text": template.render(),
        "insertions": [{"member": m, "text": text, "start": start, "end": end}
                       for m, text, (start, end) in template.insertions],
        # Family evidence for each member: slots where its wording is a synonym put in place
        # of the proposed source wording (names, numbers and rewritten clauses do not count).
        "swapped_slots": deviations,
    }


def _synonym_swap(wording: str, source: str) -> bool:
    from ..lexicon import inventory, lemmas

    a, b = wording.lower().split(), source.lower().split()
    if len(a) != 1 or len(b) != 1 or a == b:
        return False
    x, y = lemmas.lemma(a[0]), lemmas.lemma(b[0])
    return x != y and (inventory.are_synonyms(x, y) or inventory.are_synonyms(a[0], b[0]))
