"""Learn a rule pack from families of spun copies: the phrases this spinner swaps.

For every slot of a family template whose alternatives differ from the proposed source
wording, one `learned.*` rule flags the alternative, suggests the source wording and
carries the evidence: how many copies use each wording, and an example sentence. A
wording too common to flag on its own gets a word of context each side (two on a side
whose first word is a grammar word: "a [feeling] of belonging"). Not learned: wordings the
lexicon already flags, inserted keywords, swaps between grammar words ("an" for "a"),
titles and rewritten sentences (more than MAX_WORDS words). Every rule's examples are run
through the pipeline with the default rules before the pack is returned; a rule whose
examples fail, or that fires on a proposed source text, is dropped.

    templates, text = learn(["folder/"])
    write_learned("rules/learned.yaml", text, force=False)
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

import yaml

from ..core.errors import DocumentError, UsageError
from ..inputs import document
from ..util.safeio import AtomicWriter
from . import batch
from . import minhash as families
from .alignment import FamilyTemplate, Slot

PREFIX = "learned"
# A wording of this many words, or of two or more with a word rarer than this (Zipf), is
# specific enough to match without context.
SPECIFIC_WORDS = 3
RARE_ZIPF = 3.0
# Members that align with the family's pivot below this difflib ratio are dropped before
# Words at least this frequent (Zipf: "the", "of", "about", "more") are grammar words.
FUNCTION_ZIPF = 6.0
# Longer differences are titles, boilerplate or rewritten sentences, not phrase swaps.
MAX_WORDS = 6
_SPECIAL = re.compile(r"[|\[\]]|^[~!#*]|.\?$")
_WORD = re.compile(r"[^\W_]")


def learn(paths: list[str], threshold: float = families.DEFAULT_THRESHOLD, nlp=None
          ) -> tuple[list[FamilyTemplate], str]:
    """Read files and folders, find the families, align them and learn a rule pack.
    Members that do not align with their family (batch.MIN_AGREEMENT) are left out. Texts are
    read twice (signatures first, then only family members) so a large folder
    is never held in memory at once."""
    signatures = {}
    for path in document.iter_paths(paths):
        try:
            doc = document.load(path)
        except DocumentError:
            continue
        if not doc.is_blank:
            signatures[path] = families.signature(doc.text)
    templates = list(batch.templates(signatures, threshold, nlp))
    return templates, learned_rules(templates, nlp)


def learned_rules(templates: Iterable[FamilyTemplate], nlp=None) -> str:
    """A YAML rule pack (prefix `learned`) of the swaps seen in these families."""
    from ..core import pipeline
    nlp = nlp or pipeline.build()
    entries: dict[str, dict] = {}
    sources = []
    for template in templates:
        if not template.choices:
            families.choose_sources(template, nlp)
        judged = families.judge(template, nlp=nlp)
        sources.append(template.render())
        for slot in template.slots:
            if slot.is_insertion or slot.index not in judged:
                continue
            for judgement in judged[slot.index]:
                entry = _entry(template, slot, judgement, nlp)
                if entry is None:
                    continue
                if entry["match"] in entries:
                    entries[entry["match"]]["_uses"] += entry["_uses"]
                else:
                    entries[entry["match"]] = entry
    return _dump(_verified(list(entries.values()), sources))


def _entry(template: FamilyTemplate, slot: Slot, judgement, nlp) -> dict | None:
    alt, source = judgement.alternative, template.chosen(slot)
    if not alt.text or families.norm(alt.text) == families.norm(source.text):
        return None
    if any("\n" in t or len(families.words(t)) > MAX_WORDS for t in (alt.text, source.text)):
        return None
    if judgement.flagged:  # the lexicon already reports it
        return None
    sentence, start, end = judgement.context
    doc = nlp.make_doc(sentence)
    focus = [t for t in doc if t.idx < end and start < t.idx + len(t)]
    if not focus or any(_SPECIAL.search(t.lower_) for t in focus):
        return None
    tokens = [t.lower_ for t in focus]
    words = families.words(alt.text)
    if all(families.zipf(w) >= FUNCTION_ZIPF for w in words + families.words(source.text)):
        return None  # "an" for "a", "about" for "with": grammar words, not a spinner's swap
    specific = len(words) >= SPECIFIC_WORDS or (
        len(words) >= 2 and min(map(families.zipf, words)) < RARE_ZIPF)
    before, after = [], []
    if not specific:
        before = _context(doc, focus[0].i - 1, -1)
        after = _context(doc, focus[-1].i + 1, 1)
        if not any(families.zipf(w) < FUNCTION_ZIPF for w in before + after):
            return None
    match = " ".join(before + ["[" + " ".join(tokens) + "]"] + after) if before or after \
        else " ".join(tokens)
    original = source.text or "(nothing: the words were added)"
    ok = sentence[:start] + source.text + sentence[end:]
    counts = ", ".join(f"'{a.text or '(nothing)'}' in {a.count}" for a in slot.alternatives)
    return {
        "id": "", "match": match, "original": original, "severity": "warning",
        "message": "'{text}' looks like a spinner's rewrite of '{original}' (learned from "
                   "a family of spun copies)",
        "note": f"Learned from {len(template.members)} copies of one article: {counts}."
                f" Example: {sentence.strip()}",
        "tags": ["learned"],
        "examples": {"flag": [sentence.strip()], "ok": [" ".join(ok.split())]},
        "_uses": alt.count, "_slug": _slug(alt.text) or "phrase",
    }


def _context(doc, i: int, step: int) -> list[str]:
    """One word of context on this side, or two when the first is a grammar word
    ("a [feeling] of belonging", not "a [feeling] of")."""
    out: list[str] = []
    while 0 <= i < len(doc) and len(out) < 2:
        token = doc[i]
        if not _WORD.search(token.text) or _SPECIAL.search(token.lower_) or token.is_space:
            break
        out.append(token.lower_)
        if families.zipf(token.lower_) < FUNCTION_ZIPF:
            break
        i += step
    return out if step > 0 else out[::-1]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def _with_ids(entries: list[dict]) -> list[dict]:
    seen: dict[str, int] = {}
    out = []
    for entry in entries:
        base = f"{PREFIX}.{entry['_slug']}"
        seen[base] = seen.get(base, 0) + 1
        rule = {k: v for k, v in entry.items() if not k.startswith("_")}
        rule["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(rule)
    return out


def _dump(entries: list[dict]) -> str:
    pack = {"prefix": PREFIX,
            "description": "Swaps learned from families of spun copies (auditor learn): each "
                           "rule flags a wording that copies of one article used instead of "
                           "the likely source wording.",
            "source": "auditor.families.learn: copies aligned word by word; the source wording is the "
                      "most natural alternative in context",
            "rules": _with_ids(entries)}
    return yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=100)


def _verified(entries: list[dict], sources: list[str]) -> list[dict]:
    """Keep the entries whose examples pass through the pipeline (with the default rules)
    and that do not fire on any proposed source text."""
    if not entries:
        return []
    from ..core import pipeline
    from ..detectors.base import findings_from_doc
    from ..detectors.swaps import SwapDetector
    from ..lexicon.loader import Lexicon, _load_file, load_default
    nlp = pipeline.build()
    lexicon = Lexicon()
    lexicon.extend(load_default())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "learned.yaml"
        path.write_text(_dump(entries), encoding="utf-8")
        lexicon.extend(_load_file(path))  # not load_file: no cache entry for a temporary file
    detector = SwapDetector(nlp, lexicon)  # the default rules and the learned ones together

    def found(text: str) -> set[str]:
        return {f.rule_id for f in findings_from_doc(detector(nlp(text)))}

    ids = [rule["id"] for rule in _with_ids(entries)]
    in_sources = set().union(*map(found, sources))
    kept = []
    for rule_id, entry in zip(ids, entries):
        flag, ok = found(entry["examples"]["flag"][0]), found(entry["examples"]["ok"][0])
        if rule_id in flag and rule_id not in ok and rule_id not in in_sources:
            kept.append(entry)
    return kept


def write_learned(path: str | os.PathLike, text: str, force: bool = False) -> None:
    """Write a learned pack; an existing file is only replaced with `force`."""
    path = Path(path)
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed when complete, with the mode a new file gets
    # (0666 less the umask) or the replaced file's: not mkstemp's 0600.
    with AtomicWriter(path) as fh:
        fh.write(text)
