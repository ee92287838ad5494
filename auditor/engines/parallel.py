"""Audit many files across worker processes, streaming results in input order.

The parent builds the pipeline first (so a broken rule pack fails fast, and on Linux the
forked workers inherit it), starts the run's one LanguageTool connection and hands its URL
to the workers. Results come back one document at a time; nothing holds the whole batch.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Iterator

from ..core import pipeline
from ..core.results import DocumentResult
from ..core.runner import Options, Runner

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
    from ..checks.grammar import GrammarChecker

    pipeline.build(options.spacy_model, tuple(options.rules))  # fail fast; shared by fork
    if options.families:
        # imported once, inherited by the workers
        from ..families import minhash as families  # noqa: F401
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
        yield from supervised(paths, jobs, (worker_options, status))


def supervised(paths: list[str], jobs: int, initargs: tuple) -> Iterator[DocumentResult]:
    """Audit `paths` across `jobs` worker processes, yielding results in input order.

    A worker that dies (killed, out of memory, a crash in compiled code) breaks the pool:
    concurrent.futures then fails every document in flight with BrokenProcessPool. Those
    documents are retried in a new pool, each alone, so that a document that kills its
    worker again is known to be the cause: it becomes an `error` result, and the batch goes
    on. At most `jobs * 4` documents are in flight, so memory does not grow with the batch.
    """
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = deque(enumerate(paths))
    suspects: set[int] = set()  # in flight when a worker died: retried alone
    done: dict[int, DocumentResult] = {}
    next_out = 0
    while pending:
        executor = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init,
                                       initargs=initargs)
        inflight: dict = {}
        try:
            while pending or inflight:
                while pending and len(inflight) < jobs * 4 and not (
                        inflight and (pending[0][0] in suspects
                                      or any(i in suspects for i, _ in inflight.values()))):
                    index, path = pending.popleft()
                    inflight[executor.submit(_audit, path)] = (index, path)
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                broken = False
                for future in finished:
                    index, path = inflight.pop(future)
                    try:
                        done[index] = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if index in suspects:  # it broke a pool while running alone
                            done[index] = _died(path)
                        else:
                            suspects.add(index)
                            pending.appendleft((index, path))
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if broken:  # the others in flight fail too, unless they had finished
                    for future, (index, path) in inflight.items():
                        if future.done() and not future.cancelled() \
                                and future.exception() is None:
                            done[index] = future.result()
                            continue
                        suspects.add(index)
                        pending.appendleft((index, path))
                    pending = deque(sorted(pending))
                    break
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
    while next_out in done:
        yield done.pop(next_out)
        next_out += 1


def _died(path: str) -> DocumentResult:
    from ..core.registry import code_rule
    from ..core.runner import _error_result

    return _error_result(path, "the worker process auditing this document died (killed, out "
                               "of memory or crashed); not audited",
                         code_rule("input.worker-died").id)


def _context():
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


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
