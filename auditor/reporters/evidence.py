"""A finding's evidence in words. The phrase rules write their evidence as
`matched '<pattern>' in '<sentence>'`, the pattern in the rule language of auditor.lexicon.patterns
(`[get in touch] with them|others in a|an safe|secure`); a reader should not need that
language. `in_words` returns what matched as a phrase quoted from the sentence when the
pattern can be found there, else the pattern told in words; other evidence is returned as is.
"""
from __future__ import annotations

import re
from functools import lru_cache

MATCHED = re.compile(r"^matched (?P<q>['\"])(?P<pattern>.*?)(?P=q)"
                     r"(?: in (?P<q2>['\"])(?P<sentence>.*)(?P=q2))?$", re.DOTALL)
SHAPES = {"#num": "a number", "#punct": "a punctuation mark", "#title": "a capitalised word",
          "#upper": "a word in capitals"}
SHAPE_RE = {"#num": r"\d[\d,.]*", "#punct": r"[^\w\s]", "#title": r"[A-Z]\w*",
            "#upper": r"[A-Z][A-Z0-9]*"}
MAX_LISTED = 4


def _tokens(pattern: str) -> list[tuple[str, bool]]:
    """[(token, in the reported span)] of a pattern; brackets mark the reported span."""
    out, inside = [], False
    for raw in pattern.split():
        token = raw
        if token.startswith("["):
            inside, token = True, token[1:]
        closing = token.endswith("]")
        token = token.rstrip("]")
        if token:
            out.append((token, inside))
        if closing:
            inside = False
    return out


def _alternatives(token: str) -> tuple[list[str], bool, bool]:
    """(alternatives, negated, optional) of one pattern token."""
    optional = token.endswith("?") and token != "?"
    token = token[:-1] if optional else token
    negated = token.startswith("!")
    return token.lstrip("!").split("|"), negated, optional


def _word_regex(token: str) -> str:
    alts, negated, optional = _alternatives(token)
    parts = []
    for alt in alts:
        if alt == "*":
            parts.append(r"\S+")
        elif alt in SHAPE_RE:
            parts.append(SHAPE_RE[alt])
        elif alt.startswith("~"):
            parts.append(re.escape(alt[1:].rstrip("e")) + r"\w*")  # feel, feels, felt: roughly
        else:
            parts.append(r"\s*".join(re.escape(p) for p in re.split(r"(?<=\w)(?=-)|(?<=-)", alt)))
    body = r"\S+" if negated else "(?:" + "|".join(parts) + ")"
    return f"(?:{body}\\s*)?" if optional else f"{body}\\s*"


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern | None:
    try:
        return re.compile(r"(?<!\w)" + "".join(_word_regex(t) for t, _ in _tokens(pattern)),
                          re.IGNORECASE)
    except re.error:
        return None


def _find(pattern: str, sentence: str, flagged: str) -> str | None:
    """The stretch of `sentence` the pattern matches, one that contains `flagged`."""
    regex = _regex(pattern)
    if regex is None:
        return None
    for match in regex.finditer(sentence):
        phrase = match.group(0).strip()
        if phrase and (not flagged or flagged.lower() in phrase.lower()):
            return phrase
    return None


def _listed(words: list[str]) -> str:
    shown = [f"'{w}'" for w in words[:MAX_LISTED]]
    more = len(words) - MAX_LISTED
    if more > 0:
        return ", ".join(shown) + f" or {more} other word{'s' if more > 1 else ''}"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _describe(token: str) -> str:
    alts, negated, optional = _alternatives(token)
    named = []
    for alt in alts:
        if alt == "*":
            named.append("any word")
        elif alt in SHAPES:
            named.append(SHAPES[alt])
        elif alt.startswith("~"):
            named.append(f"a form of '{alt[1:]}'")
        else:
            named.append(alt)
    plain = [n for n in named if n not in SHAPES.values() and not n.startswith(("any ", "a form"))]
    text = _listed(plain) if len(plain) == len(named) else " or ".join(named)
    if negated:
        text = f"a word other than {text}"
    return f"optionally {text}" if optional else text


def pattern_in_words(pattern: str) -> str:
    """The pattern told in words: "'get in touch with', then 'them', 'others' or 'peers'"
    (runs of single words are quoted together as a phrase)."""
    parts: list[str] = []
    run: list[str] = []
    for token, _ in _tokens(pattern):
        alts, negated, optional = _alternatives(token)
        plain = len(alts) == 1 and not negated and not optional and alts[0] != "*" \
            and not alts[0].startswith(("~", "#"))
        if plain:
            run.append(alts[0])
            continue
        if run:
            parts.append(f"'{' '.join(run)}'")
            run = []
        parts.append(_describe(token))
    if run:
        parts.append(f"'{' '.join(run)}'")
    return ", then ".join(parts)


def in_words(evidence: str | None, flagged: str = "", sentence: bool = False) -> str:
    """Readable evidence for a finding whose flagged text is `flagged`; with `sentence`, the
    sentence it was found in too (a report that shows the text has no need of it)."""
    if not evidence:
        return ""
    match = MATCHED.match(evidence.strip())
    if not match:
        return evidence
    found_in = match.group("sentence")
    where = f" in: '{found_in}'" if found_in and sentence else ""
    if found_in:
        phrase = _find(match.group("pattern"), found_in, flagged)
        if phrase:
            return f"matched the phrase '{phrase}'{where}"
    # The phrase could not be found: the sentence is cut at 160 characters, or the rule has
    # several patterns and the evidence names its first. Say what was found and what the rule
    # looks for, without claiming the pattern matched as written.
    described = pattern_in_words(match.group("pattern"))
    found = f"found '{flagged}'" if flagged else "found"
    return f"{found}{where} (the rule looks for {described})"
