"""Build the context model shipped in `auditor/data/context/`: word 1-, 2- and 3-gram counts
of the reference corpus (`../shared/corpora/reference`), pruned and stored as memory-mapped
marisa tries with NumPy count arrays (read by `auditor/lexicon/langmodel.py`).

    python scripts/build_context_model.py count   [--reference DIR] [--work DIR] [--jobs 2]
    python scripts/build_context_model.py encode  [--work DIR] [--out auditor/data/context]

`count` tokenizes every document with spaCy's English tokenizer (the one auditor runs),
spells tokens the way `auditor.lexicon.langmodel.normalize` does, and counts n-grams that do not
cross a non-word token. It writes the raw counts to the work folder (default
`build/context-counts`, several hundred MB, not committed). `encode` prunes them
(`MIN_COUNT`) and writes the shipped files. Same input, same bytes: documents are read in
file order, n-grams are sorted before encoding, and no timestamp is written.

What is left out, and why:
- documents held out for measurement (`held_out(id)`: one in twenty by a hash of the id),
  used by `benchmarks/spinlab.py` as text the model has never seen;
- the share-alike and GPL collections of `techdocs` (`EXCLUDED_COLLECTIONS`), so that the
  model's data is distributed under attribution-only terms (see LICENSE.md in the output).
The clean corpora (Wikipedia, MedQuAD, the 18F blog) are not in the reference folder and
are never read here.

Run time on 2 cores: about 6 minutes for `count` (spaCy's tokenizer is most of it), under
2 minutes for `encode`; peak memory about 6 GB.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from multiprocessing import Pool
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.lexicon.langmodel import normalize  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "corpora" / "reference"
WORK = ROOT / "build" / "context-counts"
OUT = ROOT / "auditor" / "data" / "context"
SOURCES = ("openstax", "elife", "acl", "gutenberg", "techdocs", "govdocs")
EXCLUDED_COLLECTIONS = ("rails-guides", "python-packaging-guide", "git-docs", "ansible-docs")
HOLD_OUT_EVERY = 20
MIN_COUNT = {1: 2, 2: 2, 3: 2}
ID_BITS = 21                      # build-time word ids: up to 2,097,151 distinct words
OUT_ID_BITS = 18                  # shipped word ids (words kept after pruning): up to 262,143
CHUNK_TOKENS = 4_000_000
TERM_MIN_COUNT = 10
TERM_MIN_PMI = 3.0


def held_out(doc_id: str) -> bool:
    """Whether a reference document is kept out of the model for measurement."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % HOLD_OUT_EVERY == 0


def excluded(doc_id: str) -> bool:
    parts = doc_id.split("/")
    return len(parts) > 1 and parts[0] == "techdocs" and parts[1] in EXCLUDED_COLLECTIONS


def documents(reference: Path):
    """(id, text) of every reference document that goes into the model, in file order."""
    for source in SOURCES:
        for part in sorted((reference / source).glob("part-*.jsonl.gz")):
            with gzip.open(part, "rt", encoding="utf-8") as fh:
                for line in fh:
                    doc = json.loads(line)
                    if held_out(doc["id"]) or excluded(doc["id"]):
                        continue
                    yield doc["id"], doc["text"]


_NLP = None


def _segments(text: str) -> str:
    """The document's word runs, words joined by spaces, runs by newlines."""
    global _NLP
    if _NLP is None:
        import spacy
        _NLP = spacy.blank("en")
    runs, current = [], []
    for token in _NLP.tokenizer(text):
        word = normalize(token.text) if not token.is_space else None
        if word is None:
            if current:
                runs.append(" ".join(current))
                current = []
        else:
            current.append(word)
    if current:
        runs.append(" ".join(current))
    return "\n".join(runs)


def _texts(reference: Path):
    for _, text in documents(reference):
        yield text


def count(reference: Path, work: Path, jobs: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    vocab: dict[str, int] = {}
    partial = {1: [], 2: [], 3: []}
    ids: list[int] = []
    docs = 0

    def flush():
        if not ids:
            return
        arr = numpy.asarray(ids, dtype=numpy.int64)
        for n, keys in _ngram_keys(arr).items():
            uniq, cnt = numpy.unique(keys, return_counts=True)
            partial[n].append((uniq, cnt.astype(numpy.int64)))
        ids.clear()

    with Pool(jobs) as pool:
        for segs in pool.imap(_segments, _texts(reference), chunksize=16):
            docs += 1
            for seg in segs.split("\n"):
                if not seg:
                    continue
                for word in seg.split(" "):
                    wid = vocab.get(word)
                    if wid is None:
                        wid = vocab[word] = len(vocab)
                    ids.append(wid)
                ids.append(-1)
            if len(ids) >= CHUNK_TOKENS:
                flush()
                print(f"{docs} documents, {len(vocab)} words", file=sys.stderr)
    flush()
    if len(vocab) >= 1 << ID_BITS:
        raise SystemExit(f"{len(vocab)} distinct words: more than {ID_BITS}-bit ids hold")
    words = sorted(vocab, key=vocab.get)
    (work / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    for n, parts in partial.items():
        keys = numpy.concatenate([k for k, _ in parts])
        cnts = numpy.concatenate([c for _, c in parts])
        uniq, inverse = numpy.unique(keys, return_inverse=True)
        totals = numpy.bincount(inverse, weights=cnts).astype(numpy.int64)
        numpy.save(work / f"{n}.keys.npy", uniq)
        numpy.save(work / f"{n}.counts.npy", totals)
        print(f"order {n}: {len(uniq)} distinct, {int(totals.sum())} in all", file=sys.stderr)
    (work / "stats.json").write_text(json.dumps({"documents": docs}), encoding="utf-8")


def _ngram_keys(arr: numpy.ndarray) -> dict[int, numpy.ndarray]:
    """Keys of every n-gram inside the runs of `arr` (word ids, -1 between runs)."""
    out = {}
    valid = arr >= 0
    out[1] = arr[valid]
    for n in (2, 3):
        m = len(arr) - n + 1
        ok = numpy.ones(m, dtype=bool)
        key = numpy.zeros(m, dtype=numpy.int64)
        for j in range(n):
            ok &= valid[j:j + m]
            key = (key << ID_BITS) | numpy.where(valid[j:j + m], arr[j:j + m], 0)
        out[n] = key[ok]
    return out


def _followers(work: Path) -> dict[int, tuple[numpy.ndarray, numpy.ndarray]]:
    """For orders 1 and 2: each n-gram's number of distinct following words, counted before
    pruning (Witten-Bell smoothing's T(h)); as (sorted n-gram keys, counts)."""
    out = {}
    for n in (2, 3):
        prefixes = numpy.load(work / f"{n}.keys.npy") >> ID_BITS  # sorted keys: sorted prefixes
        out[n - 1] = numpy.unique(prefixes, return_counts=True)
    return out


def encode(work: Path, out: Path) -> None:
    """Prune and write the shipped files (format in auditor/lexicon/langmodel.py)."""
    import marisa_trie

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*grams.*"):
        old.unlink()
    words = (work / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
    meta = {"format": 2, "orders": [1, 2, 3], "id_bits": OUT_ID_BITS,
            "min_count": {str(k): v for k, v in MIN_COUNT.items()},
            "sources": list(SOURCES), "excluded_collections": list(EXCLUDED_COLLECTIONS),
            "hold_out_every": HOLD_OUT_EVERY,
            "documents": json.loads((work / "stats.json").read_text())["documents"]}
    followers = _followers(work)
    # order 1: the vocabulary is a marisa trie whose key ids are the shipped word ids
    ids1 = numpy.load(work / "1.keys.npy")
    c1 = numpy.load(work / "1.counts.npy")
    meta["tokens"], meta["types"] = int(c1.sum()), int(len(c1))
    kept = ids1[c1 >= MIN_COUNT[1]].tolist()
    vocab = marisa_trie.Trie([words[i] for i in kept])
    if len(vocab) >= 1 << OUT_ID_BITS:
        raise SystemExit(f"{len(vocab)} words kept: more than {OUT_ID_BITS}-bit ids hold")
    new_id = numpy.full(len(words), -1, dtype=numpy.int64)
    new_id[kept] = [vocab.key_id(words[i]) for i in kept]
    vocab.save(str(out / "vocab.marisa"))
    meta["1grams"] = len(vocab)
    for n in (1, 2, 3):
        keys = numpy.load(work / f"{n}.keys.npy")
        cnts = numpy.load(work / f"{n}.counts.npy")
        keep = cnts >= MIN_COUNT[n]
        keys, cnts = keys[keep], cnts[keep]
        new_keys = _rekey(keys, n, new_id)
        order = numpy.argsort(new_keys, kind="stable")
        if n > 1:
            numpy.save(out / f"{n}grams.keys.npy", new_keys[order])
            meta[f"{n}grams"] = int(len(new_keys))
        numpy.save(out / f"{n}grams.counts.npy", _u32(cnts[order]))
        if n in followers:
            fkeys, fcounts = followers[n]
            at = numpy.minimum(numpy.searchsorted(fkeys, keys), len(fkeys) - 1)
            found = numpy.where(fkeys[at] == keys, fcounts[at], 0)
            numpy.save(out / f"{n}grams.followers.npy", _u32(found[order]))
        print(f"order {n}: kept {len(keys)}", file=sys.stderr)
    meta["terms"] = _write_terms(out, vocab, meta["tokens"])
    (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")


def _rekey(keys: numpy.ndarray, n: int, new_id: numpy.ndarray) -> numpy.ndarray:
    """Build-time n-gram keys (ID_BITS per word) -> shipped keys (OUT_ID_BITS per word, the
    word ids of the shipped vocabulary). For order 1 the key is the word id itself, so the
    unigram arrays are indexed by word id."""
    mask = (1 << ID_BITS) - 1
    out = numpy.zeros(len(keys), dtype=numpy.int64)
    for j in range(n):
        out = (out << OUT_ID_BITS) | new_id[(keys >> (ID_BITS * (n - 1 - j))) & mask]
    return out


def _u32(values: numpy.ndarray) -> numpy.ndarray:
    return numpy.minimum(values, numpy.iinfo(numpy.uint32).max).astype(numpy.uint32)


def _write_terms(out: Path, vocab, tokens: int) -> int:
    """The terms index: two-word collocations of content words (at least TERM_MIN_COUNT
    occurrences, pointwise mutual information at least TERM_MIN_PMI nats), as the sorted
    packed keys of those bigrams (`terms.npy`), so that the context tier can test every pair
    of synonyms of two swapped words at once."""
    from spacy.lang.en.stop_words import STOP_WORDS

    uni = numpy.load(out / "1grams.counts.npy").astype(numpy.float64)
    keys = numpy.load(out / "2grams.keys.npy")
    cnts = numpy.load(out / "2grams.counts.npy").astype(numpy.float64)
    first, second = keys >> OUT_ID_BITS, keys & ((1 << OUT_ID_BITS) - 1)
    pmi = numpy.log(cnts * tokens / (uni[first] * uni[second]))
    strong = (cnts >= TERM_MIN_COUNT) & (pmi >= TERM_MIN_PMI)
    content = numpy.asarray([w.isalpha() and w not in STOP_WORDS
                             for w in (vocab.restore_key(i) for i in range(len(vocab)))])
    strong &= content[first] & content[second]
    terms = keys[strong]  # already sorted
    numpy.save(out / "terms.npy", terms)
    return int(len(terms))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", choices=("count", "encode"))
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.stage == "count":
        count(args.reference, args.work, args.jobs)
    else:
        encode(args.work, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
