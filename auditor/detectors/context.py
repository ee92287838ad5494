"""The context tier: words that a spinner put where edited English puts something else.

A spinner replaces a word with one of its thesaurus entries without looking at context, so
the word it leaves is one that writers do not use there ("GitHub storehouse", "mental
health preconception", "tyke hubs"), while the word it replaced is what they do use. For
each content word (or pair of adjacent words) whose own context is not attested in the
reference corpus, the tier asks the backwards thesaurus (`auditor.lexicon.thesaurus`) which
originals it could stand for, and the n-gram model (`auditor.lexicon.langmodel`) how well each
fits the same context. A finding needs all three:

(a) the original lists the written word as a thesaurus entry (WordNet, Moby, curated); for
    two words replaced at once, the originals form a term of the reference corpus;
(b) the original fits the context far better: the log-likelihood ratio of the window around
    it (`context_scoring.association`) reaches `min_llr`, the original occurs beside one of
    the written word's neighbours at least `MIN_EVIDENCE` times, and the spin evidence (the
    log of the mean ratio over the originals, a spinner's dictionary taken to offer
    `PRIOR_CAP` swaps per word) reaches `min_nats`: `auditor.core.scoring.CONTEXT_MIN_NATS`
    by default, `CONTEXT_EVIDENCE_NATS` in auditor's own pipeline, whose runner weighs the
    weaker findings in the verdict and reports them only in a spun document
    (`auditor.core.scoring.promoted`);
(c) what is written is not attested there: its trigrams with the neighbours are unseen and
    its bigrams with content words beside it occur at most `MAX_WRITTEN` times.

Severity follows the evidence (`auditor.core.scoring.context_severity`); below the warning level
a finding is a suggestion, hidden by default but counted in the verdict. Capitalised words inside a
sentence (names), acronyms, mixed-case words, numbers, quoted text and words an earlier tier
reported are never looked at; masked Markdown (code, URLs) reaches the pipeline as spaces,
which end a run of words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_SPACE, IS_TITLE, LENGTH, ORTH, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import langmodel, thesaurus
from ..core.findings import Finding
from ..core.registry import code_rule
from ..core.scoring import CONTEXT_ERROR_NATS, CONTEXT_MIN_NATS, context_severity
from . import context_scoring as scoring
from .base import add_findings, taken_chars, text_of

RULES = {"word": code_rule("context.unlikely-word"), "term": code_rule("context.unlikely-term")}
MIN_LLR = 2.0         # nats: the best original's context fits at least e^2 ≈ 7 times better
MIN_EVIDENCE = 3      # the original beside a neighbour of the written word, at least
PRIOR_CAP = 10        # a spinner's dictionary offers about this many swaps per original
MAX_WRITTEN = 1       # the written word's bigrams with its neighbours, at most
MIN_WORD_LENGTH = 3
MAX_ORIGINALS = 40    # originals looked at per word: the most frequent in the corpus
MAX_SCORED = 12       # originals scored per word (the most frequent beside a neighbour)
_QUOTED = re.compile(r"“[^”\n]{0,300}”|\"[^\"\n]{0,300}\"|‘[^’\n]{0,300}’")


@dataclass(frozen=True)
class Candidate:
    start: int                 # flat positions [start, end) replaced
    end: int
    original: tuple[str, ...]  # what the text would read there
    llr: float                 # best original against the written words (nats)
    gen: float                 # log mean likelihood ratio over every original tried
    tried: int
    flags: str                 # thesaurus sources


@Language.factory("auditor_context",
                  default_config={"min_llr": MIN_LLR, "min_nats": CONTEXT_MIN_NATS})
def make_context(nlp: Language, name: str, min_llr: float, min_nats: float):
    return ContextDetector(min_llr, min_nats)


class ContextDetector:
    def __init__(self, min_llr: float = MIN_LLR, min_nats: float = CONTEXT_MIN_NATS):
        self.min_llr = min_llr
        self.min_nats = min_nats

    def __call__(self, doc: Doc) -> Doc:
        if not langmodel.available() or not len(doc):
            return doc
        text = text_of(doc)
        taken = taken_chars(doc) + [m.span() for m in _QUOTED.finditer(text)]
        seq = _Sequence(doc, taken)
        if len(seq.words) < 2:
            return doc
        found = self.candidates(seq)
        evidence = _evidence_all(seq, found)
        items = []
        for cand, ev in zip(found, evidence):
            first, last = doc[seq.tokens[cand.start]], doc[seq.tokens[cand.end - 1]]
            items.append((doc[first.i:last.i + 1], _finding(text, first, last, cand, ev)))
        add_findings(doc, items)
        return doc

    def candidates(self, seq: "_Sequence") -> list[Candidate]:
        """Findings-to-be, longest slots first; a word is reported once."""
        options = Options.join([_term_options(seq), _word_options(seq)])
        # two-word slots first, then the strongest; every kind scored in one pass
        scored = sorted(_score(seq, options, self.min_llr, self.min_nats),
                        key=lambda c: (c.start - c.end, -c.llr, c.start))
        used = numpy.zeros(len(seq.words), dtype=bool)
        found = []
        for cand in scored:
            if used[cand.start:cand.end].any():
                continue
            used[cand.start:cand.end] = True
            found.append(cand)
        return sorted(found, key=lambda c: c.start)


class _Sequence:
    """The document's runs of model words, flattened: word, id, token index and run number
    per position, where each position's run starts and ends, and the counts of the bigram
    and trigram starting at each position (-1 where none starts)."""

    def __init__(self, doc: Doc, taken):
        cols = doc.to_array([ORTH, IS_ALPHA, IS_LOWER, IS_TITLE, SENT_START, IDX, IS_SPACE, LENGTH])
        # what the model knows of each token comes from its type, computed once per process
        types, of_token = numpy.unique(cols[:, 0], return_inverse=True)
        info = _type_info(types, doc.vocab.strings)
        model_word = info["ok"][of_token] & (cols[:, 6] == 0)
        # a token that is not a word ends the run; so does whitespace other than one space
        # (line breaks, masked Markdown), which spaCy makes a token of its own
        tok = numpy.flatnonzero(model_word)
        self.run = numpy.cumsum(~model_word)[tok]
        self.tokens = tok.tolist()
        kind = of_token[tok]
        self.words = info["word"][kind].tolist()
        self.ids = info["id"][kind]
        n = len(tok)
        starts = numpy.flatnonzero(numpy.r_[True, self.run[1:] != self.run[:-1]]) if n else []
        lengths = numpy.diff(numpy.r_[starts, n]) if n else []
        self.run_start = numpy.repeat(starts, lengths) if n else self.run
        self.run_end = numpy.repeat(numpy.r_[starts[1:], n], lengths) if n else self.run
        f = cols[tok]
        alpha, lower, title, sent_start = f[:, 1] == 1, f[:, 2] == 1, f[:, 3] == 1, f[:, 4] == 1
        self.stop = info["stop"][kind]
        self.eligible = alpha & (lower | (title & sent_start)) & info["long"][kind] & ~self.stop
        char_start = f[:, 5].astype(numpy.int64)
        char_end = char_start + f[:, 7].astype(numpy.int64)
        for s, e in taken:  # reported already, or quoted
            self.eligible &= ~((char_start < e) & (char_end > s))
        self.bigram = numpy.full(n, -1, dtype=numpy.int64)
        self.trigram = numpy.full(n, -1, dtype=numpy.int64)
        if n >= 2:
            ok = self.run[:-1] == self.run[1:]
            counts = langmodel.lookup(2, langmodel.keys(self.ids[:-1], self.ids[1:]))
            self.bigram[:-1] = numpy.where(ok, counts, -1)
        if n >= 3:
            ok = (self.run[:-2] == self.run[1:-1]) & (self.run[1:-1] == self.run[2:])
            counts = langmodel.lookup(3, langmodel.keys(self.ids[:-2], self.ids[1:-1], self.ids[2:]))
            self.trigram[:-2] = numpy.where(ok, counts, -1)

    def rows(self, slots: list[tuple[int, int]]) -> numpy.ndarray:
        """One row of word ids per (start, end) slot, laid out as `context_scoring` reads them:
        up to two words before the slot (right-aligned), the slot, up to two words after, all
        in the slot's run; NONE where there is no word."""
        start = numpy.asarray([s for s, _ in slots], dtype=numpy.int64)
        end = numpy.asarray([e for _, e in slots], dtype=numpy.int64)
        out = numpy.full((len(slots), scoring.WIDTH), scoring.NONE, dtype=numpy.int64)
        last = len(self.ids) - 1
        for col, shift in ((0, -2), (1, -1)):
            at = start + shift
            out[:, col] = numpy.where(at >= self.run_start[start],
                                      self.ids[numpy.clip(at, 0, last)], scoring.NONE)
        out[:, 2] = self.ids[start]
        two = numpy.flatnonzero(end - start == 2)
        out[two, 3] = self.ids[start[two] + 1]
        for shift in (0, 1):
            at = end + shift
            inside = numpy.flatnonzero(at < self.run_end[end - 1])
            out[inside, 2 + (end - start)[inside] + shift] = self.ids[at[inside]]
        return out

    def unattested_words(self) -> numpy.ndarray:
        """`unattested(i, i + 1)` for every position at once."""
        n = len(self.words)

        def at(values, shift):  # values[i + shift], -1 outside
            out = numpy.full(n, -1, dtype=numpy.int64)
            if shift < 0:
                out[-shift:] = values[:n + shift]
            else:
                out[:n - shift] = values[shift:]
            return out

        trigrams = [at(self.trigram, -2), at(self.trigram, -1), self.trigram]
        bigrams = [at(self.bigram, -1), self.bigram]
        seen = numpy.zeros(n, dtype=bool)
        bad = numpy.zeros(n, dtype=bool)
        for g in trigrams:
            seen |= g >= 0
            bad |= g > 0
        stop = self.stop.astype(numpy.int64)
        for g, neighbour in zip(bigrams, (at(stop, -1), at(stop, 1))):
            seen |= g >= 0
            bad |= (g > MAX_WRITTEN) & (neighbour != 1)  # "of X" is attested for any noun X
        return seen & ~bad

    def unattested(self, start: int, end: int) -> bool:
        """(c): every trigram overlapping the slot and reaching outside it is unseen, every
        such bigram with a content word beside the slot occurs at most MAX_WRITTEN times
        ("of X" is attested for any noun X), and there is at least one."""
        seen = False
        for a in range(max(0, start - 2), end):
            g = self.trigram[a]
            if g >= 0 and (a < start or a + 3 > end):
                if g > 0:
                    return False
                seen = True
        for a in range(max(0, start - 1), end):
            g = self.bigram[a]
            if g >= 0 and (a < start or a + 2 > end):
                neighbour = a if a < start else a + 1
                if g > MAX_WRITTEN and not self.stop[neighbour]:
                    return False
                seen = True
        return seen


_TYPES: dict[int, tuple] = {}  # orth hash -> (model word or "", word id, stop, long enough)


def _type_info(orth_ids: numpy.ndarray, strings) -> dict[str, numpy.ndarray]:
    """Per token type (spaCy orth hash): its spelling in the model (`langmodel.normalize`),
    word id (-1 unknown), whether it is a stop word and long enough to be looked at."""
    rows = []
    for h in orth_ids.tolist():
        row = _TYPES.get(h)
        if row is None:
            word = langmodel.normalize(strings[h]) or ""
            row = (word, -1, word in STOP_WORDS, len(word) >= MIN_WORD_LENGTH)
            if word:
                row = (word, int(langmodel.word_ids([word])[0]), row[2], row[3])
            if len(_TYPES) < 500_000:
                _TYPES[h] = row
        rows.append(row)
    word, ids, stop, long = zip(*rows) if rows else ((), (), (), ())
    word = numpy.asarray(word, dtype=object)
    return {"word": word, "ok": word != "", "id": numpy.asarray(ids, dtype=numpy.int64),
            "stop": numpy.asarray(stop, dtype=bool), "long": numpy.asarray(long, dtype=bool)}


@dataclass
class Options:
    """Originals for slots of written words, as arrays (one row per original)."""

    slots: list[tuple[int, int]]  # flat positions [start, end) of the written words
    among: list[int]              # per slot: how many originals the thesaurus offers
    slot: numpy.ndarray           # per original: its slot
    ids: numpy.ndarray            # per original: its word ids, (n, 2), -1 for no 2nd word
    flags: numpy.ndarray          # per original: thesaurus sources (thesaurus.FLAG_BITS)

    @staticmethod
    def join(parts: list["Options"]) -> "Options":
        parts = [p for p in parts if len(p.slot)]
        if not parts:
            return Options([], [], numpy.zeros(0, int), numpy.zeros((0, 2), int), numpy.zeros(0, int))
        offsets = numpy.cumsum([0] + [len(p.slots) for p in parts])
        return Options([s for p in parts for s in p.slots], [a for p in parts for a in p.among],
                       numpy.concatenate([p.slot + o for p, o in zip(parts, offsets)]),
                       numpy.concatenate([p.ids for p in parts]),
                       numpy.concatenate([p.flags for p in parts]))


def _word_options(seq: _Sequence) -> Options:
    """Every one-word original of every eligible word that passes (c) and occurs beside a
    neighbour of the word (`_near_neighbours`)."""
    slots = [(i, i + 1, seq.words[i])
             for i in numpy.flatnonzero(seq.eligible & seq.unattested_words()).tolist()]
    return _near_neighbours(seq, slots)


def _term_options(seq: _Sequence) -> Options:
    """Two adjacent words that are synonyms of the two words of a term of the corpus: every
    pair of their originals, for every such slot, tested against the terms index at once."""
    words, ok = seq.words, seq.eligible
    can_start, can_end = thesaurus.term_words()
    # two eligible words side by side in one run, never seen together
    pairs = numpy.flatnonzero(ok[:-1] & ok[1:] & (seq.run[:-1] == seq.run[1:])
                              & (seq.bigram[:-1] == 0)).tolist() if len(words) > 1 else []
    slots, among, pair_of, firsts, seconds, flags = [], [], [], [], [], []
    for i in pairs:
        first, f1 = thesaurus.original_ids(words[i])
        second, f2 = thesaurus.original_ids(words[i + 1])
        if not len(first) or not len(second) or not seq.unattested(i, i + 2):
            continue
        x = numpy.flatnonzero(can_start[first])  # only words that begin / end some term
        y = numpy.flatnonzero(can_end[second])
        if not len(x) or not len(y):
            continue
        a, b = numpy.repeat(x, len(y)), numpy.tile(y, len(x))
        pair_of.append(numpy.full(len(a), len(slots)))
        firsts.append(first[a])
        seconds.append(second[b])
        flags.append(f1[a].astype(int) | f2[b].astype(int))
        slots.append((i, i + 2))
        among.append(len(first) * len(second))
    if not slots:
        return Options.join([])
    firsts, seconds = numpy.concatenate(firsts), numpy.concatenate(seconds)
    hits = numpy.flatnonzero(thesaurus.are_terms(langmodel.keys(firsts, seconds)))
    slot = numpy.concatenate(pair_of)[hits]
    used = numpy.unique(slot)  # the slots with a term among their originals, renumbered
    return Options([slots[k] for k in used.tolist()], [among[k] for k in used.tolist()],
                   numpy.searchsorted(used, slot),
                   numpy.stack([firsts[hits], seconds[hits]], axis=1),
                   numpy.concatenate(flags)[hits])


def _near_neighbours(seq: _Sequence, slots) -> Options:
    """Options for (start, end, written) slots: the one-word originals that occur beside a
    neighbour of the slot at least MIN_EVIDENCE times (one vectorized lookup for all), the
    MAX_SCORED strongest per slot, not a neighbour themselves and not spelling variants of
    the written words."""
    per = [thesaurus.common_original_ids(w, MAX_ORIGINALS) for _, _, w in slots]
    sizes = [len(p[0]) for p in per]
    if not sum(sizes):
        return Options.join([])
    originals = numpy.concatenate([p[0] for p in per])
    flags = numpy.concatenate([p[1] for p in per])
    slot_of = numpy.repeat(numpy.arange(len(slots)), sizes)
    starts = numpy.asarray([s for s, _, _ in slots])[slot_of]
    ends = numpy.asarray([e for _, e, _ in slots])[slot_of]
    has_left = starts > seq.run_start[starts]
    has_right = ends < seq.run_end[ends - 1]
    left = numpy.where(has_left, seq.ids[numpy.maximum(starts - 1, 0)], -1)
    right = numpy.where(has_right, seq.ids[numpy.minimum(ends, len(seq.words) - 1)], -1)
    c_left = langmodel.lookup(2, langmodel.keys(left, originals))
    c_right = langmodel.lookup(2, langmodel.keys(originals, right))
    keep = ((c_left >= MIN_EVIDENCE) | (c_right >= MIN_EVIDENCE)) & (originals != left) \
        & (originals != right)
    chosen = [k for k in _strongest(numpy.flatnonzero(keep), slot_of, numpy.maximum(c_left, c_right))
              if not _variant_of(int(originals[k]), slots[slot_of[k]][2])]
    if not chosen:
        return Options.join([])
    used = sorted({int(slot_of[k]) for k in chosen})
    renumber = {old: new for new, old in enumerate(used)}
    chosen = numpy.asarray(chosen)
    ids = numpy.stack([originals[chosen], numpy.full(len(chosen), -1)], axis=1)
    return Options([slots[k][:2] for k in used], [per[k][2] for k in used],
                   numpy.asarray([renumber[int(k)] for k in slot_of[chosen]]), ids,
                   flags[chosen].astype(int))


def _strongest(candidates: numpy.ndarray, slot_of: numpy.ndarray, strength: numpy.ndarray
               ) -> list[int]:
    """The MAX_SCORED candidates per slot that occur most often beside a neighbour: the
    originals that can win. The others' likelihood ratios are small, and they still count
    in the denominator of the slot's evidence (`Option.among`)."""
    if not len(candidates):
        return []
    ranked = candidates[numpy.lexsort((-strength[candidates], slot_of[candidates]))]
    groups = slot_of[ranked]
    firsts = numpy.r_[0, numpy.flatnonzero(groups[1:] != groups[:-1]) + 1]
    rank = numpy.arange(len(ranked)) - numpy.repeat(firsts, numpy.diff(numpy.r_[firsts, len(ranked)]))
    return ranked[rank < MAX_SCORED].tolist()


@lru_cache(maxsize=20_000)  # 200,000 pairs took 20 MB on a 10 MB file
def _variant_of(original: int, written: str) -> bool:
    return _variant(langmodel.vocab().restore_key(original), written)


def _variant(a: str, b: str) -> bool:
    """Spelling variants ("licence", "license"; "colour", "color"; "analyse", "analyze";
    "grey", "gray") and forms of one word are no swap: the two words differ only in the
    last two letters of the shorter one, apart from a letter or two of length."""
    shorter = min(len(a), len(b))
    if abs(len(a) - len(b)) > 2 or a[:2] != b[:2]:
        return False
    same = 0
    while same < shorter and a[same] == b[same]:
        same += 1
    return same >= max(2, shorter - 2)


def _score(seq: _Sequence, options: Options, min_llr: float, min_nats: float
           ) -> list[Candidate]:
    """Per slot, the spin evidence (log mean likelihood ratio over the originals) and the
    best original, for the slots that reach `min_llr` and `min_nats`."""
    n_slots = len(options.slots)
    if not n_slots:
        return []
    written = seq.rows(options.slots)  # the written words in context, one row per slot
    width = numpy.asarray([e - s for s, e in options.slots])
    mine = written[options.slot].copy()  # the same rows with the originals in the slot
    mine[:, 2] = options.ids[:, 0]
    two = options.ids[:, 1] >= 0
    mine[two, 3] = options.ids[two, 1]
    table = numpy.concatenate([written, mine])
    slot_len = numpy.concatenate([width, width[options.slot]])
    fit = scoring.association(table, slot_len)
    prior = numpy.zeros(len(table))
    for j in range(2, 4):
        in_slot = j < 2 + slot_len
        prior += numpy.where(in_slot, scoring.log_p1(numpy.where(in_slot, table[:, j], -1)), 0.0)
    k = n_slots + numpy.arange(len(mine))
    llr = fit[k] - fit[options.slot]
    # each original equally likely to have been swapped for what is written: the log of
    # the mean likelihood ratio over what the thesaurus offers (originals that fit no
    # neighbour were not scored: their ratios are near 0 and count in the denominator only)
    full = llr + prior[k] - prior[options.slot]
    order = numpy.lexsort((-llr, options.slot))  # by slot, best original first
    starts = numpy.searchsorted(options.slot[order], numpy.arange(n_slots))
    top = numpy.maximum.reduceat(full[order], starts)
    total = numpy.add.reduceat(numpy.exp(full[order] - numpy.repeat(top, numpy.diff(
        numpy.r_[starts, len(order)]))), starts)
    tried = numpy.maximum(numpy.asarray(options.among), numpy.diff(numpy.r_[starts, len(order)]))
    gen = top + numpy.log(total / numpy.minimum(tried, PRIOR_CAP))
    best = order[starts]
    restore = langmodel.vocab().restore_key
    out = []
    for q in numpy.flatnonzero((llr[best] >= min_llr) & (gen >= min_nats)).tolist():
        b = int(best[q])
        words = tuple(restore(int(i)) for i in options.ids[b] if i >= 0)
        s, e = options.slots[q]
        out.append(Candidate(s, e, words, float(llr[b]), float(gen[q]), int(tried[q]),
                             thesaurus.flag_letters(int(options.flags[b]))))
    return out


def _windows(words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The (first position, length) of the n-grams around a slot that can be its evidence,
    trigrams first, in the order `_best_gram` weighs them."""
    out = []
    for n in (3, 2):
        for a in range(max(0, start - n + 1), min(end, len(words) - n + 1)):
            if a >= start and a + n <= end and end - start < n:
                continue
            out.append((a, n))
    return out


def _best_gram(grams: list[tuple[str, int, int, int]], start: int, end: int
               ) -> tuple[str, int, int, int]:
    """The best-attested n-gram around a slot, from its `_windows` with their counts as
    (text, count, first, last position): the first trigram occurring MIN_EVIDENCE times,
    else the most frequent one."""
    best = ("", 0, start, end)
    for gram in grams:
        if gram[3] - gram[2] == 3 and gram[1] >= MIN_EVIDENCE:
            return gram
        if gram[1] > best[1]:
            best = gram
    return best


@dataclass(frozen=True)
class Evidence:
    gram: str      # the original's best-attested n-gram in its run
    count: int
    mine: str      # the same stretch as written
    mine_count: int


def _evidence_all(seq: _Sequence, found: list[Candidate]) -> list[Evidence]:
    """Each finding's evidence (`Evidence`); the n-grams of all of them are counted at once
    (`langmodel.counts`), written and original."""
    plans, grams = [], []
    for cand in found:
        lo, hi = int(seq.run_start[cand.start]), int(seq.run_end[cand.start])
        run = seq.words[lo:hi]
        s, e = cand.start - lo, cand.end - lo
        new = run[:s] + list(cand.original) + run[e:]
        windows = _windows(new, s, s + len(cand.original))
        plans.append((run, s, e, len(grams), len(windows), len(cand.original)))
        grams += [(" ".join(new[a:a + n]), a, a + n) for a, n in windows]
    counted = langmodel.counts([g for g, _, _ in grams]).tolist() if grams else []
    chosen, mine = [], []
    for run, s, e, first, many, width in plans:
        options = [(g, c, a, b) for (g, a, b), c in zip(grams[first:first + many],
                                                         counted[first:first + many])]
        gram, count, a, b = _best_gram(options, s, s + width)
        chosen.append((gram, count))
        mine.append(" ".join(run[a:b + (e - s) - width]) if gram else "")
    written = sorted({m for m in mine if m})
    mine_counts = dict(zip(written, langmodel.counts(written).tolist())) if written else {}
    return [Evidence(gram, count, m, mine_counts.get(m, 0))
            for (gram, count), m in zip(chosen, mine)]


def _finding(text: str, first, last, cand: Candidate, ev: Evidence) -> Finding:
    start, end = first.idx, last.idx + len(last)
    written = text[start:end]
    replacement = " ".join(cand.original)
    if written[:1].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    sources = ", ".join(thesaurus.SOURCE_NAMES[f] for f in "wmc" if f in cand.flags)
    kind = "term" if len(cand.original) == 2 else "word"
    return Finding(
        rule_id=RULES[kind].id, kind=RULES[kind].kind, severity=context_severity(cand.gen),
        start=start, end=end, text=written,
        message=f"'{written}' is unusual here: edited English writes '{replacement}' in this "
                f"context, and '{written.lower()}' is its thesaurus synonym",
        suggestion=replacement, replacement=replacement,
        evidence=f"'{ev.gram}' {ev.count:,} times in the reference corpus, '{ev.mine}' "
                 f"{ev.mine_count:,}; the context fits "
                 f"'{replacement.lower()}' e^{cand.llr:.1f} times better; spin evidence "
                 f"{cand.gen:.1f} nats over {cand.tried} thesaurus original(s); synonyms in {sources}",
        confidence=round(min(1.0, cand.gen / CONTEXT_ERROR_NATS), 3), score=round(cand.gen, 2),
        extra=(("llr", round(cand.llr, 2)), ("gen", round(cand.gen, 2)), ("tried", cand.tried)))
