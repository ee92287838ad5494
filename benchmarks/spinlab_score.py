"""Running auditor for `benchmarks/spinlab.py` and matching its findings to gold swaps."""
from __future__ import annotations

import itertools
import re



class Auditor:
    """auditor in-process, grammar and readability off, findings of every severity kept.

    The verdict is `result.verdict`: it weighs every enabled finding whatever the reporting
    severity, so it is the one the default command gives."""

    def __init__(self):
        from auditor.core.findings import Severity
        from auditor.core.runner import Options, Runner
        self.warning = Severity.WARNING
        self.runner = Runner(Options(grammar="off", readability=False,  # no time budget:
                                     min_severity=Severity.SUGGESTION,  # quality must not
                                     time_budget=None))                 # depend on load

    def __call__(self, name: str, text: str) -> dict:
        from auditor.inputs import document
        result = self.runner.audit_document(document.Document(name, text))
        findings = [{"start": f.start, "end": f.end, "rule": f.rule_id,
                     "warning": f.severity >= self.warning, "text": f.text,
                     "replacements": candidates(f)}
                    for f in result.findings if f.is_spin and f.has_span]
        return {"verdict": result.verdict, "words": result.words, "findings": findings}


def candidates(finding) -> list[str]:
    """What a finding offers in place of its text: `replacement` (a drop-in, where the
    detector has one), then the options of `suggestion` ("a / b", "a, b", "a or b")."""
    out = [getattr(finding, "replacement", "") or ""]
    out += re.split(r" / |, | or ", finding.suggestion or "")
    return list(dict.fromkeys(o.strip() for o in out if o and o.strip()))[:4]


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def restores(text: str, finding: dict, gold: dict) -> bool:
    """Whether putting the finding's replacement in puts the swap's original back."""
    lo, hi = min(finding["start"], gold["start"]), max(finding["end"], gold["end"])
    want = text[lo:gold["start"]] + gold["original"] + text[gold["end"]:hi]
    for option in finding["replacements"]:
        got = text[lo:finding["start"]] + option + text[finding["end"]:hi]
        if " ".join(got.lower().split()) == " ".join(want.lower().split()):
            return True
    return False


def restores_all(text: str, findings: list[dict], want: str) -> bool:
    """Whether the findings' replacements (any combination of their options) give `want`."""
    chosen, last = [], -1
    for f in sorted(findings, key=lambda f: f["start"]):
        if f["start"] >= last and f["replacements"]:
            chosen.append(f)
            last = f["end"]
    if not chosen:
        return False
    for combo in itertools.product(*(f["replacements"] for f in chosen)):
        pieces, pos = [], 0
        for f, option in zip(chosen, combo):
            pieces += [text[pos:f["start"]], option]
            pos = f["end"]
        got = "".join(pieces) + text[pos:]
        if " ".join(got.lower().split()) == " ".join(want.lower().split()):
            return True
    return False


def fmt(x, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def plain(markdown: str) -> str:
    """Markdown tables as aligned columns."""
    out, table = [], []

    def flush():
        if table:
            widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
            out.extend("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in table)
            table.clear()

    for line in markdown.splitlines():
        if line.startswith("|"):
            if not set(line) <= set("|-"):
                table.append([c.strip() for c in line.strip("|").split("|")])
            continue
        flush()
        out.append(line.lstrip("# "))
    flush()
    return "\n".join(out)
