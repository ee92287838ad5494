"""Drop-in replacements: the text that should stand at `content[start:end]` of a finding.

A lexicon rule's `original` (the finding's `suggestion`) is the likely original wording of the
whole expression the rule matched, which is often wider than the flagged span: `sense of
community` for the flagged `neighborhood` in "a sense of neighborhood". Substituting it for the
span doubles the words the expression shares with the context ("a sense of sense of
community"). `replacement_for` aligns the suggestion against the words around the span and
keeps only the part that replaces the span:

- a prefix of the suggestion is dropped when its last word is the word just before the span
  ("sense of" before `neighborhood`, also "feeling of" before `area`: the shared `of` anchors
  the alignment, so the repair is "feeling of community", a fix of what was flagged);
- a suffix is dropped when its first word is the word just after the span ("struggle with"
  for `fight` in "fight with" gives "struggle");
- an edge word of the suggestion is also dropped when the neighbour on that side is a word a
  spinner writes for it (the shipped thesaurus read backwards, auditor.lexicon.thesaurus): 'safe
  space' for the flagged `secure` in "a secure area" gives "safe" ('area' stands for 'space'),
  'extend beyond' for `prolong` in "prolong past" gives "extend";
- at least one word of the suggestion is kept: a repair that would delete the span ("one of"
  in "one of one of the") is not expressible as a replacement and gets none;
- the first letter's case follows the flagged text ("Sense of Area" gives "Community"), an
  all-capitals span gets an all-capitals replacement.

Suggestions that offer alternatives (`a / b`) are not a single fix and get no replacement,
except LanguageTool's, whose first alternative is already a replacement for the exact span.
Kinds whose suggestion is not a wording for the span (an inserted keyword's suggestion is the
repaired sentence; titles and boilerplate have none) get no replacement either.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .findings import Finding

# Kinds whose suggestion is the likely original of the flagged wording.
ALIGNED_KINDS = frozenset({"swap", "consistency"})
GRAMMAR_KIND = "grammar"
ALTERNATIVES = " / "
# Words of context looked at on either side (within the span's line).
CONTEXT_WORDS = 8
CONTEXT_CHARS = 200
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def _kind(finding: Finding) -> str:
    kind = finding.kind
    return str(getattr(kind, "value", kind))


def with_replacement(finding: Finding, content: str) -> Finding:
    """The finding with `replacement` set when a fix is well defined (kept when a detector
    already set one)."""
    if finding.replacement or not finding.suggestion or finding.end <= finding.start:
        return finding
    new = replacement_for(finding, content)
    return replace(finding, replacement=new) if new else finding


def replacement_for(finding: Finding, content: str) -> str:
    """The text for `content[finding.start:finding.end]`, or "" when there is none."""
    kind = _kind(finding)
    text = content[finding.start:finding.end]
    if kind == GRAMMAR_KIND:
        first = finding.suggestion.split(ALTERNATIVES)[0]
        return first if first != text else ""
    if kind not in ALIGNED_KINDS or ALTERNATIVES in finding.suggestion:
        return ""
    # the span's line, at most CONTEXT_CHARS either side (a long one-line file stays linear)
    line_start = content.rfind("\n", max(0, finding.start - CONTEXT_CHARS), finding.start) + 1
    line_start = max(line_start, finding.start - CONTEXT_CHARS)
    line_end = content.find("\n", finding.end, finding.end + CONTEXT_CHARS)
    line_end = min(len(content), finding.end + CONTEXT_CHARS) if line_end < 0 else line_end
    before = _TOKEN.findall(content[line_start:finding.start])[-CONTEXT_WORDS:]
    after = _TOKEN.findall(content[finding.end:line_end])[:CONTEXT_WORDS]
    new = align(finding.suggestion, text, before, after, _swapped)
    if not new or new.lower() == text.lower():
        return ""
    return match_case(new, text)


def align(suggestion: str, text: str, before: list[str], after: list[str],
          swapped=None) -> str:
    """The words of `suggestion` that replace `text`, given the tokens before and after it.
    `swapped(written, original)`: whether a spinner could have written `written` for
    `original` (the thesaurus); an edge word of the suggestion whose neighbour outside the
    span is such a swap belongs to that neighbour, not to the span ('safe space' for the
    flagged 'secure' in 'a secure area' gives 'safe')."""
    words = suggestion.split()
    if not words:
        return ""
    lower = [w.lower() for w in words]
    span = [t.lower() for t in _TOKEN.findall(text)]
    left = before[-1].lower() if before else None
    right = after[0].lower() if after else None
    # A suggestion that already begins (ends) like the span keeps that part: only context
    # words outside the span are dropped.
    if _present(lower, before[-len(lower):]) or _present(lower, after[:len(lower)]):
        return ""  # the original already stands beside the span: the repair is a deletion
    lo = 0
    if left is not None and not (span and lower[0] == span[0]):
        for k in range(len(words) - 1, 0, -1):
            if lower[k - 1] == left:
                lo = k
                break
    hi = len(words)
    if right is not None and not (span and lower[-1] == span[-1]):
        for k in range(lo + 1, len(words)):
            if lower[k] == right:
                hi = k
                break
    if swapped is not None and hi - lo > 1 and lo == 0 and left is not None \
            and lower[0] != (span[:1] or [None])[0] and swapped(left, lower[0]):
        lo = 1
    if swapped is not None and hi - lo > 1 and hi == len(words) and right is not None \
            and lower[-1] != (span[-1:] or [None])[0] and swapped(right, lower[-1]):
        hi -= 1
    kept = lower[lo:hi]
    if (left is not None and kept[0] == left and span[:1] != [left]) or \
            (right is not None and kept[-1] == right and span[-1:] != [right]):
        return ""  # it would still double a word of the context
    return " ".join(words[lo:hi])


def _present(words: list[str], context: list[str]) -> bool:
    return len(context) == len(words) and [c.lower() for c in context] == words


def _swapped(written: str, original: str) -> bool:
    """Whether the thesaurus lists `original` among the words a spinner replaces with
    `written`; False when the shipped thesaurus cannot be read."""
    try:
        from ..lexicon.thesaurus import originals
        return original in originals(written)
    except (OSError, ImportError, ValueError):
        return False


def match_case(new: str, text: str) -> str:
    """`new` with the case of `text`: all capitals, or the first letter's case."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return new.upper()
    if text[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new
