"""The rare-form detector: word forms that only text rewriters produce.

A spinner that swaps a word for a synonym often keeps the original's ending, so "findings"
becomes "searchings", "took" becomes "tooked" and "unwound" becomes "unwinded". Such forms
are (next to) absent from real English while their base is common, and wordfreq measures
both: zipf("searchings") = 0.00, zipf("searching") = 4.36. A token is flagged when it is
lowercase, alphabetic, (next to) never used, and a regular inflection of a common word:

- `rare.plural-gerund`: a plural of a common gerund ("searchings", "lookings");
- `rare.double-inflection`: an ending on a form that is already irregularly inflected
  ("tooked", "wented", "mosting"); an error, as no writer means it;
- `rare.regularized-irregular`: "-ed" on a common irregular verb ("unwinded", "teached");
- `rare.inflected-non-word`: "-ing", "-ed", "-ened" or "-ness" on a very common word that
  takes no such ending ("efficientness", "strongened").

Rare technical words ("hyperlipoproteinemia", "ependymomas") are not flagged: their base is
rare too. Verb forms come from the lemma table in `auditor.lexicon.lemmas`.

Only lowercase ASCII words of four letters or more are looked at (no names, numbers or
acronyms). A word touching a hyphen, slash, dot, digit, '@' or '_' (compounds, paths,
addresses, code), a word in quotation marks (mentioned, not used) and a word an earlier
tier already reported are skipped. Cost: the frequency table (auditor.lexicon.frequency)
loads on the first lookup; after that, with the per-word caches, about 1 µs per token.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ..core.findings import Finding, Severity
from ..core.registry import code_rule
from ..lexicon import lemmas
from .base import add_findings, lowers, taken_chars, text_of

RULES = {kind: code_rule(f"rare.{kind}") for kind in (
    "double-inflection", "regularized-irregular", "inflected-non-word", "plural-gerund")}
# Only words ending like an inflection can be one; checked before any lookup.
_ENDINGS = ("s", "d", "g", "n")
# Characters that mark a token as part of code, a path, an address or a compound.
_JOINERS = set("-‐‑–/\\_@.=+#&<>|~^0123456789")
_QUOTES = {'"', "“", "”", "„", "«", "»", "‘", "’", "'", "`"}
VOWELS = set("aeiou")


@dataclass(frozen=True)
class RareForm:
    """Why one word form looks rewritten."""

    kind: str
    base: str
    zipf: float
    base_zipf: float
    suggestion: str
    reason: str
    severity: Severity
    confidence: float


def zipf(word: str) -> float:
    from ..lexicon.frequency import zipf as _zipf
    return _zipf(word)


SUFFIXES = ("ings", "ing", "ened", "ed", "en", "ness", "es", "s", "d")


def _worth_asking(word: str) -> bool:
    """Whether any rule could apply, decided without wordfreq (whose first use costs about
    0.3 s): the word must end like an inflection of a possible base, and a form the lemma
    table lists is real English, unless it is the regularized past of an irregular verb
    (the table does list a few, such as "unwinded")."""
    if word in STOP_WORDS or not any(word.endswith(sfx) and len(word) - len(sfx) >= 2
                                     for sfx in SUFFIXES):
        return False
    if not lemmas.is_listed(word):
        return True
    return word.endswith("ed") and bool(_irregular_pasts(lemmas.lemma(word)))


def _verb_forms(base: str) -> list[str]:
    """The inflected forms the lemma table lists for `base` (none for an unknown word;
    `lemmas.forms` would invent regular ones)."""
    return lemmas.listed_forms(base)


@lru_cache(maxsize=50_000)
def _irregular_forms(lemma: str) -> tuple[str, ...]:
    """Forms of `lemma` that no regular ending makes: 'take' -> ('taken', 'took'),
    'child' -> ('children',). Comparatives and superlatives ('-er', '-est') are left out."""
    regular = lemmas.regular_forms(lemma)
    out = []
    for form in _verb_forms(lemma):
        if form == lemma or form in regular or not form.isalpha() or len(form) < 3:
            continue
        if form.endswith(("s", "ing", "ed", "er", "est")):
            continue
        out.append(form)
    return tuple(out)


def _is_irregular_form(word: str) -> bool:
    """'took', 'went', 'made', 'children': an inflected form that no regular ending makes."""
    lem = lemmas.lemma(word)
    return lem != word and word in _irregular_forms(lem)


def _irregular_pasts(verb: str) -> tuple[str, ...]:
    """The irregular forms of a verb (one the table gives an '-ing' form): 'unwind' ->
    ('unwound',). Nouns with irregular plurals ('mouse' -> 'mice') give nothing."""
    if not any(f.endswith("ing") for f in _verb_forms(verb)):
        return ()
    return _irregular_forms(verb)


def _stems(word: str, suffix: str, shortest: int = 3) -> list[str]:
    """Bases that `word` = base + `suffix` can come from, with English spelling rules."""
    stem = word[: -len(suffix)]
    if len(stem) < shortest:
        return []
    out = [stem]
    if suffix in ("ed", "ing", "en", "ened"):
        out.append(stem + "e")
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS | {"l", "s"}:
            out.append(stem[:-1])
    if stem.endswith("i") and suffix in ("ed", "es", "ness"):
        out.append(stem[:-1] + "y")
    return out


class Analyzer:
    """Classifies one lowercase word; results are cached per word."""

    def __init__(self, max_zipf: float = 1.0, min_base_zipf: float = 3.5,
                 min_common_zipf: float = 4.0, max_regularized_zipf: float = 2.0,
                 min_verb_zipf: float = 3.0):
        self.max_zipf = max_zipf
        self.max_regularized_zipf = max_regularized_zipf
        self.min_verb_zipf = min_verb_zipf
        self.min_base_zipf = min_base_zipf
        self.min_common_zipf = min_common_zipf
        self.analyze = lru_cache(maxsize=200_000)(self._analyze)

    def _analyze(self, word: str) -> RareForm | None:
        if not _worth_asking(word):
            return None
        wz = zipf(word)
        if wz < self.max_zipf:
            found = self._plural_gerund(word, wz) or self._double_inflection(word, wz)
            if found:
                return found
        # Regularized irregular verbs ("teached", zipf 1.81) are rare in the web text that
        # wordfreq counts but never written on purpose, so they get a higher ceiling.
        if wz < self.max_regularized_zipf:
            found = self._regularized_irregular(word, wz)
            if found:
                return found
        if wz < self.max_zipf:
            return self._non_word(word, wz)
        return None

    def _common(self, base: str, floor: float) -> float | None:
        bz = zipf(base)
        return bz if bz >= floor else None

    def _plural_gerund(self, word: str, wz: float) -> RareForm | None:
        if not word.endswith("ings") or len(word) < 7:
            return None
        gerund = word[:-1]
        bz = self._common(gerund, self.min_base_zipf)
        if bz is None or (lemmas.lemma(gerund) == gerund and not _verb_forms(gerund[:-3])):
            return None
        return RareForm("plural-gerund", gerund, wz, bz, gerund,
                        f"'{gerund}' is common ({bz:.2f}) but is not used in the plural",
                        Severity.WARNING, 0.8)

    def _double_inflection(self, word: str, wz: float) -> RareForm | None:
        for suffix in ("ed", "d", "s", "es", "ing", "en"):
            if not word.endswith(suffix):
                continue
            form = word[: -len(suffix)]
            if len(form) < 3 or not _is_irregular_form(form):
                continue
            bz = self._common(form, self.min_base_zipf)
            if bz is None:
                continue
            return RareForm("double-inflection", form, wz, bz, form,
                            f"'{form}' is already an inflected form of "
                            f"'{lemmas.lemma(form)}'", Severity.ERROR, 0.9)
        return None

    def _regularized_irregular(self, word: str, wz: float) -> RareForm | None:
        if not word.endswith("ed"):
            return None
        for base in _stems(word, "ed", shortest=2):  # "goed"
            pasts = _irregular_pasts(base)
            if not pasts:
                continue
            bz = self._common(base, self.min_verb_zipf)
            if bz is None:
                continue
            best = max(pasts, key=zipf)
            return RareForm("regularized-irregular", base, wz, bz, best,
                            f"the past of '{base}' is '{best}'", Severity.WARNING, 0.8)
        return None

    def _non_word(self, word: str, wz: float) -> RareForm | None:
        for suffix in ("ing", "ed", "ness", "ened"):
            if not word.endswith(suffix):
                continue
            for base in _stems(word, suffix):
                bz = self._common(base, self.min_common_zipf)
                if bz is None:
                    continue
                if suffix in ("ing", "ed") and _verb_forms(base):
                    continue
                return RareForm("inflected-non-word", base, wz, bz, base,
                                f"'{base}' is common ({bz:.2f}) but takes no '-{suffix}'",
                                Severity.WARNING, 0.7)
        return None


@Language.factory(
    "auditor_rare_forms",
    default_config={"max_zipf": 1.0, "max_regularized_zipf": 2.0, "min_base_zipf": 3.5,
                    "min_verb_zipf": 3.0, "min_common_zipf": 4.0, "min_length": 4},
)
def make_rare_forms(nlp: Language, name: str, max_zipf: float, max_regularized_zipf: float,
                    min_base_zipf: float, min_verb_zipf: float, min_common_zipf: float,
                    min_length: int):
    analyzer = Analyzer(max_zipf=max_zipf, min_base_zipf=min_base_zipf,
                        min_common_zipf=min_common_zipf,
                        max_regularized_zipf=max_regularized_zipf, min_verb_zipf=min_verb_zipf)
    return RareFormDetector(analyzer, min_length)


class RareFormDetector:
    def __init__(self, analyzer: Analyzer, min_length: int = 4):
        self.analyzer = analyzer
        self.min_length = min_length

    def __call__(self, doc: Doc) -> Doc:
        analyze = self.analyzer.analyze
        min_length = self.min_length
        hits = []
        # The lowercase form equals the text exactly when the text is lowercase.
        for i, lower in enumerate(lowers(doc)):
            if (len(lower) < min_length or not lower.endswith(_ENDINGS) or not lower.isascii()
                    or not lower.isalpha()):
                continue
            token = doc[i]
            if token.text != lower:
                continue
            found = analyze(lower)
            if found is not None:
                hits.append((token, found))
        if not hits:
            return doc
        taken = taken_chars(doc)
        text = text_of(doc)
        items = []
        for token, found in hits:
            start, end = token.idx, token.idx + len(token.text)
            if any(start < e and s < end for s, e in taken):
                continue
            if _in_compound(text, start, end) or _quoted(text, start, end):
                continue
            items.append((doc[token.i: token.i + 1], _finding(token.text, start, end, found)))
        if items:
            add_findings(doc, items)
        return doc


def _finding(text: str, start: int, end: int, found: RareForm) -> Finding:
    return Finding(
        rule_id=RULES[found.kind].id, kind=RULES[found.kind].kind, severity=found.severity,
        start=start, end=end, text=text,
        message=(f"'{text}' is not an English word (wordfreq zipf {found.zipf:.2f}; "
                 f"{found.reason}): a rewriting tool probably produced it"),
        suggestion=found.suggestion,
        evidence=f"wordfreq zipf: {text} {found.zipf:.2f}, {found.base} {found.base_zipf:.2f}",
        confidence=found.confidence,
    )


def _in_compound(text: str, start: int, end: int) -> bool:
    """The token touches a hyphen, slash, digit, dot, '@' or '_' (a compound, path, code,
    address or abbreviation), or a letter (a word the tokenizer split)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _JOINERS or before.isalpha() or after.isalpha():
        return True
    if after == ".":  # a full stop, not "e.g." or "file.txt"
        return end + 1 < len(text) and not text[end + 1].isspace()
    return after in _JOINERS


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside quotation marks: right next to a quote character, or after an unclosed
    double quote on its line (a quoted or cited word is mentioned, not used)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _QUOTES or after in _QUOTES:
        return True
    line = text[text.rfind("\n", 0, start) + 1: start]
    return (line.count('"') % 2 == 1 or line.count("“") > line.count("”")
            or line.count("«") > line.count("»") or line.count("‘") > line.count("’"))
