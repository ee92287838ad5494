"""`auditor rules list` and `auditor rules explain`, and docs/rules.md: rule docs rendered
from the registry (YAML rules and the rules defined in code alike)."""
from __future__ import annotations

from typing import TextIO

from ..core.registry import Registry, RuleInfo
from ..util.termsafe import clean


def list_rules(registry: Registry, out: TextIO) -> None:
    width = max((len(r.id) for r in registry), default=10)
    yaml = sum(1 for r in registry if r.source == "yaml")
    for rule in registry:
        name = f"{rule.id}.*" if rule.family else rule.id
        what = f"-> {rule.original}" if rule.original else f"({rule.kind}) {rule.summary}"
        out.write(clean(f"{name:<{width + 2}}  {rule.severity.label:<10}  {what}",
                        multiline=False) + "\n")
    out.write(f"{len(registry)} rules: {yaml} from the lexicon, {len(registry) - yaml} "
              "defined in code\n")


def explain_rule(rule: RuleInfo, out: TextIO, rule_id: str | None = None) -> None:
    def w(line: str) -> None:  # rule packs are data from anywhere: each line cleaned
        out.write(clean(line.rstrip("\n")) + "\n")

    if rule_id and rule_id != rule.id:
        w(f"{rule_id}: one of the {rule.id}.* family\n")
    w(f"{rule.id}{'.*' if rule.family else ''}  ({rule.severity.label}, {rule.kind})\n")
    w(f"  defined at {rule.defined_in}\n")
    w(f"  summary: {rule.summary}\n")
    if rule.original:
        w(f"  likely original: {rule.original}\n")
    if rule.detail:
        w(f"  note: {rule.detail}\n")
    for src in rule.patterns:
        w(f"  matches: {src}\n")
    for ex in rule.flag:
        w(f"  flags:   {_one_line(ex)}\n")
    for ex in rule.ok:
        w(f"  ok:      {_one_line(ex)}\n")
    if rule.tested_by:
        w(f"  tested by: {rule.tested_by}\n")
    w(f"  docs: {rule.help_uri}\n")


def _one_line(text: str, limit: int = 160) -> str:
    text = text.replace("\n", "⏎ ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def markdown(registry: Registry) -> str:
    """docs/rules.md: one section per rule, its heading's anchor the rule's `anchor`."""
    lines = ["# auditor rules", "",
             "Generated from the rule registry (`python scripts/rules_doc.py`); do not edit.",
             "Every id auditor can emit: the lexicon's rules (`rules/*.yaml`) and the rules "
             "defined in code.", ""]
    for rule in registry:
        name = f"{rule.id}.*" if rule.family else rule.id
        lines += [f'<a id="{rule.anchor}"></a>', f"## {name}", "",
                  f"{_md(rule.summary)}", "",
                  f"- kind: {rule.kind}; default severity: {rule.severity.label}",
                  f"- defined in: `{rule.defined_in}`"]
        if rule.original:
            lines.append(f"- likely original: {_md(rule.original)}")
        if rule.detail:
            lines.append(f"- note: {_md(rule.detail)}")
        lines += [f"- flags: {_md(_one_line(ex))}" for ex in rule.flag]
        lines += [f"- ok: {_md(_one_line(ex))}" for ex in rule.ok]
        if rule.tested_by:
            lines.append(f"- tested by: `{rule.tested_by}`")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return clean(text, multiline=False).replace("|", "\\|").replace("<", "&lt;")
