#!/usr/bin/env python3
"""The numbers behind the thresholds in `auditor/core/scoring.py`, measured on the clean corpora.

    python benchmarks/calibrate.py [--shared ../shared] [--limit N]

Prints, per clean source and in all:
- context findings per 1,000 words at each strength (nats) from CONTEXT_MIN_NATS up: the
  warning and error levels are set where this falls well under the 0.1 target;
- percentiles of the spin density of every document (all enabled findings, suggestions
  included, as the verdict weighs them): REVIEW_AT sits near the 98.5th, SPUN_AT near the
  99.3rd, so that at least 98% of clean documents are judged `clean`;
- findings per 1,000 words at the default severity for levels of PROMOTE_AT (the report's
  promotion is held back while measuring, so each level can be tried on the same run);
- the share of documents each verdict gets with the current thresholds.
The spun side of the calibration is `benchmarks/spinlab.py`.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy  # noqa: E402

from auditor.core import scoring  # noqa: E402
from auditor.core.findings import Severity  # noqa: E402
from auditor.core.runner import Options, Runner  # noqa: E402
from auditor.inputs import document  # noqa: E402

NATS = (7, 8, 10, 12, 14, 16, 17, 18, 19, 20, 22)
PERCENTILES = (95, 98, 98.5, 99, 99.2, 99.3, 99.4, 99.5)
PROMOTE_LEVELS = (3, 4, 5, 6, 6.5, 7, 8, 10)


PROMOTED = scoring.promoted  # the runner's call is held back in main(); this is the real one


def shown(findings, density: float, promote_at: float) -> int:
    """How many of a document's findings the default report would show with PROMOTE_AT at
    `promote_at` (the findings as the tiers made them, before `scoring.promoted`)."""
    return sum(1 for f in PROMOTED(findings, density, promote_at) if f.severity >= Severity.WARNING)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--limit", type=int, default=0, help="documents per source (0: all)")
    args = parser.parse_args()
    clean = Path(args.shared) / "corpora" / "clean"
    if not clean.is_dir():
        print(f"{clean} not found: nothing to calibrate on", file=sys.stderr)
        return 2
    words, scores, verdicts = Counter(), defaultdict(list), defaultdict(Counter)
    densities = defaultdict(list)
    promotable = Counter()
    start = time.time()
    scoring.promoted = lambda findings, density: findings  # `shown` applies it per level
    with Runner(Options(grammar="off", readability=False, min_severity=Severity.SUGGESTION,
                        time_budget=None)) as runner:  # the numbers must not depend on load
        for folder in sorted(p for p in clean.iterdir() if p.is_dir()):
            paths = list(document.iter_paths([str(folder)]))
            for path in paths[:args.limit or None]:
                result = runner.audit(path)
                words[folder.name] += result.words
                density = result.scores.get("spin_density") or 0.0
                densities[folder.name].append(density)
                for level in PROMOTE_LEVELS:
                    promotable[level] += shown(result.findings, density, level)
                verdicts[folder.name][result.verdict] += 1
                scores[folder.name] += [f.score for f in result.findings
                                        if f.rule_id.startswith("context.")]
    sources = sorted(words)
    print(f"clean corpora: {sum(words.values()):,} words ({time.time() - start:.0f} s)\n")
    print("| context findings per 1,000 words, at least … nats | "
          + " | ".join(sources) + " | all |")
    print("|---|" + "---|" * (len(sources) + 1))
    for nats in NATS:
        cells = [1000 * sum(s >= nats for s in scores[src]) / max(words[src], 1) for src in sources]
        total = 1000 * sum(s >= nats for src in sources for s in scores[src]) / max(sum(words.values()), 1)
        print(f"| {nats} | " + " | ".join(f"{c:.3f}" for c in cells) + f" | {total:.3f} |")
    every = numpy.asarray([d for src in sources for d in densities[src]])
    print("\n| spin density percentile | " + " | ".join(str(p) for p in PERCENTILES) + " |")
    print("|---|" + "---|" * len(PERCENTILES))
    print("| all documents | " + " | ".join(f"{numpy.percentile(every, p):.2f}" for p in PERCENTILES) + " |")
    total = max(sum(words.values()), 1)
    print("\n| PROMOTE_AT | " + " | ".join(str(v) for v in PROMOTE_LEVELS) + " |")
    print("|---|" + "---|" * len(PROMOTE_LEVELS))
    print("| findings per 1,000 words, default severity | "
          + " | ".join(f"{1000 * promotable[v] / total:.3f}" for v in PROMOTE_LEVELS) + " |")
    print(f"\nthresholds: REVIEW_AT {scoring.REVIEW_AT}, SPUN_AT {scoring.SPUN_AT}, context warning "
          f"{scoring.CONTEXT_WARNING_NATS} nats, error {scoring.CONTEXT_ERROR_NATS} nats, "
          f"PROMOTE_AT {scoring.PROMOTE_AT}\n")
    print("| source | documents | clean | review | spun |\n|---|---|---|---|---|")
    for src in sources + ["all"]:
        v = sum(verdicts.values(), Counter()) if src == "all" else verdicts[src]
        n = sum(v.values())
        print(f"| {src} | {n} | " + " | ".join(f"{v[k] / max(n, 1):.1%}" for k in ("clean", "review", "spun")) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
