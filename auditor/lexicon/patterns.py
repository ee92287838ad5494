"""The rule pattern mini-language, compiled to spaCy Matcher token patterns.

A pattern is a space-separated list of tokens:

    word          the token's lowercase text is `word`
    a|b|c         ... is one of these
    ~word         the token's lemma is `word` (every inflected form matches: `~feel`
                  matches feel, feels, felt, feeling); `~a|~b|c` mixes both
    !a|b          any token except these
    *             any one token;  `*?` optionally one token
    #num #punct #title #upper   token shape tests
    tok?          optional token (any of the above followed by `?`)
    risk-free     a hyphenated word is matched as spaCy tokenizes it: risk - free
    [ ... ]       the tokens between the brackets are the suspect span that gets reported;
                  without brackets the whole match is reported.

Examples: `~sense|~feeling of [neighborhood|neighbourhood]`,
`[searchings] for`, `one of [one of] the most`.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import lemmas


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class CompiledPattern:
    tokens: tuple  # spaCy Matcher token dicts
    focus: tuple[int, int]  # pattern-token index range [start, end) that is reported
    source: str


# Bounds checked at load time: spaCy's Matcher is exponential in optional tokens and recursive
# in pattern length (26 × `*?` hangs a run, 3,000 × `*` overflows the stack). The shipped
# lexicon's longest pattern has 8 tokens, at most 3 optional and 1 wildcard.
MAX_TOKENS = 24
MAX_OPTIONAL = 6
MAX_WILDCARDS = 6
MAX_SOURCE_CHARS = 10_000

SHAPES = {"#num": {"LIKE_NUM": True}, "#punct": {"IS_PUNCT": True},
          "#title": {"IS_TITLE": True}, "#upper": {"IS_UPPER": True}}


def _alternatives(spec: str) -> set[str]:
    words: set[str] = set()
    for alt in spec.split("|"):
        if not alt:
            raise PatternError(f"empty alternative in {spec!r}")
        if alt.startswith("~"):
            words |= lemmas.forms(alt[1:])
        else:
            words.add(alt.lower())
    return words


def _token(spec: str) -> dict:
    optional = spec.endswith("?") and len(spec) > 1
    if optional:
        spec = spec[:-1]
    if spec == "*":
        tok: dict = {}
    elif spec in SHAPES:
        tok = dict(SHAPES[spec])
    elif spec.startswith("#"):
        raise PatternError(f"unknown shape {spec!r} (known: {', '.join(SHAPES)})")
    elif spec.startswith("!"):
        tok = {"LOWER": {"NOT_IN": sorted(_alternatives(spec[1:]))}}
    else:
        words = _alternatives(spec)
        tok = {"LOWER": next(iter(words))} if len(words) == 1 else {"LOWER": {"IN": sorted(words)}}
    if optional:
        tok["OP"] = "?"
    return tok


def _split_hyphens(source: str) -> list[str]:
    """spaCy's English tokenizer splits `risk-free` into `risk - free`; so do we. A hyphenated
    word cannot be one alternative among others (write separate patterns instead)."""
    out: list[str] = []
    for raw in source.split():
        core = raw.strip("[]")
        if "-" not in core.strip("-") or core.startswith(("!", "#")):
            out.append(raw)
            continue
        if "|" in core or core.startswith("~") or core.endswith("?"):
            raise PatternError(f"hyphenated word in {raw!r} must stand alone (spaCy splits it "
                               "at the hyphen); write one pattern per alternative")
        parts = " - ".join(core.split("-")).split()
        if raw.startswith("["):
            parts[0] = "[" + parts[0]
        if raw.endswith("]"):
            parts[-1] += "]"
        out.extend(parts)
    return out


def compile_pattern(source: str) -> CompiledPattern:
    if not isinstance(source, str) or not source.strip():
        raise PatternError("empty pattern")
    if len(source) > MAX_SOURCE_CHARS:
        raise PatternError(f"pattern longer than {MAX_SOURCE_CHARS:,} characters")
    if len(source.split()) > 4 * MAX_TOKENS:  # before splitting hyphens: bounded work
        raise PatternError(f"too many tokens (at most {MAX_TOKENS})")
    tokens: list[dict] = []
    focus_start = focus_end = None
    for raw in _split_hyphens(source):
        spec = raw
        if spec.startswith("["):
            if focus_start is not None:
                raise PatternError(f"more than one '[' in {source!r}")
            focus_start = len(tokens)
            spec = spec[1:]
        closes = spec.endswith("]")
        if closes:
            spec = spec[:-1]
        if spec:
            tokens.append(_token(spec))
        if closes:
            if focus_start is None or focus_end is not None:
                raise PatternError(f"unbalanced ']' in {source!r}")
            focus_end = len(tokens)
    if focus_start is not None and focus_end is None:
        raise PatternError(f"unclosed '[' in {source!r}")
    if not tokens:
        raise PatternError(f"no tokens in {source!r}")
    _check_complexity(tokens, source)
    if focus_start is None:
        focus_start, focus_end = 0, len(tokens)
    if focus_end <= focus_start:
        raise PatternError(f"empty [ ] in {source!r}")
    if all(t.get("OP") == "?" for t in tokens[focus_start:focus_end]):
        raise PatternError(f"the reported span in {source!r} is entirely optional")
    return CompiledPattern(tokens=tuple(tokens), focus=(focus_start, focus_end), source=source)


def _check_complexity(tokens: list[dict], source: str) -> None:
    short = source if len(source) <= 60 else source[:57] + "..."
    optional = sum(1 for t in tokens if t.get("OP") == "?")
    if optional > MAX_OPTIONAL:
        raise PatternError(f"{optional} optional tokens in {short!r} (at most {MAX_OPTIONAL})")
    if len(tokens) > MAX_TOKENS:
        raise PatternError(f"{len(tokens)} tokens in {short!r} (at most {MAX_TOKENS})")
    wildcards = sum(1 for t in tokens if not set(t) - {"OP"})
    if wildcards > MAX_WILDCARDS:
        raise PatternError(f"{wildcards} wildcard tokens in {short!r} (at most {MAX_WILDCARDS})")
