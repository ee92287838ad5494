"""Audit many files across worker processes, streaming results in input order.

The parent builds the pipeline first (so a broken rule pack fails fast, and on Linux the
forked workers inherit it), starts the run's one LanguageTool connection and hands its URL
to the workers. Results come back one document at a time; nothing holds the whole batch.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Iterator

from . import pipeline
from .results import DocumentResult
from .runner import Options, Runner

_worker: Runner | None = None
_grammar_status: dict | None = None


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def audit_paths(paths: list[str], options: Options, jobs: int = 1,
                stdin_bytes: bytes | None = None) -> Iterator[DocumentResult]:
    if jobs <= 1 or len(paths) < 2 or stdin_bytes is not None:
        with Runner(options) as runner:
            yield from runner.audit_many(paths, stdin_bytes)
        return
    from .grammar import GrammarChecker

    pipeline.build(options.spacy_model, tuple(options.rules))  # fail fast; shared by fork
    if options.families:
        from . import families  # noqa: F401  (imported once, inherited by the workers)
    with GrammarChecker(mode=options.grammar, url=options.languagetool_url) as grammar:
        worker_options, status = options, None
        if options.grammar != "public":
            grammar.start()
            if grammar.endpoint:
                worker_options = replace(options, grammar="auto", languagetool_url=grammar.endpoint)
            else:
                worker_options = replace(options, grammar="off")
                status = {"status": grammar.status, "reason": grammar.reason,
                          "server": None, "issues": 0}
        with pool(jobs, initializer=_init, initargs=(worker_options, status)) as workers:
            yield from workers.imap(_audit, paths, chunksize=4)


def pool(jobs: int, **kwargs):
    """A process pool; on Linux the workers are forked and inherit what the parent built."""
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(jobs, **kwargs)


def _init(options: Options, grammar_status: dict | None) -> None:
    global _worker, _grammar_status
    _worker, _grammar_status = Runner(options), grammar_status


def _audit(path: str) -> DocumentResult:
    result = _worker.audit(path)
    if _grammar_status is not None and result.grammar.get("status") == "off" \
            and result.verdict not in ("empty", "error"):
        result.grammar = dict(_grammar_status)
    return result
