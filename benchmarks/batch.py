#!/usr/bin/env python3
"""The whole folder audit at scale: generate N documents (families of spun copies plus
unrelated documents, benchmarks/spin_generator.py), run

    auditor batch DIR --jobs 2 --format jsonl --grammar off

as a user would, and record wall time, documents and words per second, peak
memory of the whole process tree (parent and workers, sampled every 0.1 s with psutil), and
the purity and recall of the families it reports against the generator's labels.

    python benchmarks/batch.py [--docs 10000] [--jobs 2] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from families import scores  # noqa: E402


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=10_000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="auditor-batch-"))
    folder = args.keep or tmp / "docs"
    try:
        if not (folder / "labels.json").exists():
            subprocess.run([sys.executable, str(HERE / "spin_generator.py"), str(folder),
                            "--docs", str(args.docs), "--seed", str(args.seed)], check=True,
                           stdout=subprocess.DEVNULL)
        labels = json.loads((folder / "labels.json").read_text())
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in folder.glob("*.txt"))
        auditor = Path(sys.executable).with_name("auditor")
        cmd = [str(auditor) if auditor.exists() else sys.executable, *([] if auditor.exists()
               else ["-m", "auditor"]), "batch", str(folder), "--jobs", str(args.jobs),
               "--format", "jsonl", "--grammar", "off", "--fail-on", "never"]
        out_path = tmp / "report.jsonl"
        start, peak = time.perf_counter(), 0
        with open(out_path, "w") as out:
            proc = psutil.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
            while proc.poll() is None:
                peak = max(peak, tree_rss(proc))
                time.sleep(0.1)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            print(proc.stderr.read().decode(), file=sys.stderr)
            return 1
        records = [json.loads(line) for line in out_path.open(encoding="utf-8")]
        docs = [r for r in records if r["type"] == "document"]
        found = [[Path(m).name for m in r["members"]] for r in records if r["type"] == "family"]
        s = scores(found, labels)
        print(f"| measure ({len(docs):,} documents, {words:,} words, --jobs {args.jobs}) | result |")
        print("|---|---|")
        print(f"| wall time, whole audit with families | {wall:.1f} s |")
        print(f"| documents per second | {len(docs) / wall:.1f} |")
        print(f"| words per second | {words / wall:,.0f} |")
        print(f"| peak memory, parent + workers | {peak / 2**20:.0f} MB |")
        print(f"| families reported / true | {s['found_families']} / {s['true_families']} |")
        print(f"| family purity / recall | {s['purity']:.3f} / {s['recall']:.3f} |")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
