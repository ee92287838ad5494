"""Every rule id auditor can emit, in one place: the YAML lexicon's rules and the rules the
tiers define in code (auditor.core.code_rules), each with its kind, default severity, summary,
likely original, examples, where it is defined and its docs anchor (ruff's one table of
codes). `auditor rules list|explain`, the SARIF rules table and the validation of
`--disable` / config `disable` all read it.

Tiers get their ids through `code_rule(id)`, which fails at import for an id with no entry.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .code_rules import CODE_RULES
from .errors import UsageError
from .findings import KIND_SWAP, Severity

DOCS = "docs/rules.md"  # generated from this registry (scripts/rules_doc.py); tested


@dataclass(frozen=True)
class RuleInfo:
    id: str
    kind: str  # the kind of the findings it makes (auditor.core.findings)
    severity: Severity  # the default (some tiers grade it by evidence; see `detail`)
    summary: str
    defined_in: str  # "auditor/detectors/rare.py" or "rules/idioms.yaml:12"
    original: str = ""  # the likely original, for rules that fix one
    flag: tuple[str, ...] = ()  # texts it must flag
    ok: tuple[str, ...] = ()  # texts it must not flag
    detail: str = ""
    family: bool = False  # a prefix whose full ids are made at run time (lt.*)
    tested_by: str = ""  # for rules without text examples: the tests that cover them
    source: str = "code"  # "code" or "yaml"
    patterns: tuple[str, ...] = ()  # a YAML rule's match patterns, for docs

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.id.lower()).strip("-")

    @property
    def help_uri(self) -> str:
        """Where the rule is documented in auditor's source tree (a relative reference)."""
        return f"{DOCS}#{self.anchor}"

    @property
    def absolute_help_uri(self) -> str | None:
        """The rule's docs as an absolute URL (SARIF's helpUri must be one), when the package
        declares where its docs are published (`docs_url`); else None."""
        base = docs_url()
        return None if base is None else f"{base}{Path(DOCS).name}#{self.anchor}"

    def covers(self, rule_id: str) -> bool:
        return rule_id == self.id or (self.family and rule_id.startswith(self.id + "."))


_CODE = {r["id"]: RuleInfo(**r) for r in CODE_RULES}


def selected(rule_id: str, selectors) -> bool:
    """Whether `rule_id` is named by one of `selectors` (ids or id prefixes at a dot), as
    `--disable` and config `disable` name rules."""
    return any(rule_id == s or rule_id.startswith(s.rstrip(".") + ".") for s in selectors)


def code_rule(rule_id: str) -> RuleInfo:
    """The entry of a code-defined rule; a KeyError names a tier's id without an entry."""
    return _CODE[rule_id]


def from_lexicon_rule(rule) -> RuleInfo:
    where = Path(rule.file)
    defined = f"{where.parent.name}/{where.name}:{rule.line}" if rule.file else "?"
    return RuleInfo(id=rule.id, kind=KIND_SWAP, severity=rule.severity,
                    summary=rule.message.replace("{text}", "…").replace("{original}",
                                                                        rule.original),
                    defined_in=defined, original=rule.original, flag=rule.examples_flag,
                    ok=rule.examples_ok, detail=rule.note, source="yaml",
                    patterns=tuple(rule.sources))


class Registry:
    def __init__(self, rules: list[RuleInfo]):
        self.rules = {r.id: r for r in sorted(rules, key=lambda r: r.id)}
        self.families = [r for r in self.rules.values() if r.family]

    def get(self, rule_id: str) -> RuleInfo | None:
        """The entry for an id, a family member's id (lt.X) included."""
        found = self.rules.get(rule_id)
        if found is not None:
            return found
        return next((r for r in self.families if r.covers(rule_id)), None)

    def __iter__(self):
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)

    def selects(self, selector: str) -> bool:
        """Whether a `disable` entry names a rule, a prefix of rule ids at a dot, or a
        family member."""
        sel = selector.rstrip(".")
        return (self.get(sel) is not None
                or any(i.startswith(sel + ".") for i in self.rules))

    def check_selectors(self, selectors, where: str, error=UsageError) -> None:
        """Raise `error` (exit 2) for an entry that selects nothing, with the closest ids."""
        for selector in selectors:
            if self.selects(selector):
                continue
            prefixes = {i.split(".", 1)[0] for i in self.rules}
            close = difflib.get_close_matches(selector, list(self.rules) + sorted(prefixes),
                                              n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise error(f"{where}: unknown rule id or prefix {selector!r}{hint} "
                        "(see `auditor rules list`)")


def build(lexicon) -> Registry:
    for rule in lexicon.rules:
        if any(code.covers(rule.id) for code in _CODE.values()):
            from .errors import RulesError
            raise RulesError(f"{rule.file}:{rule.line}: rule id {rule.id!r} is taken by "
                             f"auditor's own {_CODE.get(rule.id, rule).id!r} rule")
    return Registry([from_lexicon_rule(r) for r in lexicon.rules] + list(_CODE.values()))


# Project-URL labels (normalised as PEP 753 says) that name where the docs are published
DOCS_URL_LABELS = ("documentation", "docs")


@lru_cache(maxsize=1)
def docs_url() -> str | None:
    """The absolute http(s) URL of the published docs folder (the one holding rules.md), from
    the installed package's project URLs: `[project.urls] Documentation = "https://…/docs/"`
    in pyproject.toml. None when there is none, or auditor runs without being installed."""
    from importlib import metadata
    from urllib.parse import urlsplit

    try:
        entries = metadata.metadata("auditor").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        url = url.strip()
        parts = urlsplit(url)
        if re.sub(r"[\W_]", "", label).lower() in DOCS_URL_LABELS \
                and parts.scheme in ("http", "https") and parts.netloc:
            return url if url.endswith("/") else url + "/"
    return None


@lru_cache(maxsize=8)
def load(rule_dirs: tuple[str, ...] = ()) -> Registry:
    """The registry for the default lexicon plus the packs in `rule_dirs`."""
    from ..lexicon.loader import load_default, load_dirs

    lexicon = load_default()
    if rule_dirs:
        lexicon.extend(load_dirs(list(rule_dirs)))
    return build(lexicon)
