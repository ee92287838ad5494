"""A small on-disk cache for data that is slow to parse and never changes between runs
(the compiled lexicon, the CMU pronouncing dictionary), so a one-file check starts fast.

Entries live in `$AUDITOR_CACHE_DIR`, else `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor`,
keyed by a hash of everything they are built from. Set `AUDITOR_NO_CACHE=1` to bypass it.
A cache that cannot be read or written is ignored: it only ever costs speed.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__

T = TypeVar("T")


def cache_dir() -> Path:
    explicit = os.environ.get("AUDITOR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "auditor"


def _code_key() -> str:
    here = Path(__file__).resolve().parent
    parts = []
    for name in ("cache.py", "lexicon.py", "patterns.py", "lemmas.py", "inventory.py",
                 "readability.py", "detectors/nearmiss.py"):
        try:
            parts.append(file_key(here / name))
        except OSError:
            parts.append(name)
    return "|".join(parts)


def file_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def cached(name: str, key_parts: list[str], build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when the key matches. The key always includes the
    auditor version and the source files of the modules that build cached data, so a code
    change (even without a version bump) never reads an entry in an old format."""
    if os.environ.get("AUDITOR_NO_CACHE"):
        return build()
    digest = hashlib.sha256("\0".join([__version__, _code_key(), *key_parts]).encode()).hexdigest()[:20]
    path = cache_dir() / f"{name}-{digest}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, unreadable or stale: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass
    return value
