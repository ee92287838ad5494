"""Baselines: accept the findings a repository already has, fail on new ones.

`auditor check --write-baseline FILE` records every reported finding; `--baseline FILE`
then drops the findings recorded there. A finding is matched by its rule id, its file (the
path relative to the baseline file's folder, so the baseline works from any working
directory) and a fingerprint of the flagged text with up to CONTEXT characters on either side
within its line (whitespace collapsed): edits elsewhere in the file, which move offsets and
line numbers, do not break the match; rewording the words right around the finding does. Each
entry has a count, so a third copy of a phrase recorded twice is a new finding.

The file is JSON, `{"schema": "auditor.baseline/1", "findings": [...]}`, entries sorted
(path, rule, fingerprint) and written with stable formatting for reviewable diffs.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .findings import Finding

SCHEMA = "auditor.baseline/1"
CONTEXT = 30
MAX_BYTES = 64 * 1024 * 1024
_SPACE = re.compile(r"\s+")


def fingerprint(finding: Finding, content: str) -> str:
    before = content[max(0, finding.start - CONTEXT):finding.start].rsplit("\n", 1)[-1]
    after = content[finding.end:finding.end + CONTEXT].split("\n", 1)[0]
    flat = " ".join(_SPACE.sub(" ", part).strip() for part in (before, finding.text, after))
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()[:20]


def path_key(path: str, root: str) -> str:
    """`path` relative to `root` with forward slashes ('-' and stdin names as given)."""
    if path == "-":
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return Path(rel).as_posix()


@dataclass(frozen=True)
class Baseline:
    root: str  # the baseline file's folder: paths are relative to it
    entries: tuple[tuple[tuple[str, str, str], int], ...] = ()  # ((path, rule, print), count)

    def counts(self) -> Counter:
        return Counter(dict(self.entries))

    def filter(self, path: str, content: str, findings: list[Finding]) -> list[Finding]:
        """`findings` without those the baseline records (each entry used `count` times)."""
        left = self.counts()
        key = path_key(path, self.root)
        kept = []
        for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule_id)):
            k = (key, f.rule_id, fingerprint(f, content))
            if left[k] > 0:
                left[k] -= 1
            else:
                kept.append(f)
        return kept


def load(path: str) -> Baseline:
    from ..util.safeio import read_regular

    try:
        data = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a baseline file (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ConfigError(f"{path}: not a baseline file (expected schema {SCHEMA!r}; write "
                          "one with --write-baseline)")
    entries = Counter()
    for i, item in enumerate(data.get("findings", [])):
        try:
            k = (str(item["path"]), str(item["rule_id"]), str(item["fingerprint"]))
            count = int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"{path}: baseline entry {i} needs path, rule_id and "
                              "fingerprint") from None
        entries[k] += max(count, 0)
    root = str(Path(path).resolve().parent)
    return Baseline(root, tuple(sorted(entries.items())))


def entries_for(results, root: str) -> Counter:
    """What a baseline written in folder `root` records for these results."""
    found: Counter = Counter()
    for result in results:
        key = path_key(result.path, root)
        for f in result.findings:
            found[(key, f.rule_id, fingerprint(f, result.content))] += 1
    return found


def render(found: Counter, texts: dict | None = None) -> str:
    """The baseline file: sorted entries, one per (path, rule, fingerprint)."""
    texts = texts or {}
    items = [{"path": p, "rule_id": r, "fingerprint": h, "count": n,
              **({"text": texts[(p, r, h)]} if (p, r, h) in texts else {})}
             for (p, r, h), n in sorted(found.items())]
    return json.dumps({"schema": SCHEMA, "findings": items}, ensure_ascii=False,
                      indent=2, sort_keys=True) + "\n"


def texts_for(results, root: str) -> dict:
    """The flagged text of each entry, written beside it for reviewers (not matched on)."""
    out = {}
    for result in results:
        key = path_key(result.path, root)
        for f in result.findings:
            out.setdefault((key, f.rule_id, fingerprint(f, result.content)), f.text[:120])
    return out
