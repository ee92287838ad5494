"""Inline suppressions: accept a finding where it stands, with a reason.

In each input format's comment syntax (the RULE list is rule ids or id prefixes, separated by
commas or spaces; the reason follows ` -- ` or a colon, whichever comes first):

- Markdown, HTML and JATS XML: `<!-- auditor-disable-next-line RULE -- reason -->`,
  `<!-- auditor-disable RULE -- reason -->` … `<!-- auditor-enable -->`;
- reStructuredText: a comment line `.. auditor-disable-next-line RULE -- reason`;
- plain text (and the extracted text of Word and PDF files): a line of its own
  `auditor-disable-next-line RULE -- reason` (likewise `auditor-disable` / `auditor-enable`).

The colon is there for XML (JATS, XHTML read as XML by other tools): XML forbids `--` inside a
comment, so `<!-- auditor-disable-next-line RULE: reason -->` is the form that stays
well-formed. A rule id never holds a colon (auditor.lexicon.loader.ID_RE), so the first one
ends the rule list; a ` -- ` before it wins, so a reason may hold colons.

`disable-next-line` covers the next line that is not blank; `disable` covers everything up to
an `auditor-enable` that names the rule (or names none), else the end of the file. Directive
lines are blanked before auditing, so they are never audited as prose (Markdown comments are
masked anyway).

A directive is itself reported (kind `note`, severity warning, suppressible only with
`--disable suppression`): `suppression.missing-reason` when it gives no reason (it still
applies), `suppression.unknown-rule` for an id or prefix no rule has (that entry does
nothing), `suppression.invalid` when it names no rule, and with `--report-unused-suppressions`
`suppression.unused` for one that suppressed nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .findings import Finding
from .registry import code_rule

# Input formats (auditor.inputs.FORMATS) by comment syntax; the others use plain lines.
HTML_COMMENT_FORMATS = ("markdown", "html", "jats")
RST_COMMENT_FORMATS = ("rst",)
_ACTIONS = r"auditor-(disable-next-line|disable|enable)(?![\w-])"
# The body stops at the next `<!--` and after 2,000 characters: a file of unclosed
# directives stays linear.
_HTML = re.compile(r"<!--[ \t]*" + _ACTIONS + r"((?:(?!<!--).){0,2000}?)-->", re.S)
_RST = re.compile(r"^[ \t]*\.\.[ \t]+" + _ACTIONS + r"([^\r\n]*)", re.M)
_PLAIN = re.compile(r"^[ \t]*" + _ACTIONS + r"([^\r\n]*)", re.M)
_SEPARATOR = re.compile(r"\s--(?:\s|$)|:")  # the reason follows the first of these

MISSING_REASON = code_rule("suppression.missing-reason")
UNKNOWN_RULE = code_rule("suppression.unknown-rule")
INVALID = code_rule("suppression.invalid")
UNUSED = code_rule("suppression.unused")


@dataclass
class Directive:
    action: str  # disable-next-line | disable | enable
    rules: tuple[str, ...]
    reason: str
    start: int  # the directive's span in the content
    end: int
    regions: list[tuple[int, int]] = field(default_factory=list)  # offsets it covers
    valid: tuple[str, ...] = ()  # the rules that name known rules
    used: bool = False


def syntax_for(fmt: str) -> re.Pattern:
    """The directive syntax of an input format (the document's `format`, so --input-format
    and --stdin-filename choose it as they choose the reader)."""
    if fmt in HTML_COMMENT_FORMATS:
        return _HTML
    if fmt in RST_COMMENT_FORMATS:
        return _RST
    return _PLAIN


def parse(content: str, fmt: str) -> list[Directive]:
    """The directives in `content`, a document of input format `fmt`, with the regions
    they cover."""
    directives = []
    for m in syntax_for(fmt).finditer(content):
        body = m.group(2).strip()
        parts = _SEPARATOR.split(" " + body + " ", maxsplit=1)
        names = parts[0].replace(",", " ").split()
        reason = parts[1].strip() if len(parts) > 1 else ""
        directives.append(Directive(m.group(1), tuple(names), reason, m.start(), m.end()))
    _regions(content, directives)
    return directives


def _regions(content: str, directives: list[Directive]) -> None:
    """Each directive's region. One backward pass: a `disable` ends at the first later
    `enable` that names none of the rules or one of its rules (linear in the directives)."""
    next_all = len(content)
    next_for: dict[str, int] = {}
    for d in reversed(directives):
        if d.action == "enable":
            if not d.rules:
                next_all = d.start
            for rule in d.rules:
                next_for[rule] = d.start
        elif d.action == "disable":
            d.regions.append((d.end, min([next_all] + [next_for[r] for r in d.rules
                                                         if r in next_for])))
        else:
            d.regions.append(_next_line(content, d.end))


def _next_line(content: str, pos: int) -> tuple[int, int]:
    """The next line after `pos` that holds something other than whitespace."""
    nl = content.find("\n", pos)
    while nl >= 0:
        start = nl + 1
        end = content.find("\n", start)
        end = len(content) if end < 0 else end
        if content[start:end].strip():
            return start, end
        nl = content.find("\n", start) if end < len(content) else -1
    return len(content), len(content)


def masked(text: str, directives: list[Directive]) -> str:
    """`text` with every directive blanked (newlines kept, offsets unchanged)."""
    if not directives:
        return text
    out, pos = [], 0
    for d in directives:
        out.append(text[pos:d.start])
        out.append(re.sub(r"[^\n]", " ", text[d.start:d.end]))
        pos = d.end
    out.append(text[pos:])
    return "".join(out)


def _selects(selector: str, rule_id: str) -> bool:
    sel = selector.rstrip(".")
    return rule_id == sel or rule_id.startswith(sel + ".")


def apply(directives: list[Directive], findings: list[Finding], content: str, known,
          report_unused: bool = False) -> tuple[list[Finding], list[Finding]]:
    """(the findings no directive covers, the findings about the directives themselves).
    `known(selector) -> bool` says whether a rule id or prefix names a rule."""
    notes: list[Finding] = []
    for d in directives:
        if d.action == "enable":
            continue
        if not d.rules:
            notes.append(_note(d, content, INVALID, f"'auditor-{d.action}' names no rule id; "
                               "write the ids to suppress, then ' -- ' (or ':') and the reason"))
            continue
        unknown = [r for r in d.rules if not known(r)]
        d.valid = tuple(r for r in d.rules if r not in unknown)
        for name in unknown:
            notes.append(_note(d, content, UNKNOWN_RULE, f"'{name}' is no rule id or prefix "
                               "(see `auditor rules list`); it suppresses nothing"))
        if not d.reason:
            notes.append(_note(d, content, MISSING_REASON,
                               f"suppression of {', '.join(d.rules)} gives no reason; add "
                               "' -- ' (or ':') and why the finding is accepted"))
    kept = [f for f in findings if not _covered(f, directives)]
    if report_unused:
        for d in directives:
            if d.valid and not d.used:
                notes.append(_note(d, content, UNUSED, f"suppression of {', '.join(d.valid)} "
                                   "matches no finding; remove it"))
    return kept, notes


def _covered(f: Finding, directives: list[Directive]) -> bool:
    covered = False
    for d in directives:
        if any(lo <= f.start < hi or (lo == hi == f.start) for lo, hi in d.regions) and \
                any(_selects(r, f.rule_id) for r in d.valid):
            d.used = True
            covered = True
    return covered


def _note(d: Directive, content: str, rule, message: str) -> Finding:
    return Finding(rule_id=rule.id, kind=rule.kind, severity=rule.severity, start=d.start,
                   end=d.end, text=content[d.start:d.end], message=message)


def known_selector(rule_dirs: tuple[str, ...] = ()):
    """`known(selector)`: whether a rule id or prefix names a rule auditor can emit (the rule
    registry: the lexicon's rules and the tiers')."""
    from . import registry

    return registry.load(tuple(rule_dirs)).selects
