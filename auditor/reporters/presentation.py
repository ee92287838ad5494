"""What several formats share: how numbers print, the order of verdicts, readability labels,
and the JSON shape of a document (versioned by SCHEMA). Reporters import from here, never
from one another."""
from __future__ import annotations

from ..core.findings import Verdict
from ..core.results import DocumentResult

# 2: findings carry `location` (where they are in the original file), documents `format` and
# `title` (auditor.inputs).
# 3: `readability.words` is `readability.textstat_words` (the document's word count is `words`).
SCHEMA = "auditor.report/3"

# Worst first, for summary tables.
VERDICT_RANK = {v: v.rank for v in Verdict}
READABILITY = {
    "flesch_reading_ease": "Flesch reading ease", "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog index", "smog_index": "SMOG index",
    "coleman_liau_index": "Coleman-Liau index",
    "automated_readability_index": "Automated readability index",
    "dale_chall_readability_score": "Dale-Chall score", "text_standard": "Consensus grade",
    "textstat_words": "Words (textstat)", "sentences": "Sentences", "syllables": "Syllables",
    "reading_time_seconds": "Reading time (seconds)"}
# Not shown by the terminal and HTML reports: they show one word count, the document's
# (`words`); textstat's, which leaves out tokens of punctuation only, stays in JSON.
HIDDEN_READABILITY = frozenset({"textstat_words"})


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def grammar_summary(result: DocumentResult) -> str:
    per_100 = result.scores.get("grammar_per_100_words")
    if per_100 is not None:
        return f"{fmt(per_100)} per 100 words"
    status = result.grammar.get("status") or "unavailable"
    reason = result.grammar.get("reason")
    return f"{status} ({reason})" if reason else status


def finding_dict(result: DocumentResult, f) -> dict:
    line, column = result.position(f.start)
    return {
        "rule_id": f.rule_id, "kind": f.kind, "severity": f.severity.label,
        "start": f.start, "end": f.end, "line": line, "column": column,
        "location": result.location(f.start), "text": f.text, "suggestion": f.suggestion,
        "replacement": f.replacement, "message": f.message,
        "evidence": f.evidence, "confidence": round(f.confidence, 3), "score": f.score,
    }


def document_dict(result: DocumentResult, findings: bool = True) -> dict:
    """The document as JSON reports it; with `findings=False` its findings list is empty
    (for a writer that streams them)."""
    return {
        "path": result.path,
        "words": result.words,
        "verdict": result.verdict,
        "format": result.document.format if result.document else None,
        "title": result.document.title if result.document else None,
        "encoding": result.document.encoding if result.document else None,
        "scores": result.scores,
        "readability": result.readability,
        "grammar": result.grammar,
        "findings": [finding_dict(result, f) for f in result.findings] if findings else [],
        "notes": result.notes,
        "error": result.error,
    }


def file_region(result: DocumentResult, f) -> dict | None:
    """1-based line and column of a finding's start and end (the character after it) in the
    original file, for the formats that point editors and CI at a file: None when the input
    format has no lines to point at (Word paragraphs, PDF pages) or the file was not read."""
    if result.document is None:
        return None
    start = result.document.location(f.start).as_dict()
    if "line" not in start or "column" not in start or "page" in start:
        return None
    end = result.document.location(max(f.end, f.start)).as_dict()
    return {"line": start["line"], "column": start["column"],
            "end_line": end.get("line", start["line"]),
            "end_column": end.get("column", start["column"])}


def file_offsets(result: DocumentResult, f) -> tuple[int, int] | None:
    """(offset, length) of the finding in the file's decoded text, when the audited text is
    the file itself (text and Markdown); None for extracted formats."""
    doc = result.document
    if doc is None or getattr(doc, "source_map", None) is not None:
        return None
    return f.start, max(f.end - f.start, 0)


def finding_line(result: DocumentResult, f) -> str:
    """`path:line:col: severity rule-id message`, what editors and grep expect (not cleaned:
    the caller cleans for its stream)."""
    region = file_region(result, f)
    line, column = (region["line"], region["column"]) if region else (1, 1)
    return f"{result.path}:{line}:{column}: {f.severity.label} {f.rule_id} {f.message}"
