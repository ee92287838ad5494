"""Import the Problematic Paper Screener's tortured-phrase table (a CSV export) as a rule pack.

Columns used: `Fingerprint - Tortured Phrase`, `Expected Text`, `Nb Retrieved Papers` (others
are ignored); comma, semicolon or tab separated; UTF-8 with or without BOM, or UTF-16 with BOM.

    "a b"          match: "a b" (lowercase, as spaCy's English tokenizer splits it)
    "a" OR "b"     one rule with one match pattern per alternative
    "a" AND "b c"  match "a" only in documents that also contain every word of "b c"
                   (`requires: [b, c]`: exact lowercase words, no inflections)
    "a b"~0        the exact phrase; ~N with N > 0 (proximity) or word~ (fuzzy) is skipped
    NOT, ( ), mixed AND/OR, wildcards *: skipped and counted in the summary

An expected text of `???` or with `(?)` (original uncertain) is imported with severity
`warning` and a note (`original: "?"` when there is no wording at all); the rest is `error`.
Confidence 1.0 from 5 retrieved papers, else 0.8. A single word without an AND context term
is skipped (too broad), and so is a phrase already imported with a nested context.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..core.errors import UsageError
from .patterns import PatternError, compile_pattern

PHRASE, EXPECTED, PAPERS = "Fingerprint - Tortured Phrase", "Expected Text", "Nb Retrieved Papers"
PREFIX = "pps"
QUERY_RE = re.compile(r'"([^"]*)"(?:~(\d+))?|([()])|\b(AND|OR|NOT)\b|([^\s()"]+)')
MESSAGE = "the Problematic Paper Screener lists '{text}' as a tortured phrase for '{original}'"
MESSAGE_UNSURE = ("the Problematic Paper Screener lists '{text}' as a tortured phrase (the "
                  "original wording is uncertain: '{original}')")


class Skip(Exception):
    """A fingerprint that cannot become a rule; str() is the reason shown in the summary."""


@dataclass
class ImportSummary:
    out_path: Path
    rows: int = 0
    imported: int = 0
    uncertain: int = 0  # imported with an uncertain original (severity warning)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason -> fingerprints

    def render(self, examples: int = 3) -> str:
        lines = [f"imported {self.imported} of {self.rows} fingerprints into {self.out_path} "
                 f"(prefix {PREFIX}); skipped {self.rows - self.imported}"]
        if self.uncertain:
            lines.append(f"  {self.uncertain} imported as 'warning': the original is uncertain "
                         "(??? or (?))")
        for reason, items in sorted(self.skipped.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            more = f", … (+{len(items) - examples})" if len(items) > examples else ""
            lines.append(f"  skipped {len(items)}, {reason}: "
                         + ", ".join(items[:examples]) + more)
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy
    return spacy.blank("en").tokenizer


def _words(text: str) -> list[str]:
    return [t.lower_ for t in _tokenizer()(" ".join(text.split())) if not t.is_space]


def _fires(text: str, patterns: list[str], requires: list[str]) -> bool:
    """Whether a rule with these literal patterns and context words flags `text`."""
    words = _words(text)
    joined = f" {' '.join(words)} "
    return set(requires) <= set(words) and any(f" {p} " in joined for p in patterns)


def _pattern(phrase: str) -> str:
    """A literal phrase as a pattern, checked to compile to exactly spaCy's tokens (the
    pattern language has no escapes: `covid-19`, `#`, `a|b` cannot be written literally)."""
    words = _words(phrase)
    try:
        compiled = [t.get("LOWER") for t in compile_pattern(" ".join(words)).tokens]
    except PatternError:
        compiled = None
    if compiled != words:
        raise Skip("phrase not expressible in the pattern language")
    return " ".join(words)


def parse_query(query: str) -> tuple[list[str], list[str]]:
    """(phrases to match, context terms that must also occur) of one fingerprint."""
    query = query.replace("\u201c", '"').replace("\u201d", '"')
    items: list[tuple[str, str]] = []  # (kind, text), kind: term | bare | op
    for quoted, slop, paren, op, bare in QUERY_RE.findall(query):
        if paren or op == "NOT":
            raise Skip("NOT cannot be expressed" if op else "grouping with ( ) not supported")
        if op:
            items.append(("op", op))
            continue
        if slop not in ("", "0") or "~" in bare:
            raise Skip("proximity or fuzzy ~ not supported")
        if "*" in quoted + bare:
            raise Skip("wildcard * not supported")
        if bare and items and items[-1][0] == "bare":  # unquoted words form one phrase
            items[-1] = ("bare", f"{items[-1][1]} {bare}")
        else:
            items.append(("bare", bare) if bare else ("term", quoted))
    ops = {text for kind, text in items if kind == "op"}
    if len(items) % 2 == 0 or any((k == "op") != (i % 2 == 1) for i, (k, _) in enumerate(items)) \
            or not all(t.strip() for _, t in items):
        raise Skip("unparseable fingerprint")
    if len(ops) > 1:
        raise Skip("mixed AND/OR not supported")
    terms = [text for kind, text in items if kind != "op"]
    return (terms, []) if ops == {"OR"} else (terms[:1], terms[1:])


def _read_rows(csv_path: Path) -> list[dict[str, str]]:
    try:
        raw = csv_path.read_bytes()
        text = raw.decode("utf-16") if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            else raw.decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"{csv_path}: cannot read the CSV file: {exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{csv_path}: not UTF-8 text; export the table as 'CSV UTF-8'") from None
    text = text.lstrip("\r\n")
    header = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max(",;\t", key=header.count))
    names = [n.strip().strip('"').strip() for n in next(reader, [])]
    index = {n.casefold(): i for i, n in reversed(list(enumerate(names)))}
    missing = [c for c in (PHRASE, EXPECTED, PAPERS) if c.casefold() not in index]
    if missing:
        raise UsageError(f"{csv_path}: missing column(s) {', '.join(map(repr, missing))} (found: "
                         f"{', '.join(map(repr, names)) or 'none'}); is this an export of the "
                         "Problematic Paper Screener's tortured-phrase table?")
    cols = {c: index[c.casefold()] for c in (PHRASE, EXPECTED, PAPERS)}
    try:
        return [{c: " ".join(row[i].split()) if i < len(row) else "" for c, i in cols.items()}
                for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise UsageError(f"{csv_path}:{reader.line_num}: malformed CSV: {exc}") from None


def _rule(row: dict[str, str]) -> dict:
    """The rule (without its id) for one row, or Skip."""
    if not row[PHRASE]:
        raise Skip("empty fingerprint")
    phrases, context = parse_query(row[PHRASE])
    phrases = [" ".join(p.split()) for p in phrases]
    patterns = [_pattern(p) for p in phrases]
    requires = list(dict.fromkeys(w for t in context for w in _words(t)
                                  if any(map(str.isalnum, w))))
    if context and not requires:
        raise Skip("context term has no words")
    if not requires and any(" " not in p for p in patterns):
        raise Skip("single word without an AND context term (too broad)")
    expected = row[EXPECTED]
    plain = expected.replace("(?)", "").strip(" ?")
    unsure = not plain or "(?)" in expected
    tail = f" ({' '.join(context)})" if context else ""
    flag = [f"The paper uses {p}{tail}." for p in phrases]
    if not all(_fires(f, [p], requires) for f, p in zip(flag, patterns)):
        raise Skip("no example sentence matches the phrase")
    ok = [f"The paper uses {plain or 'the usual wording'}{tail}.", f"The paper uses {phrases[0]}."]
    ok = [o for o in ok[:1 + bool(context)] if not _fires(o, patterns, requires)]
    rule = {"match": patterns[0] if len(patterns) == 1 else patterns, "requires": requires,
            "original": expected if plain else "?", "severity": "warning" if unsure else "error",
            "message": MESSAGE_UNSURE if unsure else MESSAGE,
            "confidence": 1.0 if row[PAPERS].isdigit() and int(row[PAPERS]) >= 5 else 0.8,
            "note": f"Problematic Paper Screener fingerprint {row[PHRASE]}; retrieved papers: "
                    f"{row[PAPERS] or '?'}" + ("; the original is uncertain" if unsure else ""),
            "tags": ["pps"], "examples": {"flag": flag, "ok": ok or ["The paper is fine."]}}
    return {k: v for k, v in rule.items() if v != []}


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "phrase"


def import_pps(csv_path: Path, out_path: Path, force: bool = False) -> ImportSummary:
    """Convert a PPS tortured-phrase CSV export into a rule pack at `out_path`."""
    csv_path, out_path = Path(csv_path), Path(out_path)
    if out_path.exists() and not force:
        raise UsageError(f"{out_path} already exists; pass --force to overwrite it")
    rows = _read_rows(csv_path)
    summary, rules = ImportSummary(out_path=out_path, rows=len(rows)), []
    contexts: dict[str, list[set]] = {}  # pattern -> the `requires` of each rule using it
    for row in rows:
        try:
            rule = _rule(row)
            patterns = [rule["match"]] if isinstance(rule["match"], str) else rule["match"]
            req = set(rule.get("requires", ()))
            # two rules on one phrase with nested contexts would fire on the same words
            if any(s <= req or req <= s for p in patterns for s in contexts.get(p, ())):
                raise Skip("duplicate of an earlier fingerprint")
        except Skip as why:
            summary.skipped.setdefault(str(why), []).append(
                row[PHRASE] or f"(expected text {row[EXPECTED]!r})")
            continue
        for p in patterns:
            contexts.setdefault(p, []).append(req)
        ids = {r["id"] for r in rules}
        base = rule_id = f"{PREFIX}.{_slug(patterns[0])}"
        for n in range(2, len(ids) + 2):
            rule_id = rule_id if rule_id not in ids else f"{base}-{n}"
        rules.append({"id": rule_id, **rule})
        summary.imported += 1
        summary.uncertain += rule["severity"] == "warning"
    pack = {"prefix": PREFIX, "description": "Tortured phrases imported from the Problematic "
            "Paper Screener's table", "source": "Problematic Paper Screener (Cabanac, Labbé & "
            f"Magazinov), export {csv_path.name}", "rules": rules}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("# Generated by `auditor rules import-pps`; edit the CSV, not this file.\n"
                        + yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=1000),
                        encoding="utf-8")
    return summary
