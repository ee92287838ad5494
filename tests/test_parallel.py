"""--jobs: worker processes give the same results, in input order, and a bad file does not
stop the batch; --format jsonl streams one document per line."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core.runner import Options
from auditor.engines.parallel import audit_paths

SPUN = "Peer groups can promote a sense of neighborhood. The searchings for suggest it works.\n"


def _folder(tmp_path: Path) -> list[str]:
    paths = []
    for i in range(9):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(SPUN if i % 3 == 0 else f"A plain note number {i} about gardens.\n")
        paths.append(str(path))
    bad = tmp_path / "doc9.txt"
    bad.write_bytes(b"\x00\xff" * 50)
    return paths + [str(bad)]


def _summary(results):
    return [(Path(r.path).name, r.verdict, [(f.rule_id, f.start) for f in r.findings])
            for r in results]


def test_parallel_results_equal_serial_and_keep_order(tmp_path):
    paths = _folder(tmp_path)
    options = Options(grammar="off", readability=False)
    serial = _summary(audit_paths(paths, options, jobs=1))
    parallel = _summary(audit_paths(paths, options, jobs=2))
    assert parallel == serial
    assert [name for name, _, _ in parallel] == [Path(p).name for p in paths]
    assert parallel[-1][1] == "error"
    assert parallel[0][2]


def test_unavailable_grammar_is_reported_by_workers(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "none"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    paths = _folder(tmp_path)[:3]
    results = list(audit_paths(paths, Options(grammar="local", readability=False), jobs=2))
    assert all(r.grammar["status"] == "unavailable" and r.grammar["reason"] for r in results)


def test_jsonl_streams_one_document_per_line(tmp_path, capsys):
    paths = _folder(tmp_path)
    code = main(["batch", "--format", "jsonl", "--grammar", "off", "-j", "2", str(tmp_path)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    records = [json.loads(line) for line in lines]
    docs = [r for r in records if r["type"] == "document"]
    assert [Path(d["path"]).name for d in docs] == [Path(p).name for p in paths]
    assert all(d["schema"] for d in docs)
    # the three identical spun notes are one family; families come after the documents
    families = [r for r in records if r["type"] == "family"]
    assert records[len(docs):] == families
    assert ["doc0.txt", "doc3.txt", "doc6.txt"] in [
        sorted(Path(m).name for m in f["members"]) for f in families]


@pytest.fixture
def deadline():
    """Fail (instead of hanging the suite) when the batch blocks for more than 120 s."""
    def expire(*_):
        raise TimeoutError("the batch hung")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="the workers must inherit the patched runner")
@pytest.mark.parametrize("deaths", ["always", "once"])
def test_a_worker_that_dies_becomes_an_error_and_the_batch_completes(tmp_path, monkeypatch,
                                                                      deadline, deaths):
    from auditor.core import runner

    paths = _folder(tmp_path)
    killer = tmp_path / "doc4.txt"
    flag = tmp_path / "died-once"
    real = runner.Runner.audit

    def audit(self, path, stdin_bytes=None):
        if path == str(killer) and (deaths == "always" or not flag.exists()):
            flag.touch()
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer or `kill -9` would
        return real(self, path, stdin_bytes)
    monkeypatch.setattr(runner.Runner, "audit", audit)
    results = list(audit_paths(paths, Options(grammar="off", readability=False), jobs=2))
    assert [r.path for r in results] == paths
    by_name = {Path(r.path).name: r for r in results}
    if deaths == "always":
        assert by_name["doc4.txt"].verdict == "error"
        assert "worker process" in by_name["doc4.txt"].error
    else:  # killed once (say by a user): retried, and audited
        assert by_name["doc4.txt"].verdict != "error"
    assert all(r.verdict != "error" for name, r in by_name.items()
               if name not in ("doc4.txt", "doc9.txt"))
    assert by_name["doc0.txt"].findings
