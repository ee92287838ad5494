"""Term damage for `benchmarks/spinlab.py terms`: frequent multiword terms of the reference
corpus with one or two words replaced by a thesaurus neighbour, each in a carrier sentence,
damaged and undamaged.

Terms are adjective/noun + noun bigrams and trigrams with a high count and a strong
association (PMI), taken from the shipped context model (`auditor.lexicon.langmodel`) or, when it
is not installed, from the held-out sentences. Terms written mostly with capitals in the
held-out text (names: "new york") are left out, and so is a term that shares a bigram with
a more frequent one already taken ("natural language" keeps out "natural language
processing").
"""
from __future__ import annotations

import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from spinlab_data import NUMBERS, STOP, TEMPLATES
from spinlab_score import Auditor, fmt, overlaps, plain, restores_all
from spinlab_spinner import (
    DICTIONARIES,
    Thesaurus,
    _lemma_table,
    inflect_entry,
    load_thesauri,
    options,
)
from spinlab_text import held_out_sentences

MIN_PMI = 3.0


_WORD = re.compile(r"[A-Za-z]+")
_GLUE = set("-/_'’&@") | set("0123456789")


def runs(sentence: str):
    """Runs of words with single spaces between them: [(start, end, word as written, glued)],
    `glued` when the word is part of a longer token ("state-of-the-art", "anti-rabbit")."""
    run: list[tuple[int, int, str, bool]] = []
    for m in _WORD.finditer(sentence):
        before = sentence[m.start() - 1] if m.start() else " "
        after = sentence[m.end()] if m.end() < len(sentence) else " "
        glued = before in _GLUE or after in _GLUE
        if run and sentence[run[-1][1]:m.start()] != " ":
            yield run
            run = []
        run.append((m.start(), m.end(), m.group(), glued))
    if run:
        yield run


def term_shape(words: tuple[str, ...], pos: dict[str, str]) -> bool:
    """Adjective/noun (+ noun) + noun, no stop or number words, modifiers uninflected."""
    if any(w in STOP or w in NUMBERS or len(w) < 3 or not w.isalpha() for w in words):
        return False
    head = words[-1]
    if "n" not in pos.get(head, "") and "n" not in pos.get(_lemma_table(head), ""):
        return False
    if head.endswith("ed") and _lemma_table(head) != head:
        return False                                # "protein called"
    return all(set(pos.get(w, "")) & {"n", "a", "s"} and not w.endswith(("ly", "ing", "ed"))
               and _lemma_table(w) == w for w in words[:-1])


def _frequent(n: int, floor: int):
    """(n-gram, count) of the model's n-grams counted at least `floor` times."""
    import numpy

    from auditor.lexicon import langmodel
    if hasattr(langmodel, "_arrays"):           # format 2: packed keys, vocabulary trie
        keys, counts, _ = langmodel._arrays(n)
        bits = langmodel.id_bits()
        mask = (1 << bits) - 1
        word = langmodel.vocab().restore_key
        for i in numpy.nonzero(numpy.asarray(counts) >= floor)[0]:
            key = int(keys[i])
            ids = [(key >> (bits * (n - 1 - j))) & mask for j in range(n)]
            yield " ".join(word(x) for x in ids), int(counts[i])
    else:                                       # format 1: one trie per order
        trie, counts = langmodel._order(n)[:2]
        for i in numpy.nonzero(numpy.asarray(counts) >= floor)[0]:
            yield trie.restore_key(int(i)), int(counts[i])


def _verbish(word: str) -> bool:
    """Whether the model sees the word after "to" more than after an article (play, know)."""
    from auditor.lexicon import langmodel
    nominal = sum(langmodel.count(f"{d} {word}") for d in ("the", "a", "an"))
    return langmodel.count(f"to {word}") > nominal


def model_terms(pos: dict[str, str], min_count: int = 30) -> list[tuple[str, float, int]]:
    """(term, PMI, count) of frequent bigrams and trigrams of the shipped context model."""
    from auditor.lexicon import langmodel
    total = langmodel.total()
    out = []
    for n, floor in ((2, min_count), (3, min_count // 2)):
        for term, c in _frequent(n, floor):
            words = tuple(term.split(" "))
            if not term_shape(words, pos):
                continue
            singles = [langmodel.count(w) for w in words]
            if min(singles) and not any(_verbish(w) for w in words[:-1]):
                out.append((term, math.log(c * total ** (n - 1) / math.prod(singles)), c))
    return out


def passage_terms(sentences: list[str], pos: dict[str, str], min_count: int = 5):
    """The same from the held-out sentences (when the model is not installed)."""
    unigrams, ngrams = Counter(), Counter()
    for sentence in sentences:
        for run in runs(sentence):
            words = [w.lower() for _, _, w, _ in run]
            unigrams.update(words)
            for n in (2, 3):
                ngrams.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1)
                              if not (run[i][3] or run[i + n - 1][3]))
    total = sum(unigrams.values())
    out = []
    for words, c in ngrams.items():
        if c >= min_count and term_shape(words, pos):
            pmi = math.log(c * total ** (len(words) - 1) / math.prod(unigrams[w] for w in words))
            out.append((" ".join(words), pmi, c))
    return out


def occurrences(terms: set[str], sentences: list[str]) -> tuple[dict, Counter, Counter]:
    """term -> (first sentence with it in lowercase, not sentence-first, offset), and how
    often each term is written in lowercase and otherwise."""
    places: dict[str, tuple[str, int]] = {}
    lower, other = Counter(), Counter()
    for sentence in sentences:
        for run in runs(sentence):
            for n in (2, 3):
                for i in range(len(run) - n + 1):
                    written = " ".join(w for _, _, w, _ in run[i:i + n])
                    term = written.lower()
                    if term not in terms:
                        continue
                    if run[i][3] or run[i + n - 1][3]:
                        other[term] += 1          # part of a hyphenated compound
                        continue
                    if written != term:
                        # capitals beyond a sentence's first letter: a name, a title
                        other[term] += run[i][0] > 0 or written[1:] != term[1:]
                        continue
                    lower[term] += 1
                    if run[i][0] > 0:
                        places.setdefault(term, (sentence, run[i][0]))
    return places, lower, other


def choose_terms(candidates, k: int, lower: Counter, other: Counter) -> list[str]:
    """The k most frequent strongly associated terms, about a third of them trigrams."""
    chosen: list[str] = []
    bigrams_taken: set[str] = set()
    quota = {2: k - k // 3, 3: k // 3}
    for term, pmi, _ in sorted(candidates, key=lambda t: (-t[2], t[0])):
        words = term.split(" ")
        if pmi < MIN_PMI or quota[len(words)] == 0 or other[term] > lower[term]:
            continue
        pairs = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
        singular = " ".join(words[:-1] + [_lemma_table(words[-1])])
        if pairs & bigrams_taken or singular in bigrams_taken:
            continue
        chosen.append(term)
        bigrams_taken |= pairs | {singular}
        quota[len(words)] -= 1
    return sorted(chosen)


def damage(term: str, th: Thesaurus, rng: random.Random) -> tuple[str, int] | None:
    """The term with one (70%) or two of its words replaced by thesaurus neighbours."""
    words = term.split(" ")
    slots = [i for i, w in enumerate(words) if options(th, w, single=True)]
    if not slots:
        return None
    k = 2 if len(slots) > 1 and rng.random() < 0.3 else 1
    out = list(words)
    for i in sorted(rng.sample(slots, k)):
        entry, cat, noun_like = rng.choice(options(th, words[i], single=True))
        out[i] = inflect_entry(entry, cat, noun_like)
    return " ".join(out), k


def term_items(terms, places, thesauri, seed: int) -> list[dict]:
    items = []
    for term in terms:
        rng = random.Random(f"{seed}/{term}/term")
        dictionary = rng.choice(sorted(thesauri))
        damaged = damage(term, thesauri[dictionary], rng)
        if not damaged:
            continue
        if term in places:
            (sentence, at), carrier = places[term], "held-out"
        else:
            sentence, carrier = rng.choice(TEMPLATES).replace("{}", term), "template"
            at = sentence.index(term)
        items.append({"term": term, "damaged": damaged[0], "words_damaged": damaged[1],
                      "dictionary": dictionary, "carrier": carrier, "start": at,
                      "original_text": sentence,
                      "damaged_text": sentence[:at] + damaged[0] + sentence[at + len(term):]})
    return items


def term_metrics(items: list[dict]) -> dict:
    out = {"items": len(items)}
    for level in ("warning", "all"):
        found = flagged = restored = 0
        for it in items:
            keep = [f for f in it["damaged_audit"]["findings"] if level == "all" or f["warning"]]
            span = {"start": it["start"], "end": it["start"] + len(it["damaged"])}
            hits = [f for f in keep if overlaps(f, span)]
            found += bool(hits)
            restored += bool(hits) and restores_all(it["damaged_text"], hits, it["original_text"])
            keep = [f for f in it["original_audit"]["findings"] if level == "all" or f["warning"]]
            span = {"start": it["start"], "end": it["start"] + len(it["term"])}
            flagged += any(overlaps(f, span) for f in keep)
        out[level] = {"recall": found / len(items) if items else None,
                      "false_flags": flagged / len(items) if items else None,
                      "restored": restored / found if found else None}
    return out


def term_rows(items: list[dict]) -> list:
    groups = defaultdict(list)
    for it in items:
        n = f"{it['term'].count(' ') + 1}-word"
        for key in ((n, it["dictionary"], str(it["words_damaged"])), (n, "all", "all"),
                    ("all", it["dictionary"], "all"), ("all", "all", "all")):
            groups[key].append(it)
    return sorted(((k, term_metrics(v)) for k, v in groups.items()),
                  key=lambda kv: tuple((part == "all", part) for part in kv[0]))


def term_table(rows, title: str) -> str:
    lines = [f"### {title}", "",
             "| term | dict | words damaged | items | recall (warn) | recall (all) | "
             "false flags (warn) | false flags (all) | restored (warn) | restored (all) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (n, dictionary, k), m in rows:
        w, a = m["warning"], m["all"]
        lines.append(f"| {n} | {dictionary} | {k} | {m['items']} | {fmt(w['recall'])} | "
                     f"{fmt(a['recall'])} | {fmt(w['false_flags'])} | {fmt(a['false_flags'])} | "
                     f"{fmt(w['restored'])} | {fmt(a['restored'])} |")
    return "\n".join(lines)


def run_terms(args) -> int:
    start = time.time()
    names = list(DICTIONARIES) if args.dictionary == "both" else [args.dictionary]
    thesauri = load_thesauri(names)
    pos = thesauri[names[0]].pos
    sentences = held_out_sentences(args.seed, Path(args.shared))
    try:
        candidates, origin = model_terms(pos), "the shipped context model"
    except (ImportError, OSError, RuntimeError) as exc:   # not installed, or being rebuilt
        print(f"context model unavailable ({exc}): terms from held-out sentences",
              file=sys.stderr)
        candidates, origin = passage_terms(sentences, pos), "held-out sentences"
    pool = sorted((t for t in candidates if t[1] >= MIN_PMI), key=lambda t: -t[2])
    pool = pool[:20 * args.terms]
    places, lower, other = occurrences({t for t, _, _ in pool}, sentences)
    terms = choose_terms(pool, args.terms, lower, other)
    items = term_items(terms, places, thesauri, args.seed)
    print(f"{len(terms)} terms from {origin}, {len(items)} damaged, "
          f"{sum(it['carrier'] == 'held-out' for it in items)} in held-out sentences "
          f"({time.time() - start:.0f} s)", file=sys.stderr)
    auditor = Auditor()
    for it in items:
        it["original_audit"] = auditor("term", it["original_text"])
        it["damaged_audit"] = auditor("term", it["damaged_text"])
    rows = term_rows(items)
    text = term_table(rows, f"Term damage: {len(items)} terms from {origin}, seed {args.seed}")
    print(text if args.markdown else plain(text))
    if args.json:
        dump = {"settings": vars(args), "origin": origin,
                "groups": [{"term": k[0], "dictionary": k[1], "words_damaged": k[2], **m}
                           for k, m in rows], "items": items}
        Path(args.json).write_text(json.dumps(dump, indent=1), encoding="utf-8")
    print(f"({time.time() - start:.0f} s)", file=sys.stderr)
    return 0
