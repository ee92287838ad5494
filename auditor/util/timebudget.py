"""A time budget per document: a document that takes longer becomes an `error` result.

The budget is `seconds_per_10k_words` for every 10,000 words, and at least twice that (the
first document of a run also pays for lazily loaded tables). It is enforced with a real-time
interval timer (SIGALRM) whose handler raises `BudgetExceeded` in the audit, so it works
in the main thread of a process (the command, and each worker of `--jobs N`); elsewhere
(another thread, Windows) `limit` does nothing. Time spent waiting for LanguageTool is
not counted (`paused`): those requests have their own deadline. The timer raises a
BaseException (`_Expired`) that `limit` turns into `BudgetExceeded` at its exit, so that the
`except Exception` blocks of the parsers a file goes through (pypdf has dozens) cannot
swallow it and go on past the budget.

Reading a file (parsing a PDF, a Word document, HTML) is bounded too, before its words are
known: `read_budget_for` gives it the budget of a document of one word per BYTES_PER_WORD
bytes of the file (plain English text has about six), generous for formats with markup.

Python code, and regular expressions (the `re` engine checks for signals), are interrupted
at once; a single long call into compiled code (spaCy's tokenizer) is interrupted when it
returns. The known slow inputs are made fast instead (see `document.blank_symbol_runs`).
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from typing import Iterator

from ..core.errors import DocumentError

DEFAULT_SECONDS_PER_10K_WORDS = 5.0
MIN_UNITS = 2  # a short document gets the budget of 20,000 words
BYTES_PER_WORD = 6
# Once over budget, the timer fires again every RETRY_S seconds until the limit ends: an
# exception raised where Python cannot pass it on (a gc callback, a __del__ method: it is
# printed as "unraisable" and dropped) or caught by an `except BaseException` is lost, and
# the body would otherwise run on unbounded.
RETRY_S = 0.25


class BudgetExceeded(DocumentError):
    """The document took longer than its time budget."""


def budget_for(words: int, seconds_per_10k_words: float | None) -> float | None:
    """Seconds allowed for a document of `words` words; None (no limit) for 0 or None."""
    if not seconds_per_10k_words or seconds_per_10k_words <= 0:
        return None
    return seconds_per_10k_words * max(MIN_UNITS, words / 10_000)


def read_budget_for(size_bytes: int, seconds_per_10k_words: float | None) -> float | None:
    """Seconds allowed to read and parse a file of `size_bytes` bytes; None for no limit."""
    return budget_for(size_bytes // BYTES_PER_WORD, seconds_per_10k_words)


class _Expired(BaseException):
    """The timer went off (see the module docstring: why a BaseException)."""


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


_active: list[float] = []  # the budget (seconds) of the limit in force, for the message


@contextlib.contextmanager
def limit(seconds: float | None, doing: str = "") -> Iterator[None]:
    """Raise BudgetExceeded out of the body when it runs longer than `seconds` (wall clock).
    `doing` ("reading the file ") names the stage in the message."""
    if seconds is None or not _usable() or _active:
        yield
        return

    def expire(signum, frame):
        signal.setitimer(signal.ITIMER_REAL, RETRY_S)
        if frame is not None and frame.f_code in _ENDING:
            return  # the limit is already ending (turning an expiry into BudgetExceeded)
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    began = time.monotonic()
    _active.append(seconds)
    try:
        yield
    except _Expired:
        raise BudgetExceeded(f"not audited: {doing}took longer than its time budget of "
                             f"{seconds:g} s (set time_budget in the config or --time-budget "
                             "to allow more)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _active.pop()
        signal.signal(signal.SIGALRM, previous)
        if outer:  # an outer timer was running: let it go on with what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - began)))


# The code that ends a limit, where a repeated expiry must not raise again.
_ENDING = (limit.__wrapped__.__code__, type(limit(None)).__exit__.__code__)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Do not count the body against the budget in force (if any)."""
    if not _active or not _usable():
        yield
        return
    left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)
