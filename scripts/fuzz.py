"""The long fuzz run: random and hostile documents through the whole audit, for minutes.

    python scripts/fuzz.py --minutes 5 [--seed 1] [--max-kb 64] [--save DIR]

Each input is made of bytes (random bytes; random Unicode; fragments that have broken
parsers before, such as `<!--`, backtick runs, `](`, `a.` runs, control characters and lone
surrogates; and the samples with such fragments spliced in, at sizes up to --max-kb), decoded
as a file would be (`auditor.inputs.document.decode`), masked as plain text or Markdown, then
audited by one `Runner` (grammar off, readability on, every severity). Every 25th input also
goes through the command line in-process (`auditor check FILE -f json`). Checked: no
exception, `text == content[start:end]` for every finding, the result serialises as UTF-8
JSON, the command exits 0 or 1 with one JSON document. Reported: the number of inputs, how
many failed (saved to --save DIR), how many hit the time budget, and the worst time per KB
(inputs of 1 KB or more; smaller ones measure only the fixed cost) with the worst input's
kind and size. A candidate for a record is timed twice and the shorter time kept: the first
sight of some words loads tables lazily (a one-off 0.4 s), which is not the input's cost. The bounded version of this run is tests/test_fuzz.py.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from auditor.cli import main as cli_main
from auditor.core.errors import DocumentError
from auditor.core.findings import Severity
from auditor.core.runner import Options, Runner
from auditor.inputs import document
from auditor.reporters.json_report import document_dict

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["<!--", "-->", "```", "~~~", "`", "``", "](", "[", "]:", "(", ")", "a.", "@", "a@b",
           "http://", "www.", "\r", "\r\n", "\n\n", "\t", "    ", "\x00", "\x1b[2J", "\u202e",
           "\ud800", "\udfff", "\ufeff", "😀", "Leave a Reply", "sense of neighborhood",
           "searchings for", "#", "*", "-", "—", "<b>", "</", "'", '"', "...", "!", "?", "<", ">"]


def sample_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    return texts or ["Peer groups can promote a sense of neighborhood.\n"]


def random_unicode(rng: random.Random, size: int) -> str:
    planes = [(0x20, 0x7f), (0x0, 0x20), (0xa0, 0x3000), (0xd800, 0xe000), (0x1f300, 0x1f700)]
    out = []
    for _ in range(size):
        lo, hi = rng.choice(planes)
        out.append(chr(rng.randrange(lo, hi)))
    return "".join(out)


def hostile_mix(rng: random.Random, size: int) -> str:
    out, length = [], 0
    while length < size:
        piece = rng.choice(HOSTILE)
        if rng.random() < 0.2:
            piece *= rng.randint(2, 2000)  # runs are what made paths quadratic
        elif rng.random() < 0.3:
            piece = random_unicode(rng, rng.randint(1, 12))
        out.append(piece)
        length += len(piece)
    return "".join(out)[:size]


def spliced_sample(rng: random.Random, size: int, samples: list[str]) -> str:
    text = rng.choice(samples)
    text = (text * (size // max(1, len(text)) + 1))[:size]
    chars = list(text)
    for _ in range(rng.randint(1, 40)):
        at = rng.randrange(len(chars) + 1)
        chars[at:at] = [rng.choice(HOSTILE) * rng.choice((1, 1, 3, 50))]
    return "".join(chars)


def make_input(rng: random.Random, max_bytes: int, samples: list[str]) -> tuple[str, bytes]:
    size = int(max_bytes ** rng.random())  # log-uniform: many small inputs, some large
    kind = rng.choice(["bytes", "unicode", "hostile", "sample", "sample", "utf16"])
    if kind == "bytes":
        return kind, rng.randbytes(size)
    text = {"unicode": random_unicode, "hostile": hostile_mix, "utf16": hostile_mix}[kind](
        rng, size) if kind != "sample" else spliced_sample(rng, size, samples)
    codec = "utf-16-le" if kind == "utf16" else rng.choice(["utf-8", "utf-8", "cp1252"])
    return kind, text.encode(codec, "surrogatepass" if codec != "cp1252" else "replace")


def audit_once(runner: Runner, data: bytes, markdown: bool) -> tuple[float, str | None]:
    """Seconds taken, and the failure (None when every check held)."""
    start = time.perf_counter()
    try:
        content, encoding, notes = document.decode(data)
    except DocumentError:
        return time.perf_counter() - start, None
    mask = document.mask_markdown if markdown else document.mask_plain
    doc = document.Document("f.md" if markdown else "f.txt", content, text=mask(content),
                            encoding=encoding, notes=notes)
    result = runner.audit_document(doc)
    elapsed = time.perf_counter() - start
    for f in result.findings:
        if f.text != doc.content[f.start:f.end]:
            return elapsed, f"finding text is not the source text: {f!r}"
    json.dumps(document_dict(result), ensure_ascii=False).encode("utf-8")
    if result.findings and result.findings[0].rule_id == "input.time-budget":
        return elapsed, "time-budget"
    return elapsed, None


def cli_once(data: bytes, markdown: bool) -> str | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("f.md" if markdown else "f.txt")
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["check", str(path), "--grammar", "off", "-f", "json"])
    if code not in (0, 1):
        return f"exit {code}: {err.getvalue()[-500:]}"
    if len(json.loads(out.getvalue())["documents"]) != 1:
        return "the JSON report does not hold one document"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-kb", type=float, default=64.0)
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"),
                        help="folder for inputs that fail (default ./fuzz-failures)")
    args = parser.parse_args(argv)
    rng, samples = random.Random(args.seed), sample_texts()
    runner = Runner(Options(grammar="off", min_severity=Severity.SUGGESTION))
    for text in samples:  # warm up (tokenizer exceptions, tables), so times are per input
        runner.audit_document(document.Document("warm.txt", text))
    deadline = time.monotonic() + args.minutes * 60
    count = total_bytes = failures = budget_hits = 0
    worst = (0.0, "", 0)  # seconds per KB, kind, bytes
    slowest = (0.0, "", 0)
    while time.monotonic() < deadline:
        kind, data = make_input(rng, int(args.max_kb * 1024), samples)
        markdown = rng.random() < 0.5
        try:
            elapsed, failure = audit_once(runner, data, markdown)
            if failure is None and count % 25 == 0:
                failure = cli_once(data, markdown)
        except Exception:
            elapsed, failure = 0.0, traceback.format_exc()
        count += 1
        total_bytes += len(data)
        if failure == "time-budget":
            budget_hits += 1
        elif failure:
            failures += 1
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{count:07d}.{kind}{'.md' if markdown else '.txt'}").write_bytes(data)
            print(f"input {count} ({kind}, {len(data)} bytes) failed: {failure}", file=sys.stderr)
        if failure is None and elapsed > 0.1 and (
                elapsed > slowest[0] or len(data) >= 1024 and elapsed * 1024 / len(data) > worst[0]):
            # a new record is timed again: the first sight of some words loads tables lazily
            elapsed = min(elapsed, audit_once(runner, data, markdown)[0])
        if len(data) >= 1024 and elapsed * 1024 / len(data) > worst[0]:
            worst = (elapsed * 1024 / len(data), kind, len(data))
        if elapsed > slowest[0]:
            slowest = (elapsed, kind, len(data))
    runner.close()
    print(f"inputs: {count:,} ({total_bytes / 1e6:.1f} MB, seed {args.seed}, "
          f"up to {args.max_kb:g} KB, {args.minutes:g} min)")
    print(f"failures: {failures}; over the time budget: {budget_hits}")
    print(f"worst time per KB (inputs >= 1 KB): {worst[0] * 1000:.1f} ms/KB "
          f"({worst[1]}, {worst[2]:,} bytes)")
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]}, {slowest[2]:,} bytes)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
