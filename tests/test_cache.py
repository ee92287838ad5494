"""The on-disk cache only ever costs speed: stale or broken entries are rebuilt."""
from __future__ import annotations

import os
import time

from auditor.lexicon.loader import load_file
from auditor.util import cache

PACK = """prefix: t
rules:
  - id: t.one
    match: "a [b]"
    original: {original}
    severity: warning
    message: m
    examples: {{flag: ["a b"], ok: ["a c"]}}
"""


def test_changed_rules_file_is_reloaded(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.format(original="c"))
    assert load_file(path).rules[0].original == "c"
    assert list((tmp_path / "cache").glob("rules-pack-*.pickle"))
    path.write_text(PACK.format(original="dd"))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert load_file(path).rules[0].original == "dd"


def test_corrupt_entry_is_rebuilt_and_unwritable_dir_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    assert cache.cached("x", ["k"], lambda: [1, 2]) == [1, 2]
    (entry,) = tmp_path.glob("x-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached("x", ["k"], lambda: [3]) == [3]
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("x", ["k"], lambda: "built") == "built"


def test_no_cache_env_bypasses(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    assert cache.cached("x", ["k"], lambda: 5) == 5
    assert not list(tmp_path.iterdir())


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    for i in range(6):
        cache.cached("y", [str(i)], lambda: i)
        time.sleep(0.01)
    assert len(list(tmp_path.glob("y-*.pickle"))) == cache.KEEP
    assert cache.cached("y", ["5"], lambda: "rebuilt") == 5


def test_corrupt_sqlite_entry_is_dropped_and_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    data = {f"w{i}": i for i in range(20000)}
    assert cache.cached_lookup("z", ["k"], lambda: data).get("w5") == 5
    (entry,) = tmp_path.glob("z-*.sqlite")
    size = entry.stat().st_size
    with open(entry, "r+b") as fh:  # damage the second half, past the first pages read
        fh.seek(size // 2)
        fh.write(b"\xff" * (size - size // 2))
    again = cache.cached_lookup("z", ["k"], lambda: dict(data, extra=1))
    assert [again.get(f"w{i}") for i in (5, 19999)] == [5, 19999]
    assert again.get("missing", "none") == "none"
    assert cache.cached_lookup("z", ["k"], lambda: data).get("w19999") == 19999
