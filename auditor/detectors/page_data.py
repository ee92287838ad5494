"""Data and word classes shared by the page-signal detectors (`auditor.detectors.page`):
rule ids and kinds, closed-class word lists, and the word lists of `rules/page/` loaded into
a `PageData`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.registry import code_rule

_INSERTION = code_rule("page.inserted-keyword")
_TITLE = code_rule("page.off-topic-title")
_BOILERPLATE = code_rule("page.boilerplate")
RULE_INSERTION, RULE_TITLE, RULE_BOILERPLATE = _INSERTION.id, _TITLE.id, _BOILERPLATE.id
KIND_INSERTION, KIND_TITLE, KIND_BOILERPLATE = _INSERTION.kind, _TITLE.kind, _BOILERPLATE.kind

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
