"""Audit documents: load → spaCy pipeline (spin detectors) → grammar → readability → scores."""
from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Iterable, Iterator

from ..inputs import document as documents
from . import pipeline, scoring, suppressions
from ..detectors.base import set_reporting
from ..detectors.swaps import findings_from_doc
from .errors import DocumentError
from .findings import Finding
from .registry import code_rule
from .replacements import with_replacement
from .results import VERDICT_EMPTY, VERDICT_ERROR, DocumentResult
from .settings import Settings
from ..util.timebudget import BudgetExceeded, budget_for, limit, read_budget_for


# Texts longer than this are audited in paragraph-aligned chunks (Runner._spin_findings).
CHUNK_CHARS = 100_000
_WORD = re.compile(r"\S+")


# The run's settings: the one settings object (defaults < config file < command line).
Options = Settings


class Runner:
    """Holds the per-process state (pipeline, LanguageTool connection) for a run."""

    def __init__(self, options: Options = Options()):
        self.options = options
        self.nlp = pipeline.build(options.spacy_model, tuple(options.rules))
        self._grammar = None
        self._known = None  # which rule ids suppressions may name (auditor.core.suppressions)

    @property
    def grammar(self):
        if self._grammar is None:
            from ..checks.grammar import GrammarChecker
            self._grammar = GrammarChecker(mode=self.options.grammar,
                                           url=self.options.languagetool_url)
        return self._grammar

    def close(self) -> None:
        if self._grammar is not None:
            self._grammar.close()

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def audit_many(self, paths: Iterable[str], stdin_bytes: bytes | None = None
                   ) -> Iterator[DocumentResult]:
        for path in paths:
            yield self.audit(path, stdin_bytes if path == documents.STDIN else None)

    def audit(self, path: str, stdin_bytes: bytes | None = None) -> DocumentResult:
        fmt = self.options.input_format
        if fmt is None and path == documents.STDIN and self.options.stdin_filename:
            fmt = documents.format_for(self.options.stdin_filename)
        shown = self.options.stdin_filename if path == documents.STDIN else None
        # Reading (a PDF's or Word file's parser) has a budget of its own, by the file's size:
        # the words that set the audit's budget are known only once the file is read.
        budget = read_budget_for(_size(path, stdin_bytes), self.options.time_budget)
        try:
            with limit(budget, "reading the file "):
                doc = documents.load(path, stdin_bytes, fmt)
        except BudgetExceeded as exc:
            return _error_result(shown or path, str(exc), code_rule("input.time-budget").id)
        except DocumentError as exc:
            return _error_result(shown or path, str(exc))
        if shown:  # --stdin-filename: the path reports, suppressions and baselines use
            doc.path = shown
        return self.audit_document(doc)

    def audit_document(self, doc: documents.Document) -> DocumentResult:
        """The document's result; an `error` result when it exceeds its time budget."""
        budget = budget_for(_word_count(doc.text), self.options.time_budget)
        try:
            with limit(budget):
                return self._audit_document(doc)
        except BudgetExceeded as exc:
            return _error_result(doc.path, str(exc), code_rule("input.time-budget").id)

    def _spin_findings(self, text: str) -> list[Finding]:
        """The detectors' findings. A long text goes through the pipeline in paragraph-aligned
        chunks of CHUNK_CHARS, one spaCy Doc at a time, with findings shifted back to offsets
        in the whole text: memory stays bounded (a 10 MB file as one Doc took over 1 GB), and
        so does the cost of detectors that compare each finding with the others. The tiers
        that look across a document (consistency, titles) then look within a chunk."""
        if len(text) <= CHUNK_CHARS:
            return findings_from_doc(self.nlp(self._doc(text)))
        findings = []
        for start, end in documents.chunk_bounds(text, CHUNK_CHARS):
            findings.extend(replace(f, start=f.start + start, end=f.end + start)
                            for f in findings_from_doc(self.nlp(self._doc(text[start:end]))))
        return findings

    def _doc(self, text: str):
        """The text as a Doc carrying the run's disabled rules and reporting severity, so the
        tiers resolve overlaps among the findings the report will show (detectors.base)."""
        return set_reporting(self.nlp.make_doc(text), tuple(self.options.disable),
                             self.options.min_severity)

    def _accepted(self, doc: documents.Document, findings: list[Finding], directives
                  ) -> list[Finding]:
        """The findings minus those suppressed inline (plus the findings about the
        suppressions themselves) and those the baseline records."""
        if directives:
            if self._known is None:
                self._known = suppressions.known_selector(tuple(self.options.rules))
            findings, notes = suppressions.apply(directives, findings, doc.content, self._known,
                                                 self.options.report_unused_suppressions)
            findings += [f for f in notes if not _disabled(f.rule_id, self.options.disable)]
        if self.options.baseline_data is not None:
            findings = self.options.baseline_data.filter(doc.path, doc.content, findings)
        return findings

    def _audit_document(self, doc: documents.Document) -> DocumentResult:
        result = DocumentResult(path=doc.path, document=doc, notes=list(doc.notes))
        directives = suppressions.parse(doc.content, doc.format)
        doc.text = suppressions.masked(doc.text, directives)  # not audited as prose
        if doc.is_blank:
            result.verdict = VERDICT_EMPTY
            result.notes.append("nothing to audit: the file is empty or holds only whitespace")
            result.grammar = {"status": "off", "reason": "nothing to audit"}
            result.scores = scoring.scores([], 0, False, None)
            return result
        result.words = _word_count(doc.text)
        findings = self._spin_findings(doc.text)
        grammar = self.grammar.check(doc.text)
        findings.extend(grammar.findings)
        # The verdict weighs every enabled finding, suggestions included (many weak signals
        # make a spun document); the report shows those at or above the reporting severity.
        findings = [with_replacement(_source_text(f, doc.content), doc.content)
                    for f in findings if not _disabled(f.rule_id, self.options.disable)]
        findings = self._accepted(doc, findings, directives)
        result.grammar = grammar.as_dict()
        if self.options.readability:
            from ..checks.readability import readability
            result.readability = readability(doc.text)
        result.scores = scoring.scores(findings, result.words, grammar.status == "ok",
                                       result.readability.get("text_standard"),
                                       reported=self.options.min_severity)
        result.verdict = scoring.verdict(result.scores["spin_density"],
                                         result.scores["certain_swaps"])
        findings = scoring.promoted(findings, result.scores["spin_density"])
        # the promoted ones are shown too
        result.scores["suspect_swaps"] = scoring.suspect_swaps(findings, self.options.min_severity)
        result.findings = sorted((f for f in findings if f.severity >= self.options.min_severity),
                                 key=lambda f: (f.start, f.end, f.rule_id))
        if self.options.families:
            from ..families.minhash import signature_values
            result.signature = signature_values(doc.text)
        return result


def _size(path: str, stdin_bytes: bytes | None) -> int:
    """The input's size in bytes (0 when it cannot be known: loading then says why)."""
    if path == documents.STDIN:
        return len(stdin_bytes or b"")
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _word_count(text: str) -> int:
    """len(text.split()) without the list (1.7 million strings for a 10 MB file)."""
    return sum(1 for _ in _WORD.finditer(text))


def _source_text(finding: Finding, content: str) -> Finding:
    """The finding with `text == content[start:end]`. Detectors and LanguageTool see the
    masked text, where code, comments and URLs are blanks; a span across one (a boilerplate
    block around inline code) must still quote the file."""
    text = content[finding.start:finding.end]
    return finding if finding.text == text else replace(finding, text=text)


def _disabled(rule_id: str, disable: tuple[str, ...]) -> bool:
    return any(rule_id == d or rule_id.startswith(d.rstrip(".") + ".") for d in disable)


def _error_result(path: str, reason: str, rule_id: str = "input.unreadable") -> DocumentResult:
    rule = code_rule(rule_id)  # a KeyError: an input error with no entry in the registry
    finding = Finding(rule_id=rule.id, kind=rule.kind, severity=rule.severity,
                      start=0, end=0, text="", message=reason)
    return DocumentResult(path=path, document=None, verdict=VERDICT_ERROR, error=reason,
                          findings=[finding])
