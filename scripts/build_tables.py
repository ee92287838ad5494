"""Build the expression inventory and the synonym table shipped in `auditor/data/`.

    apt-get install wordnet-base          # Debian's WordNet 3.0, into /usr/share/wordnet
    python scripts/build_tables.py        # [--wordnet DIR] [--rules DIR] [--out DIR]

Inputs: WordNet 3.0's `data.*` and `index.*` files, `rules/inventory/expressions.txt` and
`rules/inventory/thesaurus.txt` (formats in `rules/inventory/README.md`).
Outputs (sorted, gzip with mtime 0, so two runs give byte-identical files):

- `expressions.tsv.gz`: `tok tok ...<TAB>source`, source `wordnet` or `curated`;
- `synonyms.tsv.gz`: `word<TAB>syn syn ...`, a symmetric relation on single lowercase tokens;
- `WORDNET_LICENSE.txt`: WordNet's licence, copied from the header of `data.noun`.

The synonym table depends on the installed `wordfreq` version (the frequency filter); the
version used is written in each table's first line (a `#` comment the loader skips).
"""
from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parent.parent
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MIN_ZIPF = 2.5          # WordNet synonyms rarer than this are dropped (curated ones never are)
MAX_ZIPF = 6.0          # ... and so are light, very polysemous words (have, get, go, like, see)
MAX_SYNONYMS = 60       # per word, before the relation is made symmetric again
_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")


class InputError(Exception):
    """A malformed line in a curated file; the message is `file:line: reason`."""


@dataclass(frozen=True)
class Synset:
    pos: str                   # n v a r (adjective satellites count as a)
    offset: str
    words: tuple[str, ...]     # as written in WordNet: case kept, underscores kept


# --- WordNet ---------------------------------------------------------------------------

def parse_data_line(line: str, pos: str) -> Synset | None:
    """One line of a WordNet `data.*` file; None for the licence header."""
    if not line or line.startswith(" "):
        return None
    fields = line.split(" ")
    count = int(fields[3], 16)
    words = tuple(_ADJ_MARKER.sub("", fields[4 + 2 * i]) for i in range(count))
    return Synset(pos, fields[0], words)


def parse_index_line(line: str) -> tuple[str, str, tuple[str, ...]] | None:
    """One line of a WordNet `index.*` file: (lemma, pos, synset offsets, most frequent first)."""
    if not line or line.startswith(" "):
        return None
    fields = line.split()
    n_synsets = int(fields[2])
    return fields[0], fields[1], tuple(fields[-n_synsets:])


def read_wordnet(wordnet: Path) -> tuple[dict[tuple[str, str], Synset], list[tuple[str, str, tuple[str, ...]]]]:
    synsets: dict[tuple[str, str], Synset] = {}
    index: list[tuple[str, str, tuple[str, ...]]] = []
    for pos, name in POS_FILES.items():
        for line in _lines(wordnet / f"data.{name}"):
            synset = parse_data_line(line, pos)
            if synset:
                synsets[(pos, synset.offset)] = synset
        for line in _lines(wordnet / f"index.{name}"):
            entry = parse_index_line(line)
            if entry:
                index.append(entry)
    return synsets, index


def licence_text(wordnet: Path) -> str:
    """WordNet's licence as printed at the head of every data file ("  1 This software ...")."""
    out = []
    for line in _lines(wordnet / "data.noun"):
        if not line.startswith("  "):
            break
        out.append(re.sub(r"^\s+\d+ ?", "", line).rstrip())
    return "\n".join(out).strip() + "\n"


def _lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            yield line.rstrip("\n")


def wordnet_noun_expressions(synsets: Iterable[Synset]) -> set[str]:
    """The multiword lemmas that WordNet lists as nouns (compounds such as "heart attack").
    Verb and adverb entries ("take part", "set ahead") are kept as known expressions, so
    they are never flagged, but the near-miss detector does not build on them: their words
    swap freely in ordinary prose."""
    return wordnet_expression_lemmas(s for s in synsets if s.pos == "n")


def wordnet_expression_lemmas(synsets: Iterable[Synset]) -> set[str]:
    """Multiword lemmas (underscores or hyphens) as plain text, lowercase.

    Capitalised lemmas are proper names ("Abraham_Lincoln", "Yale_University") and are
    dropped, as are lemmas with digits. Institution names come only from the curated list,
    where each was checked to have no real namesake with a synonym swapped in ("Columbia
    University" / "Columbia College" are both real, so neither is listed)."""
    out = set()
    for synset in synsets:
        for word in synset.words:
            if "_" not in word and "-" not in word:
                continue
            if any(ch.isdigit() for ch in word):
                continue
            text = word.replace("_", " ")
            if text == text.lower():
                out.add(text)
    return out


def is_single_word(lemma: str) -> bool:
    return lemma.isalpha() and lemma.islower()


def wordnet_synonyms(synsets: dict[tuple[str, str], Synset],
                     index: list[tuple[str, str, tuple[str, ...]]],
                     keep=lambda word: True, cap: int = MAX_SYNONYMS) -> dict[str, set[str]]:
    """Co-members of a word's synsets, single lowercase alphabetic words only.

    A word's synsets are visited by sense rank (WordNet's index order, most frequent sense
    first, all parts of speech interleaved), so the cap drops the rarest senses."""
    ranked: dict[str, list[tuple[int, str, str]]] = {}
    for lemma, pos, offsets in index:
        if not is_single_word(lemma) or not keep(lemma):
            continue
        ranked.setdefault(lemma, []).extend((rank, pos, off) for rank, off in enumerate(offsets))
    out: dict[str, set[str]] = {}
    for lemma in sorted(ranked):
        chosen: list[str] = []
        for _rank, pos, off in sorted(ranked[lemma]):
            for word in synsets[(pos, off)].words:
                if word != lemma and is_single_word(word) and keep(word) and word not in chosen:
                    chosen.append(word)
        if chosen:
            out[lemma] = set(chosen[:cap])
    return symmetric(out)


def symmetric(relation: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for word, others in relation.items():
        for other in others:
            if other != word:
                out.setdefault(word, set()).add(other)
                out.setdefault(other, set()).add(word)
    return out


# --- curated files ---------------------------------------------------------------------

def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line


def read_curated_expressions(path: Path) -> list[tuple[int, str]]:
    return [(number, " ".join(line.lower().split())) for number, line in _content_lines(path)]


def read_thesaurus(path: Path, directed: bool = False
                   ) -> tuple[dict[str, set[str]], set[frozenset[str]]]:
    """`word: syn syn ...` adds pairs; `-word: syn ...` removes (WordNet) pairs. With
    `directed`, the relation is returned as written: original -> its spinner swaps."""
    add: dict[str, set[str]] = {}
    remove: set[frozenset[str]] = set()
    for number, line in _content_lines(path):
        head, sep, rest = line.partition(":")
        negate = head.startswith("-")
        head = head.lstrip("-").strip().lower()
        words = rest.lower().split()
        if not sep or not words:
            raise InputError(f"{path}:{number}: expected 'word: synonym synonym ...'")
        for word in (head, *words):
            if not is_single_word(word):
                raise InputError(f"{path}:{number}: '{word}' is not a single lowercase word")
        for word in words:
            if negate:
                remove.add(frozenset((head, word)))
            else:
                add.setdefault(head, set()).add(word)
    return (add if directed else symmetric(add)), remove


# --- tokenisation and output -----------------------------------------------------------

def tokenizer():
    import spacy
    return spacy.blank("en").tokenizer


def tokenize_all(texts: list[str], tok) -> dict[str, str]:
    """text -> space-joined spaCy tokens (lowercase)."""
    return {text: " ".join(t.text for t in doc if not t.is_space)
            for text, doc in zip(texts, tok.pipe(texts))}


def gzip_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buf.getvalue()


def expression_table(wordnet: set[str], curated: list[tuple[int, str]], tok,
                     where: str = "expressions.txt",
                     nouns: set[str] | None = None) -> tuple[dict[str, str], int]:
    """(tokenised expression -> source, number of curated entries WordNet also has).

    Sources: `curated`, `wordnet` (a WordNet noun compound) or `wordnet-phrase` (other
    WordNet entries; `nouns` None means all are nouns). A curated entry wins over the same
    WordNet one: it has been checked by a person."""
    tokens = tokenize_all(sorted(wordnet | {text for _, text in curated}), tok)
    table = {tokens[text]: "wordnet" if nouns is None or text in nouns else "wordnet-phrase"
             for text in wordnet if " " in tokens[text]}
    wordnet_tokens = set(table)
    for number, text in curated:
        if " " not in tokens[text]:
            raise InputError(f"{where}:{number}: '{text}' is a single token, not an expression")
        table[tokens[text]] = "curated"
    overlap = len({tokens[text] for _, text in curated if tokens[text] in wordnet_tokens})
    return table, overlap


def render_expressions(table: dict[str, str], header: str) -> str:
    return header + "".join(f"{expr}\t{src}\n" for expr, src in sorted(table.items()))


def render_synonyms(relation: dict[str, set[str]], header: str,
                    swaps: dict[str, set[str]] | None = None) -> str:
    """`word<TAB>syn syn <orig`: `<orig` marks that the curated spinner thesaurus lists
    `word` as a swap spinners make for `orig` (the direction matters: 'neighborhood' is a
    spinner's swap for 'community', not the other way round)."""
    swaps = swaps or {}

    def mark(word: str, syn: str) -> str:
        return ("<" + syn) if word in swaps.get(syn, ()) else syn
    return header + "".join(f"{w}\t{' '.join(mark(w, x) for x in sorted(s))}\n"
                            for w, s in sorted(relation.items()) if s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--rules", type=Path, default=ROOT / "rules" / "inventory")
    parser.add_argument("--out", type=Path, default=ROOT / "auditor" / "data")
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        print(f"error: no WordNet data.noun in {args.wordnet} "
              "(apt-get install wordnet-base, or pass --wordnet DIR)", file=sys.stderr)
        return 2
    from importlib.metadata import version
    from wordfreq import zipf_frequency

    synsets, index = read_wordnet(args.wordnet)
    try:
        curated = read_curated_expressions(args.rules / "expressions.txt")
        thesaurus, removals = read_thesaurus(args.rules / "thesaurus.txt")
        swaps, _ = read_thesaurus(args.rules / "thesaurus.txt", directed=True)
        expressions, overlap = expression_table(wordnet_expression_lemmas(synsets.values()), curated,
                                       tokenizer(), str(args.rules / "expressions.txt"),
                                       nouns=wordnet_noun_expressions(synsets.values()))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    def frequent(word: str) -> bool:
        return MIN_ZIPF <= zipf_frequency(word, "en") <= MAX_ZIPF

    relation = wordnet_synonyms(synsets, index, keep=frequent)
    for pair in removals:
        a, b = sorted(pair)
        relation.get(a, set()).discard(b)
        relation.get(b, set()).discard(a)
    for word, others in thesaurus.items():
        relation.setdefault(word, set()).update(others)

    header = (f"# built by scripts/build_tables.py from WordNet 3.0 and rules/inventory "
              f"(wordfreq {version('wordfreq')}, {MIN_ZIPF} <= zipf <= {MAX_ZIPF}, cap {MAX_SYNONYMS})\n")
    args.out.mkdir(parents=True, exist_ok=True)
    outputs = {
        "expressions.tsv.gz": gzip_bytes(render_expressions(expressions, header)),
        "synonyms.tsv.gz": gzip_bytes(render_synonyms(relation, header, swaps)),
        "WORDNET_LICENSE.txt": licence_text(args.wordnet).encode("utf-8"),
    }
    for name, data in outputs.items():
        (args.out / name).write_bytes(data)
    sources = list(expressions.values())
    print(f"expressions: {sources.count('wordnet')} wordnet nouns + "
          f"{sources.count('wordnet-phrase')} other wordnet + {sources.count('curated')} curated"
          f" ({overlap} curated entries are also in WordNet)")
    print(f"synonyms: {sum(1 for s in relation.values() if s)} words, "
          f"{sum(len(s) for s in relation.values()) // 2} pairs, "
          f"max list {max(len(s) for s in relation.values())}")
    for name, data in outputs.items():
        print(f"{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
