"""Page-level spam signals of one document: inserted SEO keywords, off-topic titles and
page-template leftovers.

`nlp.add_pipe("auditor_page")` (config: `insertions`, `titles`, `boilerplate`: bool; `data`:
a folder replacing `rules/page/`) writes findings to `doc.spans["auditor"]` like every
detector. No trained pipeline is needed: the evidence is word order around closed-class
words (determiners, pronouns, modals, "to", "is", adverbs), common verbs from WordNet,
commercial-intent cues, wordfreq frequencies and casing; the word lists are in `rules/page/`.

- `page.inserted-keyword` (kind `insertion`): a lowercase phrase shaped like a search query
  (a noun run ending on a commercial head such as "therapy", "services", "care near me"; a
  lowercased acronym; "find a therapist"; "best ... for ...") standing where the sentence
  cannot take it, such that its neighbours join up once it is removed: a bare noun phrase
  after a verb and before "a"/"the" (a second object), between a subject pronoun, a
  pre-verbal adverb or a modal and the verb ("until you online therapy discover", "people
  really ... therapy feel"), between "is" and a participle, "to" and a verb, "of" and a new
  noun phrase; a "near me" phrase running into the next phrase; a query verb phrase after
  a modal followed by a second verb ("can find a therapist share"). Guards keep out
  questions ("Can online therapy help?"), two-object verbs ("give patients a chance"),
  time adverbials ("a few times a week"), reduced relatives ("therapy the patient needs"),
  appositions ("we therapists") and compounds ("evidence based"). One-word phrases are
  never reported. `suggestion` is the sentence without the phrase.
- `page.off-topic-title` (kind `title`): a Title Case or ALL CAPS line at the top whose
  content words (weighted by rarity) and word pairs the body hardly uses, or which stands
  above the real heading and names a topic word the body never uses. Repeats of such a line
  are reported too.
- `page.boilerplate` (kind `boilerplate`): whole lines of comment forms (one span per
  block), blog labels, share, navigation and "posted in" lines, and repeats of an on-topic
  title line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from ..frequency import zipf

from .. import lemmas
from ..findings import Finding, Severity
from ..lexicon import default_rules_dir
from .base import add_findings, orths, text_of

KIND_INSERTION = "insertion"
KIND_TITLE = "title"
KIND_BOILERPLATE = "boilerplate"
RULE_INSERTION = "page.inserted-keyword"
RULE_TITLE = "page.off-topic-title"
RULE_BOILERPLATE = "page.boilerplate"

# Closed classes: the grammar the evidence rests on.
ARTICLES = {"a", "an"}
DETERMINERS = ARTICLES | {"the", "this", "that", "these", "those", "my", "your", "his", "its",
                          "our", "their", "some", "any", "each", "every", "no", "another"}
# Determiners that open a noun phrase and not a time adverbial ("each day", "every week").
PHRASE_OPENERS = {"a", "an", "the", "my", "your", "his", "its", "our", "their"}
NOMINATIVE = {"i", "we", "they", "he", "she"}
MODALS = {"can", "could", "may", "might", "must", "shall", "should", "will", "would"}
AUXILIARIES = {"am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did",
               "have", "has", "had"}
PRONOUNS = NOMINATIVE | {"you", "it", "me", "him", "her", "us", "them", "one", "ones"}
PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
    "before", "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite",
    "down", "during", "except", "for", "from", "in", "inside", "into", "like", "near", "of",
    "off", "on", "onto", "out", "outside", "over", "past", "per", "since", "through",
    "throughout", "till", "to", "toward", "towards", "under", "until", "unlike", "up", "upon",
    "via", "with", "within", "without"}
CONJUNCTIONS = {"and", "or", "but", "nor", "so", "yet", "because", "although", "though",
                "while", "if", "unless", "whether", "when", "where", "why", "how", "that",
                "which", "who", "whom", "whose", "than", "what", "once", "before", "after"}
# Adverbs that stand before a verb (or an adjective), never before a bare noun phrase
# that follows a subject.
PREVERBAL = {"really", "actually", "truly", "genuinely", "definitely", "certainly", "surely",
             "probably", "also", "still", "just", "often", "usually", "always", "never",
             "sometimes", "rarely", "seldom", "already", "simply", "generally", "typically",
             "frequently", "finally", "then", "even", "only", "not", "too", "very", "quite",
             "rather", "much", "more", "most", "less", "least", "all", "both", "such"}
FUNCTION_WORDS = (DETERMINERS | MODALS | AUXILIARIES | PRONOUNS | PREPOSITIONS | CONJUNCTIONS
                  | PREVERBAL | {"to", "not", "there", "here", "own", "other", "own", "as"})
# Words after which "you" is a subject ("until you", "if you"), not an object.
SUBORDINATORS = CONJUNCTIONS | {"until", "till", "since", "as", "unless", "once"}
BE_FORMS = {"am", "is", "are", "was", "were", "be", "been", "being"}
# Adverbs that may also stand before a noun phrase ("even group therapy helps").
NOT_PREVERBAL_ONLY = {"all", "both", "such", "more", "most", "less", "least", "much", "only",
                      "even", "then", "not", "too", "very", "quite", "rather", "also", "just"}


# Words for topic comparison: letters, with an apostrophe inside ("don't"); hyphens split.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class PageData:
    heads: frozenset
    tails: tuple
    professionals: frozenset
    intents: frozenset
    verbs: frozenset
    verbs_only: frozenset
    ranking: frozenset
    person_heads: frozenset
    two_object: frozenset
    measure: frozenset
    not_acronyms: frozenset
    clause_adverbs: frozenset
    compound_participles: frozenset
    title_stopwords: frozenset
    boilerplate: tuple  # (section name, strong patterns, weak patterns)


def _sections(path: Path, split: bool = False) -> dict[str, list[str]]:
    """{section: items} of a `[section]` list file; with `split`, several items a line."""
    out: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"{path}: item {line!r} before any [section]")
        else:
            current.extend(line.split() if split else [line])
    return out


@lru_cache(maxsize=4)
def load_data(directory: str) -> PageData:
    d = Path(directory)
    kw = _sections(d / "keywords.txt")
    bp = _sections(d / "boilerplate.txt")
    gr = _sections(d / "grammar.txt", split=True)
    verbs, only = set(), set()
    for line in (d / "verbs.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, *mark = line.split()
            verbs.add(word)
            if not mark:
                only.add(word)

    def rx(lines):
        return tuple(re.compile(p, re.I) for p in lines)

    sections = tuple(
        (name, rx([p for p in bp.get(name, []) if not p.startswith("~ ")]),
         rx([p[2:] for p in bp.get(name, []) if p.startswith("~ ")]))
        for name in ("comment-form", "labels"))
    return PageData(
        heads=frozenset(kw.get("heads", [])),
        tails=tuple(tuple(t.split()) for t in kw.get("tails", [])),
        professionals=frozenset(kw.get("professionals", [])),
        intents=frozenset(kw.get("intents", [])),
        verbs=frozenset(verbs), verbs_only=frozenset(only),
        ranking=frozenset(kw.get("ranking", [])),
        person_heads=frozenset(kw.get("person-heads", [])),
        two_object=frozenset(gr.get("two-object-verbs", [])),
        measure=frozenset(gr.get("measure-words", [])),
        not_acronyms=frozenset(gr.get("not-acronyms", [])),
        clause_adverbs=frozenset(gr.get("clause-adverbs", [])),
        compound_participles=frozenset(gr.get("compound-participles", [])),
        title_stopwords=FUNCTION_WORDS | frozenset(gr.get("title-stopwords", [])),
        boilerplate=sections,
    )


@Language.factory(
    "auditor_page",
    default_config={"insertions": True, "titles": True, "boilerplate": True, "data": None},
)
def make_page(nlp: Language, name: str, insertions: bool, titles: bool, boilerplate: bool,
              data: str | None):
    return PageDetector(load_data(data or str(default_rules_dir() / "page")),
                        insertions=insertions, titles=titles, boilerplate=boilerplate)


class PageDetector:
    def __init__(self, data: PageData, insertions=True, titles=True, boilerplate=True):
        self.data = data
        self.insertions, self.titles, self.boilerplate = insertions, titles, boilerplate

    def __call__(self, doc: Doc) -> Doc:
        items: list[tuple[Span, Finding]] = []
        text = text_of(doc)
        if self.titles or self.boilerplate:
            items += page_lines(doc, self.data, self.titles, self.boilerplate, text)
        if self.insertions:
            items += [it for it in find_insertions(doc, self.data, text)
                      if not any(it[1].start < f.end and f.start < it[1].end for _, f in items)]
        add_findings(doc, sorted(items, key=lambda it: it[1].start))
        return doc


# ---------------------------------------------------------------------------------------
# Inserted keywords


def _word(tok: Token | None) -> bool:
    return tok is not None and tok.is_alpha


def _lower_word(tok: Token | None) -> bool:
    return _word(tok) and tok.text.islower()


def _is_adverb(word: str) -> bool:
    """'-ly' words whose stem is an English word: "really", "quickly" (not "family")."""
    return len(word) > 4 and word.endswith("ly") and zipf(word[:-2]) >= 3.0 \
        or len(word) > 5 and word.endswith("ily") and zipf(word[:-3] + "y") >= 3.0


def _is_verb_form(tok: Token | None, data: PageData) -> bool:
    """A base or finite form of a common verb, not a plural noun ("feel", "discovers")."""
    if not _lower_word(tok):
        return False
    word = tok.lower_
    if word in FUNCTION_WORDS or word in data.heads:
        return False
    if word in data.verbs:
        return True
    base = lemmas.lemma(word)
    if base not in data.verbs or base == word:
        return False
    # "-s" forms of words that are also nouns are more likely plural nouns ("groups").
    return word.endswith("ed") or base in data.verbs_only


def _modifier(doc: Doc, k: int, data: PageData) -> bool:
    """May token k be part of a keyword noun phrase (a lowercase content word)?"""
    tok = doc[k]
    word = tok.lower_
    if not _lower_word(tok) or word in FUNCTION_WORDS or word in data.verbs_only:
        return False
    if word not in data.heads and (_is_adverb(word) or lemmas.lemma(word) in data.verbs_only):
        return False
    prev = doc[k - 1].lower_ if k > 0 else ""
    # After "to" or a modal, an ambiguous word is the verb ("to find", "can care").
    return not ((prev == "to" or prev in MODALS) and word in data.verbs
                and word not in data.ranking)


def _tail_at(doc: Doc, i: int, data: PageData) -> int:
    """Length of a query tail ("near me", "online") starting at token i, or 0."""
    for tail in data.tails:
        n = len(tail)
        if i + n <= len(doc) and tuple(t.text for t in doc[i:i + n]) == tail:
            return n
    return 0


def _neighbour(doc: Doc, k: int) -> Token | None:
    """Token k if it is a word inside the same line, else None."""
    if 0 <= k < len(doc) and not doc[k].is_space and not doc[k].is_punct:
        return doc[k]
    return None


def _noun_phrases(doc: Doc, words: list[str], data: PageData):
    """(start, end, head index) of lowercase noun runs that end on a commercial head."""
    n = len(doc)
    for i in [i for i, w in enumerate(words) if w in data.heads]:
        if i + 1 < n and words[i + 1] in data.heads:
            continue  # the run goes on; take the longest
        end = i + 1 + _tail_at(doc, i + 1, data)
        start = i
        while start > 0 and i - start < 6 and _modifier(doc, start - 1, data):
            start -= 1
        # "best therapy for anxiety": a ranking query goes on with its purpose.
        if doc[start].text in data.ranking and end + 1 < n and doc[end].text == "for":
            k = end + 1
            while k < n and k - end <= 3 and _modifier(doc, k, data) \
                    and doc[k].text not in data.heads \
                    and (k == end + 1 or lemmas.lemma(doc[k].lower_) not in data.verbs):
                k += 1
            if k > end + 1:
                end = k + _tail_at(doc, k, data)
        yield start, end, i


def _query_phrases(doc: Doc, words: list[str], data: PageData):
    """(start, end) of "find a therapist"-style queries."""
    for i in [i for i, w in enumerate(words[:-2]) if w in data.intents]:
        if words[i + 1] not in ARTICLES:
            continue
        j = i + 2
        if doc[j].text not in data.professionals and j + 1 < len(doc) \
                and doc[j + 1].text in data.professionals and _modifier(doc, j, data):
            j += 1
        if doc[j].text in data.professionals:
            yield i, j + 1 + _tail_at(doc, j + 1, data)


def _subject(tok: Token | None, data: PageData) -> bool:
    """Could `tok` end the subject of a declarative clause (so a following modal or "is"
    is not a question's inversion)?"""
    if tok is None:
        return False
    word = tok.lower_
    if word in NOMINATIVE or word in ("you", "it"):
        return True
    return tok.is_alpha and word not in FUNCTION_WORDS and word not in data.clause_adverbs \
        and not _is_adverb(word)


def _participle(tok: Token | None, data: PageData) -> bool:
    if not _lower_word(tok) or tok.lower_ in data.compound_participles:
        return False
    word = tok.lower_
    base = lemmas.lemma(word)
    return base != word and base in data.verbs and not word.endswith(("s", "ing"))


def _clause_follows(doc: Doc, k: int, data: PageData) -> bool:
    """Is there a verb in the two words after the noun at k? Then "therapy the patient
    needs" may be a reduced relative clause, and a determiner after a noun phrase is no
    evidence. A relative pronoun ends the search ("a group that meets")."""
    for tok in doc[k + 1:k + 3]:
        if tok.is_punct or tok.is_space or tok.lower_ in ("that", "which", "who", "whose"):
            return False
        if tok.lower_ in MODALS or tok.lower_ in AUXILIARIES or _is_verb_form(tok, data):
            return True
    return False


def _new_phrase_after(doc: Doc, end: int, data: PageData) -> bool:
    """Does a determiner at `end` open a new noun phrase that is not a measure ("a few
    times", "the same day") nor the subject of a reduced relative clause?"""
    if doc[end].lower_ not in PHRASE_OPENERS:
        return False
    if {t.lower_ for t in doc[end + 1:end + 3]} & data.measure:
        return False
    return not _clause_follows(doc, end + 1, data)


def _bare_np_junction(doc: Doc, start: int, end: int, data: PageData) -> str | None:
    """Why the bare noun phrase doc[start:end] cannot stand between its neighbours, or None.

    Each test names a left context that needs a verb (or an adjective) next, or a right
    context that cannot follow a noun phrase there; the words on either side then join up
    without the phrase ("locate a group", "people really feel", "can share")."""
    left, right = _neighbour(doc, start - 1), _neighbour(doc, end)
    if right is None:
        return None
    before = _neighbour(doc, start - 2)
    lword, rword = (left.lower_ if left is not None else ""), right.lower_
    first = lemmas.lemma(doc[start].lower_)
    # "near me": a local search query, never followed by a new noun phrase.
    if doc[end - 1].text in ("me", "nearby") and lword not in DETERMINERS and (
            rword in PHRASE_OPENERS and not {t.lower_ for t in doc[end + 1:end + 3]}
            & data.measure or rword in NOMINATIVE or rword == "you"
            or _lower_word(right) and rword not in FUNCTION_WORDS
            and not _is_verb_form(right, data)):
        return "a search phrase ending in 'near me' runs into the next phrase"
    if left is None or not left.text.islower() \
            or first in data.verbs and doc[start].text not in data.ranking:
        return None  # "we help agencies transform": the first word is the verb
    verb = lemmas.lemma(lword)
    # verb + NP + "a ...": a second object, which only two-object verbs take.
    if verb in data.verbs and verb not in data.two_object and _new_phrase_after(doc, end, data) \
            and (verb in data.verbs_only or before is not None and (
                before.lower_ in MODALS or before.lower_ == "to" or before.lower_ in NOMINATIVE)):
        return f"a bare noun phrase between the verb '{left.text}' and a second object"
    # "of" or "is" + NP + a new noun phrase: "the onset of online therapy the symptoms".
    # (Other prepositions may end a clause that the next noun phrase starts without a
    # comma: "however with proper treatment the outlook ...".)
    if (lword == "of" or lword in BE_FORMS) and _subject(before, data) \
            and rword not in ("that", "this", "these", "those") \
            and _new_phrase_after(doc, end, data):
        return f"a bare noun phrase between '{left.text}' and the next noun phrase"
    if _is_verb_form(right, data):
        # subject pronoun + NP + verb: "until you online therapy discover"
        if doc[end - 1].lower_ not in data.person_heads and (
                lword in NOMINATIVE
                or lword == "you" and (before is None or before.lower_ in SUBORDINATORS)):
            return f"a noun phrase between the subject '{left.text}' and its verb '{right.text}'"
        # subject + adverb + NP + verb: "people really social anxiety therapy feel"
        if lword in PREVERBAL and lword not in NOT_PREVERBAL_ONLY and _subject(before, data) \
                and before.lower_ not in ("it", "there"):
            return f"a noun phrase between '{left.text}' and the verb '{right.text}'"
    # subject + modal + NP + verb: "members can online therapy share"
    if lword in MODALS and _subject(before, data) and rword in data.verbs \
            and rword not in FUNCTION_WORDS and rword not in data.heads:
        return f"a noun phrase between '{left.text}' and the verb '{right.text}'"
    # "is" after a subject, modal or "to" + NP + participle: "can be roof repair used"
    if lword in BE_FORMS and before is not None and before.lower_ not in ("it", "there") \
            and (_subject(before, data) or before.lower_ in MODALS | {"to", "not"}) \
            and _participle(right, data):
        return f"a noun phrase between '{left.text}' and the participle '{right.text}'"
    # "to" + NP + verb: "to online therapy add", "to dog grooming remove the"
    if lword == "to" and lemmas.lemma(rword) == rword and (
            rword in data.verbs_only or rword in data.verbs and rword not in data.heads
            and _neighbour(doc, end + 1) is not None
            and doc[end + 1].lower_ in DETERMINERS | {"them", "it", "him", "us", "me"}):
        return f"a noun phrase between 'to' and the verb '{right.text}'"
    return None


def _query_after_modal(doc, start, end, data) -> str | None:
    left, right = _neighbour(doc, start - 1), _neighbour(doc, end)
    if left is None or (left.lower_ not in MODALS and left.lower_ != "to"):
        return None
    if right is None or not right.text.islower() or right.lower_ not in data.verbs:
        return None
    if right.lower_ in FUNCTION_WORDS or right.lower_ in data.heads:
        return None
    follow = _neighbour(doc, end + 1)
    if follow is None:
        return None
    return f"two verb phrases after '{left.text}': '{doc[start:end].text}' and '{right.text} …'"


def _lowercase_acronym(doc: Doc, start: int, end: int, data: PageData
                       ) -> tuple[int, str] | None:
    """A keyword written as a search query: an acronym in lowercase ("cbt therapy",
    "ptsd treatment"); edited prose writes CBT, PTSD. Returns (start, reason): after a
    determiner and a noun, the phrase starts at the acronym ("a group cbt therapy that")."""
    for k in range(start, end):
        word = doc[k].text
        if not (word.isalpha() and word.islower() and 2 <= len(word) <= 5) \
                or re.search("[aeiouy]", word) or word in data.not_acronyms:
            continue
        left, before = _neighbour(doc, k - 1), _neighbour(doc, k - 2)
        if k > start and before is not None and before.lower_ in DETERMINERS:
            return k, (f"the lowercased acronym '{word}' (a search query) breaks the noun "
                       f"phrase '{before.text} {left.text} …'")
        return start, f"the lowercased acronym '{word}' marks a search query"
    return None


def find_insertions(doc: Doc, data: PageData, text: str | None = None
                    ) -> list[tuple[Span, Finding]]:
    text = text_of(doc) if text is None else text
    words = orths(doc)
    found: dict[tuple[int, int], str] = {}
    for start, end, _head in _noun_phrases(doc, words, data):
        acronym = _lowercase_acronym(doc, start, end, data)
        if acronym:
            start, reason = acronym
            if end - start >= 2:
                found[(start, end)] = reason
            continue
        if end - start < 2:
            continue
        reason = _bare_np_junction(doc, start, end, data)
        if reason:
            found[(start, end)] = reason
    for start, end in _query_phrases(doc, words, data):
        reason = _query_after_modal(doc, start, end, data)
        if reason:
            found[(start, end)] = reason
    items = []
    taken: list[tuple[int, int]] = []
    for (start, end), reason in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        span = doc[start:end]
        repaired, sentence = _repair(text, span.start_char, span.end_char)
        items.append((span, Finding(
            rule_id=RULE_INSERTION, kind=KIND_INSERTION, severity=Severity.ERROR,
            start=span.start_char, end=span.end_char, text=span.text,
            message=f"'{span.text}' looks like an SEO keyword pushed into the sentence; "
                    "it breaks the grammar",
            suggestion=repaired,
            evidence=f"{reason}, in {sentence[:200]!r}",
        )))
    return items


_SENT_END = re.compile(r"[.!?](?=\s)|\n")


def _repair(text: str, start: int, end: int) -> tuple[str, str]:
    """(sentence without the phrase, sentence as written), the sentence bounded by
    sentence punctuation or line breaks."""
    left = max((m.end() for m in _SENT_END.finditer(text, 0, start)), default=0)
    m = _SENT_END.search(text, end)
    right = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    sentence = text[left:right].strip()
    head, rest = text[left:start].rstrip(), text[end:right].lstrip()
    repaired = (head + ("" if rest[:1] in tuple(",.;:!?)") else " ") + rest).strip()
    return re.sub(r"\s+", " ", repaired), re.sub(r"\s+", " ", sentence)


# ---------------------------------------------------------------------------------------
# Titles and boilerplate: whole lines


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
