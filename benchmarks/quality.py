#!/usr/bin/env python3
"""Detection quality per tier, on the clean corpora and on the gold-annotated samples.

    python benchmarks/quality.py [--shared ../shared] [--markdown]

Prints, per tier (rule-id prefix group): findings per 1,000 words on the clean corpora,
recall of tortured/awkward swaps and precision on ../shared/gold, and the verdict table
(share of clean documents judged clean/review/spun; verdict of every spun sample).
Recall and precision follow ../shared/tools/spin_score.py: a finding is correct when it
overlaps any gold span; a gold span is found when any finding overlaps it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.core.runner import Options, Runner  # noqa: E402
from auditor.inputs import document  # noqa: E402

TIERS = {
    "lexicon": ("idiom", "artefact", "tortured", "inst", "pps", "learned"),
    "near-miss": ("nearmiss",),
    "context": ("context",),
    "rare forms": ("rare",),
    "consistency": ("consistency",),
    "page signals": ("page",),
}


def tier_of(rule_id: str) -> str:
    prefix = rule_id.split(".", 1)[0]
    return next((t for t, prefixes in TIERS.items() if prefix in prefixes), "other")


def spin(findings):
    return [f for f in findings if f.is_spin and f.has_span]


def clean_stats(runner, folder: Path):
    words, hits, verdicts, per_tier = 0, 0, Counter(), Counter()
    examples = defaultdict(list)
    for path in document.iter_paths([str(folder)]):
        result = runner.audit(path)
        words += len(result.content.split())
        verdicts[result.verdict] += 1
        for f in spin(result.findings):
            hits += 1
            per_tier[tier_of(f.rule_id)] += 1
            if len(examples[f.rule_id]) < 3:
                examples[f.rule_id].append(f"{Path(path).name}: {f.text!r} -> {f.suggestion!r}")
    return words, hits, verdicts, per_tier, examples


def gold_stats(runner, gold_dir: Path, seeds: Path):
    found, total = defaultdict(Counter), Counter()
    correct, predicted, verdicts = Counter(), Counter(), {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = runner.audit(str(seeds / gold["file"]))
        verdicts[gold["file"]] = (result.verdict, result.scores.get("spin_density"))
        spans = gold["spans"]
        findings = spin(result.findings)
        for g in spans:
            key = g["kind"] if g["kind"] != "swap" else g["severity"]
            total[key] += 1
            hit_tiers = {tier_of(f.rule_id) for f in findings if f.start < g["end"] and g["start"] < f.end}
            for tier in hit_tiers | ({"all"} if hit_tiers else set()):
                found[tier][key] += 1
        for f in findings:
            ok = any(f.start < g["end"] and g["start"] < f.end for g in spans)
            for tier in (tier_of(f.rule_id), "all"):
                predicted[tier] += 1
                correct[tier] += ok
    return found, total, correct, predicted, verdicts


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", default=str(ROOT.parent / "shared"))
    p.add_argument("--show", action="store_true", help="print example clean-corpus hits")
    args = p.parse_args()
    shared = Path(args.shared)
    if not (shared / "gold").is_dir():
        print(f"{shared}/gold not found: nothing to measure", file=sys.stderr)
        return 2
    start = time.time()
    with Runner(Options(grammar="off", readability=False,
                        time_budget=None)) as runner:  # quality must not depend on load
        found, total, correct, predicted, sample_verdicts = gold_stats(
            runner, shared / "gold", shared / "seeds")
        clean = shared / "corpora" / "clean"
        per_source = {}
        for folder in sorted(p for p in clean.iterdir() if p.is_dir()):
            per_source[folder.name] = clean_stats(runner, folder)
        words = sum(s[0] for s in per_source.values())
        hits = sum(s[1] for s in per_source.values())
        verdicts = sum((s[2] for s in per_source.values()), Counter())
        per_tier = sum((s[3] for s in per_source.values()), Counter())
        examples = defaultdict(list)
        for s in per_source.values():
            for rule, lines in s[4].items():
                examples[rule].extend(lines)
    docs = sum(verdicts.values())
    print(f"clean corpora: {docs} documents, {words:,} words; gold: 3 spun samples "
          f"({time.time() - start:.0f} s)\n")
    print("| tier | clean: findings per 1,000 words | tortured recall | awkward recall | "
          "other gold kinds found | precision |")
    print("|---|---|---|---|---|---|")
    for tier in list(TIERS) + ["all"]:
        rate = 1000 * (hits if tier == "all" else per_tier[tier]) / max(words, 1)
        rec = {k: found[tier][k] / total[k] for k in total}
        others = ", ".join(f"{k} {found[tier][k]}/{total[k]}" for k in sorted(total)
                           if k not in ("tortured", "awkward", "neutral"))
        prec = f"{correct[tier] / predicted[tier]:.3f} ({correct[tier]}/{predicted[tier]})" \
            if predicted[tier] else "n/a (0 findings)"
        print(f"| {tier} | {rate:.3f} | {rec.get('tortured', 0):.3f} | "
              f"{rec.get('awkward', 0):.3f} | {others} | {prec} |")
    print("\n| clean source | documents | words | findings per 1,000 words | judged clean |")
    print("|---|---|---|---|---|")
    for name, (w, h, v, _, _) in per_source.items():
        n = sum(v.values())
        print(f"| {name} | {n} | {w:,} | {1000 * h / max(w, 1):.3f} | {v['clean'] / max(n, 1):.1%} |")
    print("\n| verdict on clean documents | share |\n|---|---|")
    for verdict in ("clean", "review", "spun", "empty", "error"):
        if verdicts[verdict]:
            print(f"| {verdict} | {verdicts[verdict] / docs:.2%} ({verdicts[verdict]}) |")
    print("\n| spun sample | verdict | spin density |\n|---|---|---|")
    for name, (verdict, density) in sample_verdicts.items():
        print(f"| {name} | {verdict} | {density} |")
    if args.show:
        for rule, lines in sorted(examples.items()):
            print(f"\n{rule}:\n  " + "\n  ".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
