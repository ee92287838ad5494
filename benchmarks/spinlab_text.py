"""Clean text for `benchmarks/spinlab.py`: passages of the held-out reference documents and
of the clean corpora, and sentences of the held-out documents (carriers for `terms`)."""
from __future__ import annotations

import gzip
import importlib.util
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE_SOURCES = ("openstax", "elife", "acl", "gutenberg", "techdocs", "govdocs")
CLEAN_SOURCES = ("medquad", "wikipedia_squad", "gov_18f_blog")
MIN_WORDS, MAX_WORDS, CLOSE_AT = 150, 450, 300


def _load_script(name: str):
    """A module of `scripts/` by path (dataclasses need it in sys.modules)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Passage:
    source: str
    id: str
    text: str


_LIST_LINE = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"[a-z)][.!?][\"'”’)]?(?=\s|$)")
_PROSE_CHARS = set(".,;:'\"()-?!’“”‘")


def looks_like_prose(passage: str) -> bool:
    """False for lists, tables, code and number-heavy text."""
    words = passage.split()
    if len(_SENTENCE_END.findall(passage)) < len(words) / 40:
        return False
    lines = [line for line in passage.splitlines() if line.strip()]
    if sum(1 for line in lines if _LIST_LINE.match(line)) > 0.2 * len(lines):
        return False
    odd = sum(1 for c in passage if not (c.isalpha() or c.isspace() or c in _PROSE_CHARS))
    return odd <= 0.03 * len(passage) and "|" not in passage and "\t" not in passage


def _is_heading(paragraph: str) -> bool:
    return len(paragraph.split()) < 12 and paragraph.rstrip()[-1:] not in ".!?:\"”)"


def cut_passages(text: str, lo: int = MIN_WORDS, hi: int = MAX_WORDS) -> list[str]:
    """Runs of whole paragraphs of lo-hi words (closed at CLOSE_AT), prose only."""
    out: list[str] = []
    current: list[str] = []
    words = 0

    def close():
        nonlocal current, words
        if words >= lo:
            out.append("\n\n".join(current))
        current, words = [], 0

    for paragraph in re.split(r"\n[ \t]*\n", text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        n = len(paragraph.split())
        if n > hi or _is_heading(paragraph):
            close()
            continue
        if words + n > hi:
            close()
        current.append(paragraph)
        words += n
        if words >= CLOSE_AT:
            close()
    close()
    return [p for p in out if looks_like_prose(p)]


_ID = re.compile(r'^\{"id": ("(?:[^"\\]|\\.)*")')


def reference_documents(source: str, shared: Path = SHARED):
    """(id, text) of the held-out, not excluded documents of one reference source."""
    model = _load_script("build_context_model")
    for part in sorted((shared / "corpora" / "reference" / source).glob("part-*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            for line in fh:
                m = _ID.match(line)
                doc_id = json.loads(m.group(1)) if m else json.loads(line)["id"]
                if model.held_out(doc_id) and not model.excluded(doc_id):
                    yield doc_id, json.loads(line)["text"]


def clean_documents(source: str, shared: Path = SHARED):
    for path in sorted((shared / "corpora" / "clean" / source).glob("*.txt")):
        yield f"{source}/{path.name}", path.read_text(encoding="utf-8")


def pick_passages(source: str, documents, n: int, seed: int) -> list[Passage]:
    """n passages, one per document in a seeded order first, then a second round, ..."""
    rng = random.Random(f"{seed}/{source}/passages")
    docs = list(documents)
    rng.shuffle(docs)
    picked: list[Passage] = []
    pools: list[tuple[str, list[tuple[int, str]]]] = []
    for doc_id, text in docs:
        if len(picked) >= n:
            break
        passages = list(enumerate(cut_passages(text)))
        if not passages:
            continue
        rng.shuffle(passages)
        k, text_ = passages.pop()
        picked.append(Passage(source, f"{doc_id}#{k}", text_))
        pools.append((doc_id, passages))
    while len(picked) < n and any(p for _, p in pools):
        for doc_id, passages in pools:
            if passages and len(picked) < n:
                k, text_ = passages.pop()
                picked.append(Passage(source, f"{doc_id}#{k}", text_))
    return picked


def source_folder(source: str, shared: Path = SHARED) -> Path:
    kind = "reference" if source in REFERENCE_SOURCES else "clean"
    return shared / "corpora" / kind / source


def load_passages(sources: list[str], n: int, seed: int, shared: Path = SHARED
                  ) -> dict[str, list[Passage]]:
    out = {}
    for source in sources:
        if source in REFERENCE_SOURCES:
            docs = reference_documents(source, shared)
        else:
            docs = clean_documents(source, shared)
        out[source] = pick_passages(source, docs, n, seed)
    return out


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def held_out_sentences(seed: int, shared: Path = SHARED, limit_per_source: int = 40_000
                       ) -> list[str]:
    """Prose sentences (8-40 words) of the held-out reference documents, in a seeded order."""
    out = []
    for source in REFERENCE_SOURCES:
        found = []
        for _, text in reference_documents(source, shared):
            for paragraph in re.split(r"\n[ \t]*\n", text):
                paragraph = " ".join(paragraph.split())
                for sentence in _SENTENCE_SPLIT.split(paragraph):
                    n = len(sentence.split())
                    if 8 <= n <= 40 and sentence[-1] in ".!?" and looks_like_prose(sentence):
                        found.append(sentence)
        random.Random(f"{seed}/{source}/sentences").shuffle(found)
        out += found[:limit_per_source]
    random.Random(f"{seed}/sentences").shuffle(out)
    return out
