"""Peak memory and time of auditing one large file (issue 9: a 10 MB file under 500 MB).

    python benchmarks/memory.py [--mb 10] [--source samples|clean]

Builds a file of --mb megabytes from the spun samples (the worst case: about 9,000 findings
per MB) or, with --source clean, from the clean corpora in ../shared/corpora/clean; runs
`auditor check FILE --grammar off -f json -o OUT` in a fresh process and samples the
resident memory of it and its children every 20 ms (psutil). Prints the file size, words,
findings, wall time and peak memory.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def source_text(source: str, size: int) -> str:
    folder = ROOT / "samples" if source == "samples" else ROOT.parent / "shared/corpora/clean"
    parts, total = [], 0
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        total += len(text)
        if total >= size:
            break
    if not parts:
        sys.exit(f"no .txt files in {folder}")
    blob = "\n\n".join(parts) + "\n\n"
    return (blob * (size // len(blob) + 1))[:size]


def peak_rss(cmd: list[str]) -> tuple[int, float, int]:
    """(peak resident bytes of the process tree, seconds, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    ps, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    return peak, time.perf_counter() - start, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--source", choices=("samples", "clean"), default="samples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "large.txt", Path(tmp) / "report.json"
        path.write_text(source_text(args.source, int(args.mb * 1024 * 1024)), encoding="utf-8")
        peak, seconds, code = peak_rss([sys.executable, "-m", "auditor", "check", str(path),
                                        "--grammar", "off", "-f", "json", "-o", str(out)])
        doc = json.loads(out.read_text())["documents"][0]
    print(f"{args.mb:g} MB of {args.source}: {doc['words']:,} words, {len(doc['findings']):,} "
          f"findings, verdict {doc['verdict']}, exit {code}")
    print(f"wall time {seconds:.1f} s, peak memory {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
