"""Time per KB of the hostile inputs that were quadratic (issue 9), at growing sizes.

    python benchmarks/hostile_speed.py [--sizes 1 4 16] [--runs 3]

The unit tests (tests/test_time_budget.py) only detect a hang (30 s on inputs that the
linear code handles in well under a second); this script measures. For each input it prints
the best-of-`--runs` time at each size multiple and the growth from the smallest to the
largest size: about the size ratio for linear code, its square for quadratic code. The runs
of each size take turns, so a busy spell on a shared machine slows all sizes alike.
"""
from __future__ import annotations

import argparse
import time

from auditor.core.runner import Options, Runner
from auditor.inputs import document
from auditor.inputs.document import Document

# name → (function, text at multiple k); each quadratic before issue 9's fixes
INPUTS = {
    "e-mail mask, a. x 50,000k": (document.mask_plain, lambda k: "a." * (50_000 * k)),
    "Markdown, backticks x 40,000k": (document.mask_markdown, lambda k: "`" * (40_000 * k)),
    "Markdown, ]( x 20,000k": (document.mask_markdown, lambda k: "](" * (20_000 * k)),
    "Markdown, unclosed fence + ~ x 40,000k": (document.mask_markdown,
                                               lambda k: "``````\n" + "~" * (40_000 * k)),
    "Markdown, [a lines x 30,000k": (document.mask_markdown, lambda k: "[a\n" * (30_000 * k)),
}


def audit_symbols(runner: Runner):
    return lambda run: runner.audit_document(Document("p.txt", f"A sense of {run} and more."))


def measure(fn, make, sizes: list[int], runs: int) -> dict[int, float]:
    texts = {k: make(k) for k in sizes}
    best = {k: float("inf") for k in sizes}
    for _ in range(runs):
        for k in sizes:
            began = time.perf_counter()
            fn(texts[k])
            best[k] = min(best[k], time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    with Runner(Options(grammar="off", readability=False, time_budget=None)) as runner:
        runner.audit_document(Document("warm.txt", "A sense of neighborhood."))
        inputs = dict(INPUTS)
        inputs["audit, ( x 8,000k"] = (audit_symbols(runner), lambda k: "(" * (8_000 * k))
        print(f"{'input':42} " + " ".join(f"{'x' + str(k):>9}" for k in sizes)
              + f" {'growth':>8} {'ms/KB':>7}")
        for name, (fn, make) in inputs.items():
            best = measure(fn, make, sizes, args.runs)
            largest = len(make(sizes[-1]).encode()) / 1024
            growth = best[sizes[-1]] / max(best[sizes[0]], 1e-9)
            print(f"{name:42} " + " ".join(f"{best[k]:8.3f}s" for k in sizes)
                  + f" {growth:7.1f}x {best[sizes[-1]] * 1000 / largest:7.3f}")
    print(f"(linear growth is about {sizes[-1] // sizes[0]}x, quadratic about "
          f"{(sizes[-1] // sizes[0]) ** 2}x)")


if __name__ == "__main__":
    main()
