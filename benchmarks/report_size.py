"""How much a person has to read: terminal rows of the rich report, and the size and build
time of the HTML report for a long run.

    python benchmarks/report_size.py                 # both
    python benchmarks/report_size.py --rows FILE...  # rows at 80/100/120 columns for FILEs
    python benchmarks/report_size.py --html 1000     # an HTML report of 1,000 documents

Rows are what a terminal of that width shows: each printed line takes ceil(cells / width)
rows (a line longer than the terminal is soft-wrapped by it), so a report that leaves the
wrapping to the terminal is counted fairly. The rich report runs as `auditor check` in a
subprocess with COLUMNS set and grammar off (no LanguageTool on most machines; its one-line
note would add a row).

The HTML run feeds the reporter 1,000 results made from the samples (each sample's real
findings, under a new name), so no analysis time is counted: only the page's build time,
its size, and (when Chromium is installed) the time headless Chromium takes to load it and
print its DOM.
"""
from __future__ import annotations

import argparse
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "000_020f8dbaab73f97c.txt"


def terminal_rows(text: str, width: int) -> int:
    from rich.cells import cell_len

    return sum(max(1, math.ceil(cell_len(line.rstrip()) / width))
               for line in text.rstrip("\n").split("\n"))


def rich_rows(paths: list[str], width: int, extra: tuple[str, ...] = ()) -> int:
    env = dict(os.environ, COLUMNS=str(width), NO_COLOR="1")
    done = subprocess.run([sys.executable, "-m", "auditor", "check", "--grammar", "off",
                           "--fail-on", "never", *extra, *paths],
                          capture_output=True, text=True, env=env, check=True)
    return terminal_rows(done.stdout, width)


def html_run(count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from auditor.core.runner import Options, Runner
    from auditor.reporters.html_report import HtmlReporter

    runner = Runner(Options(grammar="off"))
    seeds = [runner.audit(str(p)) for p in sorted((ROOT / "samples").glob("*.txt"))]
    stream = io.StringIO()
    start = time.perf_counter()
    reporter = HtmlReporter(stream)
    reporter.start(count)
    for i in range(count):
        result = seeds[i % len(seeds)]
        result.path = f"run/{i:04}-{Path(result.path).name}"
        reporter.document(result)
    reporter.finish()
    build = time.perf_counter() - start
    page = stream.getvalue()
    findings = sum(len(seeds[i % len(seeds)].findings) for i in range(count))
    print(f"html, {count} documents ({findings} findings): {len(page.encode()) / 1e6:.1f} MB, "
          f"built in {build:.2f} s")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("  (no chromium on PATH: load time not measured)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        report.write_text(page, encoding="utf-8")
        blank = Path(tmp) / "blank.html"
        blank.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
        times = {}
        for name, target in (("blank page", blank), ("report", report)):
            start = time.perf_counter()
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            f"--user-data-dir={tmp}/profile", "--window-size=1200,900",
                            f"--screenshot={tmp}/shot.png", target.as_uri()],
                           capture_output=True, check=True, timeout=600)
            times[name] = time.perf_counter() - start
        print(f"  headless Chromium opens it (load and first screenshot) in "
              f"{times['report']:.2f} s; a blank page takes {times['blank page']:.2f} s "
              "(browser start-up)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", nargs="*", metavar="FILE")
    parser.add_argument("--html", type=int, metavar="N")
    args = parser.parse_args()
    everything = args.rows is None and args.html is None
    if args.rows is not None or everything:
        paths = args.rows or [str(SAMPLE)]
        for width in (80, 100, 120):
            print(f"rich, {' '.join(Path(p).name for p in paths)}, {width} columns: "
                  f"{rich_rows(paths, width)} rows")
        if everything:
            folder = str(ROOT / "samples")
            print(f"rich, samples/ (4 files), 100 columns: {rich_rows([folder], 100)} rows; "
                  f"with --show-text {rich_rows([folder], 100, ('--show-text',))} rows")
    if args.html or everything:
        html_run(args.html or 1000)


if __name__ == "__main__":
    main()
