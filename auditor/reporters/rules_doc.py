"""`auditor rules list` and `auditor rules explain`: rule docs rendered from the YAML."""
from __future__ import annotations

from typing import TextIO

from ..lexicon import Lexicon, Rule


def list_rules(lexicon: Lexicon, out: TextIO) -> None:
    width = max((len(r.id) for r in lexicon.rules), default=10)
    for rule in sorted(lexicon.rules, key=lambda r: r.id):
        out.write(f"{rule.id:<{width}}  {rule.severity.label:<10}  -> {rule.original}\n")
    out.write(f"{len(lexicon.rules)} rules from {len(lexicon.files)} files\n")


def explain_rule(rule: Rule, out: TextIO) -> None:
    out.write(f"{rule.id}  ({rule.severity.label}, {rule.kind})\n")
    out.write(f"  defined at {rule.file}:{rule.line}\n")
    out.write(f"  likely original: {rule.original}\n")
    out.write(f"  message: {rule.message}\n")
    if rule.note:
        out.write(f"  note: {rule.note}\n")
    for src in rule.sources:
        out.write(f"  matches: {src}\n")
    for ex in rule.examples_flag:
        out.write(f"  flags:   {ex}\n")
    for ex in rule.examples_ok:
        out.write(f"  ok:      {ex}\n")
