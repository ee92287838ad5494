"""Align the members of a family of spun copies word by word into a template.

The pivot is the medoid member (the one most similar to the others). Every other member
is aligned to it with `difflib.SequenceMatcher` on lowercased tokens; the ranges of pivot
tokens where any member differs are merged across members into *slots*, and the pivot
tokens outside every slot form the shared *skeleton*. Each slot lists its alternatives
(distinct wordings, with the members that use each), so the template renders as spintax:
`Peer support {groups|system|teams} {enable|permit} people to {meet|satisfy} others`.

A difference of as many words on both sides is split word by word (`{groups|system}`,
`{enable|permit}`: one slot each); other differences stay whole (`{connect|get in touch}`).
A slot where one member has MIN_INSERTED or more extra words is split into the swap and
an inserted keyword (`to {find|locate} {|cheap flights near me} a group`).

Offsets are kept: for every member, each alternative's character span in that member's
text, so findings and evidence can point back into the files.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*|\S")
_MAX_MEDOID_SAMPLE = 40
# Fewer extra words are usually a rephrasing ("fit" -> "be comfortable"), not a keyword.
MIN_INSERTED = 3


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    ws: str  # the whitespace that follows, up to the next token

    @property
    def key(self) -> str:
        return self.text.lower().replace("\u2019", "'")


def tokenize(text: str) -> list[Token]:
    found = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out = []
    for i, (tok, start, end) in enumerate(found):
        nxt = found[i + 1][1] if i + 1 < len(found) else len(text)
        out.append(Token(tok, start, end, text[end:nxt]))
    return out


@dataclass
class Alternative:
    text: str  # the wording (its most common surface form); "" when members have nothing
    ws: str  # whitespace after it
    members: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def key(self) -> str:
        return norm(self.text)


@dataclass
class Slot:
    index: int
    alternatives: list[Alternative]  # most used first
    spans: dict[str, tuple[int, int]]  # member id -> character span of its wording
    part: int = 0  # position in FamilyTemplate.parts

    def alternative_of(self, member: str) -> Alternative:
        return next(a for a in self.alternatives if member in a.members)

    @property
    def is_insertion(self) -> bool:
        """Only one member has words here; every other member has nothing."""
        filled = [a for a in self.alternatives if a.text]
        return (len(filled) == 1 and filled[0].count == 1
                and sum(a.count for a in self.alternatives) >= 2)


@dataclass
class FamilyTemplate:
    members: list[str]
    texts: dict[str, str]
    pivot: str
    parts: list  # Token (skeleton, from the pivot) or Slot, in order
    segments: dict[str, list[tuple[int, int, int]]]  # member -> (part index, start, end)
    # slot index -> the likely source wording (set by families.choose_sources): one of the
    # slot's alternatives, or a wording no member uses (members == []) from the lexicon
    choices: dict[int, Alternative] = field(default_factory=dict)
    # member -> share of its words aligned with the pivot's (difflib ratio): about 0.75 for
    # copies that replace a quarter of their words, far lower for texts that merely share
    # boilerplate
    agreement: dict[str, float] = field(default_factory=dict)

    @property
    def slots(self) -> list[Slot]:
        return [p for p in self.parts if isinstance(p, Slot)]

    @property
    def insertions(self) -> list[tuple[str, str, tuple[int, int]]]:
        """(member id, inserted text, character span in that member) for every slot where
        one member alone has words: likely inserted keywords."""
        out = []
        for slot in self.slots:
            if slot.is_insertion:
                alt = next(a for a in slot.alternatives if a.text)
                member = alt.members[0]
                out.append((member, alt.text, slot.spans[member]))
        return out

    def spintax(self, counts: bool = False) -> str:
        """The template as spintax; with `counts`, each alternative is followed by the
        number of members that use it: `{groups (2)|system (1)}`."""
        out = []
        for part in self.parts:
            if isinstance(part, Token):
                out.append(part.text + part.ws)
                continue
            alts = [a.text + (f" ({a.count})" if counts else "") for a in part.alternatives]
            ws = next((a.ws for a in part.alternatives if a.text), " ")
            out.append("{" + "|".join(alts) + "}" + ws)
        return "".join(out)

    def render(self, choose=None, parts: range | None = None) -> str:
        """The text with one alternative per slot: `choose(slot) -> Alternative`, by
        default the chosen source alternative (`choices`), else the most used one."""
        choose = choose or self.chosen
        out = []
        for i in parts if parts is not None else range(len(self.parts)):
            part = self.parts[i]
            if isinstance(part, Token):
                out.append(part.text + part.ws)
            else:
                alt = choose(part)
                out.append(alt.text + alt.ws if alt.text else "")
        return "".join(out)

    def chosen(self, slot: Slot) -> Alternative:
        return self.choices.get(slot.index) or slot.alternatives[0]

    def member_parts(self, member: str, start: int, end: int) -> range:
        """The part indices whose segments in `member` overlap [start, end)."""
        hits = [p for p, s, e in self.segments[member] if s < end and start < e
                or (s == e and start <= s <= end)]
        return range(min(hits), max(hits) + 1) if hits else range(0)


def norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _shingles(tokens: list[Token]) -> set:
    keys = [t.key for t in tokens]
    return set(zip(keys, keys[1:]))


def medoid(tokenized: dict[str, list[Token]]) -> str:
    ids = sorted(tokenized)
    sample = ids[:_MAX_MEDOID_SAMPLE]
    sets = {i: _shingles(tokenized[i]) for i in ids}

    def total(i: str) -> float:
        return sum(len(sets[i] & sets[j]) / (len(sets[i] | sets[j]) or 1) for j in sample if j != i)

    return max(ids, key=lambda i: (total(i), -ids.index(i)))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of pivot ranges: overlapping ranges merge, and an empty range (an insertion
    point) merges with any range it touches."""
    merged: list[list[int]] = []
    for a, b in sorted(set(ranges)):
        if merged:
            s, e = merged[-1]
            if a < e or (a == e and (a == b or s == e)):
                merged[-1][1] = max(e, b)
                continue
        merged.append([a, b])
    return [(a, b) for a, b in merged]


def build_template(texts: dict[str, str]) -> FamilyTemplate:
    """Align the members (id -> text) of one family into a skeleton and slots."""
    if not texts:
        raise ValueError("build_template needs at least one text")
    tokenized = {i: tokenize(t) for i, t in texts.items()}
    pivot = medoid(tokenized)
    ptoks = tokenized[pivot]
    pkeys = [t.key for t in ptoks]
    n = len(ptoks)
    bounds: dict[str, tuple[list, list]] = {}
    agreement: dict[str, float] = {}
    ranges: list[tuple[int, int]] = []
    for member, toks in tokenized.items():
        left, right = [None] * (n + 1), [None] * (n + 1)
        if member == pivot:
            left, right = list(range(n + 1)), list(range(n + 1))
            agreement[member] = 1.0
        else:
            matcher = SequenceMatcher(None, pkeys, [t.key for t in toks], autojunk=False)
            agreement[member] = matcher.ratio()
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                one_to_one = i2 - i1 == j2 - j1  # equal, or words swapped one for one
                pairs = [(i1 + k, j1 + k) for k in range(i2 - i1 + 1)] if one_to_one \
                    else [(i1, j1), (i2, j2)]
                for i, j in pairs:
                    left[i] = j if left[i] is None else min(left[i], j)
                    right[i] = j if right[i] is None else max(right[i], j)
                if not one_to_one:
                    ranges.append((i1, i2))
                elif tag != "equal":
                    ranges.extend((i1 + k, i1 + k + 1) for k in range(i2 - i1)
                                  if pkeys[i1 + k] != toks[j1 + k].key)
        bounds[member] = (left, right)
    slot_ranges = _merge(ranges)
    parts: list = []
    segments: dict[str, list[tuple[int, int, int]]] = {m: [] for m in texts}
    cursor = slots = 0
    for a, b in slot_ranges + [(n, n + 1)]:
        for i in range(cursor, min(a, n)):
            for member in texts:
                tok = tokenized[member][bounds[member][1][i]]
                segments[member].append((len(parts), tok.start, tok.end))
            parts.append(ptoks[i])
        if a >= n and b > n:
            break
        ranges_by_member = {m: (bounds[m][0][a], bounds[m][1][b]) for m in sorted(texts)}
        for piece in _split_insertion(ranges_by_member, tokenized):
            parts.append(_slot(slots, len(parts), piece, texts, tokenized, segments))
            slots += 1
        cursor = b
    return FamilyTemplate(members=sorted(texts), texts=dict(texts), pivot=pivot, parts=parts,
                          segments=segments, agreement=agreement)


def _split_insertion(ranges: dict[str, tuple[int, int]], tokenized) -> list[dict]:
    """A slot where one member has at least MIN_INSERTED more words than every other member,
    which all have the same number, is a swap plus an inserted keyword: split it in two. The
    inserted words go after the swapped ones unless the member's last words (rather than
    its first) equal another member's wording."""
    lengths = {m: j2 - j1 for m, (j1, j2) in ranges.items()}
    if len(ranges) < 2:
        return [ranges]
    longest = max(lengths, key=lambda m: (lengths[m], m))
    others = {lengths[m] for m in lengths if m != longest}
    if len(others) != 1 or lengths[longest] < next(iter(others)) + MIN_INSERTED \
            or not min(others):
        return [ranges]
    size = next(iter(others))
    j1, j2 = ranges[longest]
    keys = [t.key for t in tokenized[longest][j1:j2]]
    wordings = {tuple(t.key for t in tokenized[m][a:b]) for m, (a, b) in ranges.items()
                if m != longest}
    inserted_first = tuple(keys[-size:]) in wordings and tuple(keys[:size]) not in wordings
    cut = j2 - size if inserted_first else j1 + size
    swap = dict(ranges)
    insert = {m: (b, b) for m, (a, b) in ranges.items()}
    if inserted_first:
        insert = {m: (a, a) for m, (a, b) in ranges.items()}
        swap[longest], insert[longest] = (cut, j2), (j1, cut)
        return [insert, swap]
    swap[longest], insert[longest] = (j1, cut), (cut, j2)
    return [swap, insert]


def _slot(index: int, part: int, ranges: dict[str, tuple[int, int]], texts, tokenized,
          segments) -> Slot:
    by_key: dict[str, list] = {}
    spans: dict[str, tuple[int, int]] = {}
    for member, (j1, j2) in ranges.items():
        toks = tokenized[member]
        if j2 > j1:
            start, end = toks[j1].start, toks[j2 - 1].end
            surface, ws = texts[member][start:end], toks[j2 - 1].ws
        else:
            start = end = toks[j1].start if j1 < len(toks) else len(texts[member])
            surface, ws = "", ""
        spans[member] = (start, end)
        segments[member].append((part, start, end))
        by_key.setdefault(norm(surface), []).append((member, surface, ws))
    alternatives = []
    for uses in by_key.values():
        surface = Counter(u[1] for u in uses).most_common(1)[0][0]
        ws = Counter(u[2] for u in uses).most_common(1)[0][0]
        alternatives.append(Alternative(surface, ws, [u[0] for u in uses]))
    alternatives.sort(key=lambda alt: (-alt.count, alt.key))
    return Slot(index=index, alternatives=alternatives, spans=spans, part=part)
