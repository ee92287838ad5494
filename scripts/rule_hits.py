#!/usr/bin/env python3
"""Show where rules fire: on the clean corpora (false alarms) and on spun samples.

    python scripts/rule_hits.py [RULES.yaml ...] [--clean DIR] [--spun DIR] [--context 60]

Without rule files, the default lexicon is used. For lexicon authors: every rule should
fire on spun text and (almost) never on the clean corpora in ../shared/corpora/clean.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.core import pipeline  # noqa: E402
from auditor.detectors.swaps import findings_from_doc  # noqa: E402
from auditor.inputs import document  # noqa: E402


def scan(nlp, folder: Path, context: int, label: str, show: int) -> Counter:
    hits: Counter = Counter()
    words = 0
    shown: Counter = Counter()
    for path in document.iter_paths([str(folder)]):
        doc = document.load(path)
        words += len(doc.text.split())
        for f in findings_from_doc(nlp(doc.text)):
            hits[f.rule_id] += 1
            if shown[f.rule_id] < show:
                shown[f.rule_id] += 1
                left = doc.content[max(0, f.start - context):f.start].replace("\n", " ")
                right = doc.content[f.end:f.end + context].replace("\n", " ")
                print(f"  [{label}] {f.rule_id}: …{left}[[{f.text}]]{right}…  ({Path(path).name})")
    total = sum(hits.values())
    print(f"{label}: {total} findings in {words} words = {1000 * total / max(words, 1):.3f} per 1,000 words")
    return hits


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("rules", nargs="*")
    p.add_argument("--clean", default=str(ROOT.parent / "shared/corpora/clean"))
    p.add_argument("--spun", default=str(ROOT / "samples"))
    p.add_argument("--context", type=int, default=60)
    p.add_argument("--show", type=int, default=5, help="examples shown per rule")
    args = p.parse_args()
    nlp = pipeline.build(None, tuple(args.rules), default_rules=not args.rules)
    clean = scan(nlp, Path(args.clean), args.context, "clean", args.show)
    spun = scan(nlp, Path(args.spun), args.context, "spun", args.show)
    print("\nper rule: clean hits / spun hits")
    for rule in sorted(set(clean) | set(spun), key=lambda r: (-clean[r], r)):
        print(f"  {clean[rule]:4d} {spun[rule]:4d}  {rule}")


if __name__ == "__main__":
    main()
