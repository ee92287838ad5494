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
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from .. import __version__

T = TypeVar("T")


def cache_dir() -> Path:
    explicit = os.environ.get("AUDITOR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "auditor"


def _digest(key_parts: list[str]) -> str:
    return hashlib.sha256("\0".join([__version__, _code_key(), *key_parts]).encode()).hexdigest()[:20]


def _code_key() -> str:
    here = Path(__file__).resolve().parent.parent
    parts = []
    for name in ("util/cache.py", "lexicon/loader.py", "lexicon/patterns.py", "lexicon/lemmas.py",
                 "lexicon/inventory.py", "checks/readability.py", "detectors/nearmiss.py"):
        try:
            parts.append(file_key(here / name))
        except OSError:
            parts.append(name)
    return "|".join(parts)


def file_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def data_key(name: str) -> str:
    """A cache key for the package data file `auditor/data/<name>` that changes whenever the
    shipped file does."""
    from importlib import resources

    try:
        return file_key(Path(str(resources.files("auditor.data") / name)))
    except OSError:
        return name


def cached(name: str, key_parts: list[str], build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when the key matches. The key always includes the
    auditor version and the source files of the modules that build cached data, so a code
    change (even without a version bump) never reads an entry in an old format."""
    if os.environ.get("AUDITOR_NO_CACHE"):
        return build()
    path = cache_dir() / f"{name}-{_digest(key_parts)}.pickle"
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
        _prune(path.parent, name)
    except OSError:
        pass
    return value


KEEP = 3  # newest entries kept per name (several installs may share the folder)


def _prune(folder: Path, name: str) -> None:
    """Remove all but the newest KEEP entries called `name-*`: keys change with every
    code or data version, and old entries would otherwise pile up."""
    entries = [p for p in folder.glob(f"{name}-*.*") if p.suffix in (".pickle", ".sqlite")
               and p.name[len(name) + 1:].split(".")[0].isalnum()]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


class Lookup:
    """Read-only string-keyed table in an SQLite file: a lookup costs microseconds and
    opening it nothing, where unpickling a 300,000-entry dict costs 0.15 s per process.
    The connection is opened per process (a forked worker must not share its parent's)."""

    def __init__(self, path: Path, build: Callable[[], dict]):
        self.path = path
        self._build = build
        self._conn = None
        self._pid = None
        self._fallback: dict | None = None

    def get(self, key: str, default=None):
        if self._fallback is not None:
            return self._fallback.get(key, default)
        try:
            if self._pid != os.getpid():
                self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                             check_same_thread=False)
                self._pid = os.getpid()
            row = self._conn.execute("SELECT v FROM t WHERE k = ?", (key,)).fetchone()
        except sqlite3.Error:
            # A damaged entry: drop it (the next run rebuilds it) and use the data directly.
            self.close()
            try:
                self.path.unlink()
            except OSError:
                pass
            self._fallback = self._build()
            return self._fallback.get(key, default)
        return row[0] if row else default

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = self._pid = None


def cached_lookup(name: str, key_parts: list[str], build: Callable[[], dict]):
    """`build()`'s dict as a `Lookup` in the cache, or the dict itself when the cache is
    off or cannot be written. Both answer `.get(key, default)`."""
    if os.environ.get("AUDITOR_NO_CACHE"):
        return build()
    path = cache_dir() / f"{name}-{_digest(key_parts)}.sqlite"
    if path.is_file():
        return Lookup(path, build)
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".sqlite")
        os.close(fd)
        with sqlite3.connect(tmp) as conn:
            conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
            conn.executemany("INSERT INTO t VALUES (?, ?)", data.items())
        conn.close()
        os.replace(tmp, path)
        _prune(path.parent, name)
    except (OSError, sqlite3.Error):
        pass
    return data
