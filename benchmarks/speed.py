"""Speed benchmark: auditor's throughput against proselint's, single-file wall time, peak memory.

    pip install .[bench]
    python benchmarks/speed.py [--runs 3] [--out benchmarks/results.md]

Every number is the wall time of a subprocess, start-up included, measuring the tools installed
next to this Python. Words are counted the same way for both tools (`str.split` on the files).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLEAN = ROOT.parent / "shared" / "corpora" / "clean"
CORPUS_BYTES = 1_000_000
SINGLE_WORDS = 1_000
SINGLE_RUNS = 5
MAX_SINGLE_S = 1.5
MAX_PEAK_MB = 400


def command(script: str, module: str) -> list[str]:
    """The console script installed beside sys.executable, else `python -m module`."""
    found = shutil.which(script, path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", module]


AUDITOR = command("auditor", "auditor")
PROSELINT = command("proselint", "proselint")


def words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8", errors="replace").split())


def build_corpus(dest: Path) -> str:
    """Copy the samples plus clean texts (round-robin over the sub-corpora, in name order) into
    dest until it holds about CORPUS_BYTES; without ../shared, repeat the samples."""
    samples = sorted(SAMPLES.glob("*.txt"))
    if CLEAN.is_dir():
        folders = sorted(d for d in CLEAN.iterdir() if d.is_dir())
        groups = [sorted(d.glob("*.txt")) for d in folders]
        extra = (p for row in itertools.zip_longest(*groups) for p in row if p is not None)
        source = (f"the {len(samples)} samples, then clean texts taken in turn from "
                  + ", ".join(d.name for d in folders))
    else:
        extra = itertools.cycle(samples)
        source = f"the {len(samples)} samples repeated (../shared/corpora/clean not found)"
    total = 0
    for index, path in enumerate(itertools.chain(samples, extra)):
        if total >= CORPUS_BYTES:
            break
        shutil.copyfile(path, dest / f"{index:05d}_{path.name}")
        total += path.stat().st_size
    return source


def build_single(dest: Path) -> Path:
    """A SINGLE_WORDS-word file made of whole lines from the samples (the last one cut)."""
    lines, count = [], 0
    texts = (p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    for line in itertools.chain.from_iterable(t.splitlines() for t in texts):
        take = line.split()[:SINGLE_WORDS - count]
        lines.append(" ".join(take) if len(take) < len(line.split()) else line)
        count += len(take)
        if count == SINGLE_WORDS:
            break
    path = dest / "article.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(cmd: list[str], ok=(0, 1)) -> tuple[float, float | None]:
    """Wall seconds and peak RSS in MB (None where os.wait4 is missing) of one child run.
    Exit status 1 means findings for both tools; anything else outside `ok` stops the script."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err)
        peak = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:
            proc.wait()
        wall = time.perf_counter() - start
        if proc.returncode not in ok:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n"
                     + err.read().decode(errors="replace")[-3000:])
    return wall, peak


def best(cmds: list[list[str]], runs: int) -> list[tuple[float, float | None]]:
    """For each command, the best wall time and the largest peak RSS over `runs` runs. The
    commands take turns (a, b, a, b, ...), so a slow spell of a shared machine hits all of
    them alike instead of one tool's whole series."""
    results: list[list[tuple[float, float | None]]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, out in zip(cmds, results):
            out.append(run(cmd))
    summary = []
    for out in results:
        peaks = [p for _, p in out if p is not None]
        summary.append((min(w for w, _ in out), max(peaks) if peaks else None))
    return summary


def version(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()


def grammar_status(path: Path) -> str:
    """What auto mode does with LanguageTool on this machine (it shapes the default timing)."""
    out = subprocess.run([*AUDITOR, "check", "--format", "json", str(path)],
                         capture_output=True, text=True).stdout
    grammar = json.loads(out)["documents"][0]["grammar"]
    return grammar["status"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of the 1 MB measurements")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus, single_dir = Path(tmp, "corpus"), Path(tmp, "single")
        corpus.mkdir()
        single_dir.mkdir()
        source = build_corpus(corpus)
        files = sorted(corpus.iterdir())
        n_words, n_bytes = sum(map(words, files)), sum(p.stat().st_size for p in files)
        single = build_single(single_dir)
        print(f"corpus: {len(files)} files, {n_bytes / 1e6:.2f} MB, {n_words:,} words ({source})")

        (a_wall, a_peak), (p_wall, p_peak) = best(
            [[*AUDITOR, "check", "--grammar", "off", "--format", "json", str(corpus)],
             [*PROSELINT, "check", str(corpus)]], args.runs)
        (s_default, _), (s_off, _) = best(
            [[*AUDITOR, "check", str(single)],
             [*AUDITOR, "check", "--grammar", "off", str(single)]], SINGLE_RUNS)
        auto = grammar_status(single)

    a_rate, p_rate = n_words / a_wall, n_words / p_wall

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    def mb(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0f} MB"

    rows = [
        ("Throughput, 1 MB, `--grammar off --format json`",
         f"{a_rate:,.0f} words/s ({a_wall:.1f} s)", f"{p_rate:,.0f} words/s ({p_wall:.1f} s)", "≥ proselint", verdict(a_rate >= p_rate)),
        (f"One {SINGLE_WORDS:,}-word file, default options (grammar auto: {auto})",
         f"{s_default:.2f} s", "", f"< {MAX_SINGLE_S} s", verdict(s_default < MAX_SINGLE_S)),
        (f"One {SINGLE_WORDS:,}-word file, `--grammar off`", f"{s_off:.2f} s", "",
         f"< {MAX_SINGLE_S} s", verdict(s_off < MAX_SINGLE_S)),
        ("Peak memory (max RSS), 1 MB run", mb(a_peak), mb(p_peak), f"< {MAX_PEAK_MB} MB",
         "n/a" if a_peak is None else verdict(a_peak < MAX_PEAK_MB)),
    ]
    header = ("Measure", "auditor", "proselint", "Target", "Result")
    table = [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}"]
    table += [f"| {' | '.join(row)} |" for row in rows]
    setup = (f"{version([*AUDITOR, '--version'])}, {version([*PROSELINT, 'version'])}; "
             f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
             f"{os.cpu_count()} CPUs. Corpus: {len(files)} files, {n_bytes / 1e6:.2f} MB, "
             f"{n_words:,} words ({source}). Wall times include start-up; best of {args.runs} "
             f"runs (1 MB) and {SINGLE_RUNS} runs (single file), the compared commands "
             "taking turns.")
    report = "\n".join(table) + "\n\n" + setup + "\n"
    print("\n" + report)
    args.out.write_text(report, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
