"""`auditor rules list` and `auditor rules explain`: rule docs rendered from the YAML."""
from __future__ import annotations

from typing import TextIO

from ..lexicon import Lexicon, Rule
from ..termsafe import clean


def list_rules(lexicon: Lexicon, out: TextIO) -> None:
    width = max((len(r.id) for r in lexicon.rules), default=10)
    for rule in sorted(lexicon.rules, key=lambda r: r.id):
        out.write(clean(f"{rule.id:<{width}}  {rule.severity.label:<10}  -> {rule.original}",
                        multiline=False) + "\n")
    out.write(f"{len(lexicon.rules)} rules from {len(lexicon.files)} files\n")


def explain_rule(rule: Rule, out: TextIO) -> None:
    def w(line: str) -> None:  # rule packs are data from anywhere: each line cleaned
        out.write(clean(line.rstrip("\n")) + "\n")

    w(f"{rule.id}  ({rule.severity.label}, {rule.kind})\n")
    w(f"  defined at {rule.file}:{rule.line}\n")
    w(f"  likely original: {rule.original}\n")
    w(f"  message: {rule.message}\n")
    if rule.note:
        w(f"  note: {rule.note}\n")
    for src in rule.sources:
        w(f"  matches: {src}\n")
    for ex in rule.examples_flag:
        w(f"  flags:   {ex}\n")
    for ex in rule.examples_ok:
        w(f"  ok:      {ex}\n")
