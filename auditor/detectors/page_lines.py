"""Whole-line page signals (see `auditor.detectors.page`): off-topic or repeated title lines
at the top (`page.off-topic-title`) and page-template leftovers (`page.boilerplate`)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import lemmas
from ..core.findings import Finding, Severity
from ..lexicon.frequency import zipf
from .base import text_of
from .page_data import (KIND_BOILERPLATE, KIND_TITLE, RULE_BOILERPLATE, RULE_TITLE, WORD,
                        PageData)

@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def key(self) -> str:
        return re.sub(r"\s+", " ", self.text).casefold()


def _lines(text: str) -> list[Line]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(m.start() + lead, m.start() + lead + len(stripped), stripped))
    return out


SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
               "by", "with", "from", "as", "vs", "via", "per", "into", "onto", "upon", "than"}


def _title_like(line: Line) -> bool:
    """A short line in Title Case or ALL CAPS, without sentence punctuation: not a
    paragraph, a list item, a caption ("Image source: ...") or an epigraph."""
    words = [w.strip("\"'“”‘’()[],:;!?") for w in line.text.split()]
    words = [w for w in words if w]
    if not 1 <= len(words) <= 14 or line.text[-1] in ".,;:" \
            or re.search(r"[.!?]\s+\S|\s[-–—]+\s|[\"“”]", line.text) \
            or re.match(r"([-*•+]|\d+[.)])\s", line.text):
        return False
    capital = [w[0].isupper() or w[0].isdigit() for w in words]
    return capital[0] and all(c or w.lower() in SMALL_WORDS for w, c in zip(words, capital))


def _words(text: str, stopwords: frozenset = frozenset()) -> list[str | None]:
    """Lowercased lemmas of the words of `text`, possessive 's removed; None for stopwords
    (looked up before lemmatizing: "does" is not "doe")."""
    out: list[str | None] = []
    for w in WORD.findall(text):
        w = w.lower().replace("’", "'")
        w = w[:-2] if w.endswith("'s") else w
        out.append(None if w in stopwords else lemmas.lemma(w))
    return out


def _content_seq(text: str, stopwords: frozenset) -> list[str | None]:
    """Lemmas of the content words of `text`, None for each word that is not one."""
    return [w if w and len(w) > 2 and w not in stopwords else None
            for w in _words(text, stopwords)]


def _presence(word: str, body_counts: Counter) -> float:
    """1 when the body uses the word twice, 0.5 once or in a related form
    ("ctenophora"/"ctenophores"), else 0."""
    count = body_counts[word]
    if count:
        return min(1.0, count / 2)
    if len(word) >= 6:
        stem = word[:max(5, len(word) - 3)]
        if any(v.startswith(stem) for v in body_counts):
            return 0.5
    return 0.0


# Topic score thresholds (see `_topic_score`), measured on titles of the clean corpora put
# over their own body and over another document's body.
SINGLE_TITLE_MIN = 0.12
HEADING_MIN = 0.8
ABOVE_HEADING_MIN = 0.6


def _topic_score(title: str, body_counts: Counter, body_pairs: set, stopwords: frozenset
                 ) -> tuple[float, list[tuple[str, float]]]:
    """How much of the title the body talks about: rarity-weighted share of its content
    words that the body uses (twice counts fully), averaged with the share of its adjacent
    content-word pairs that the body uses. Returns (score, title words the body lacks)."""
    seq = _content_seq(title, stopwords)
    words = [w for w in seq if w]
    if not words:
        return 1.0, []
    weights = [max(0.3, 6.5 - zipf(w)) for w in words]
    have = [_presence(w, body_counts) for w in words]
    unigram = sum(w * h for w, h in zip(weights, have)) / sum(weights)
    pairs = [(a, b) for a, b in zip(seq, seq[1:]) if a and b]
    score = unigram
    if pairs:
        score = (unigram + sum(p in body_pairs for p in pairs) / len(pairs)) / 2
    return score, [(w, wt) for w, wt, h in zip(words, weights, have) if h == 0]


def _finding(doc: Doc, line: Line, rule: str, kind: str, severity: Severity, message: str,
             evidence: str, suggestion: str = "") -> tuple[Span, Finding] | None:
    span = doc.char_span(line.start, line.end, alignment_mode="expand")
    if span is None:
        return None
    return span, Finding(rule_id=rule, kind=kind, severity=severity, start=span.start_char,
                         end=span.end_char, text=span.text, message=message,
                         suggestion=suggestion, evidence=evidence)


def _boilerplate_blocks(lines: list[Line], data: PageData):
    """(first line, last line, section) of runs of template lines: lines of one section
    next to each other, at least one of them a strong pattern."""
    def section(text: str) -> tuple[str, bool] | None:
        if len(text.split()) > 25:
            return None
        for name, strong, weak in data.boilerplate:
            if any(p.fullmatch(text) for p in strong):
                return name, True
            if any(p.fullmatch(text) for p in weak):
                return name, False
        return None

    i = 0
    while i < len(lines):
        first = section(lines[i].text)
        if first is None:
            i += 1
            continue
        j, strong = i, False
        while j < len(lines):
            this = section(lines[j].text)
            if this is None or this[0] != first[0]:
                break
            strong = strong or this[1]
            j += 1
        if strong:
            yield lines[i], lines[j - 1], first[0]
        i = j


def page_lines(doc: Doc, data: PageData, titles: bool, boilerplate: bool,
               text: str | None = None):
    """Boilerplate blocks, then off-topic (or repeated) title lines at the top."""
    text = text_of(doc) if text is None else text
    lines = _lines(text)
    items = []
    template: set[int] = set()
    body_text = text
    for first, last, section in _boilerplate_blocks(lines, data):
        template.update(line.start for line in lines if first.start <= line.start <= last.start)
        # Template text is not the body a title is compared with ("Leave a Reply").
        body_text = body_text[:first.start] + " " * (last.end - first.start) + body_text[last.end:]
        if boilerplate:
            block = Line(first.start, last.end, text[first.start:last.end])
            items.append(_finding(
                doc, block, RULE_BOILERPLATE, KIND_BOILERPLATE, Severity.WARNING,
                f"page-template leftover ({section}), not part of the article",
                f"whole {section} line(s): {block.text[:80]!r}"))
    head: list[Line] = []
    for line in lines:
        if line.start in template:
            continue
        mark = re.match(r"#{1,6}\s+", line.text)  # a Markdown heading: "# Title"
        if mark:
            line = Line(line.start + mark.end(), line.end, line.text[mark.end():])
        if not _title_like(line):
            break
        head.append(line)
    if head:
        items += _title_findings(doc, data, head, body_text[head[-1].end:], titles,
                                 boilerplate)
    return [it for it in items if it is not None]


def _title_findings(doc: Doc, data: PageData, head: list[Line], body_text: str, titles: bool,
                    boilerplate: bool) -> list:
    body = _words(body_text)
    if len(body) < 80:
        return []  # too little body to judge a title by
    counts, pairs = Counter(body), set(zip(body, body[1:]))
    scored = {}
    for line in head:
        if line.key not in scored:
            scored[line.key] = _topic_score(line.text, counts, pairs, data.title_stopwords)
    best = max(score for score, _ in scored.values())
    heading = next(i for i, line in enumerate(head) if scored[line.key][0] == best)
    off_keys = set()
    for i, line in enumerate(head):
        score, missing = scored[line.key]
        # Unrelated on its own, or above the real heading and lacking a topic word of it.
        if score < SINGLE_TITLE_MIN or (
                i < heading and best >= HEADING_MIN and score <= best - 0.3
                and score < ABOVE_HEADING_MIN and sum(wt for _, wt in missing) >= 1.0):
            off_keys.add(line.key)
    items = []
    seen: set[str] = set()
    for line in head:
        score, missing = scored[line.key]
        repeat = line.key in seen
        seen.add(line.key)
        if line.key in off_keys and titles:
            words = ", ".join(w for w, _ in missing)
            items.append(_finding(
                doc, line, RULE_TITLE, KIND_TITLE, Severity.WARNING,
                "title line unrelated to the body (an SEO target query?)",
                f"topic overlap with the body {score:.2f}"
                + (f" (real heading {best:.2f})" if best > score else "")
                + (f"; the body never uses {words}" if words else "")))
        elif repeat and line.key not in off_keys and boilerplate:
            items.append(_finding(
                doc, line, RULE_BOILERPLATE, KIND_BOILERPLATE, Severity.WARNING,
                "title line repeated, not part of the article",
                f"same text as the title line above: {line.text[:80]!r}"))
    return items
