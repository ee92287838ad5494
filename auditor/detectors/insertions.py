"""Inserted SEO keywords (`page.inserted-keyword`, see `auditor.detectors.page`): a query-
shaped phrase standing where the sentence cannot take it, found from word order around
closed-class words, without a parser."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import lemmas
from ..core.findings import Finding, Severity
from ..lexicon.frequency import zipf
from .base import orths, text_of
from .page_data import (ARTICLES, AUXILIARIES, BE_FORMS, DETERMINERS, FUNCTION_WORDS,
                        KIND_INSERTION, MODALS, NOMINATIVE, NOT_PREVERBAL_ONLY, PHRASE_OPENERS,
                        PREVERBAL, RULE_INSERTION, SUBORDINATORS, PageData)

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
