"""`auditor batch --engine dask` on a LocalCluster of 2 worker processes: the same findings
and families as the local engine, Parquet with --resume, fsspec URLs, web archives, and a
worker killed mid-run."""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")  # the test extra installs it (CI runs these)
pa = pytest.importorskip("pyarrow")

from auditor import sources
from auditor.cli import main
from auditor.engines import dask_families
from auditor.families import minhash as families

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import spin_generator


def generate(out: Path, copies: tuple[int, ...], unrelated: int = 2, seed: int = 1) -> None:
    """Spun families from passages of the samples (benchmarks/spin_generator.py's spinner):
    `copies[i]` copies of passage i, then `unrelated` passages as they are."""
    import random

    text = "\n\n".join((ROOT / "samples" / name).read_text() for name in (
        "clean_community_gardens.txt", "000_020f8dbaab73f97c.txt"))
    passages = spin_generator._passages(text, 60, 200)
    rng = random.Random(seed)
    spinner = spin_generator.Spinner(spin_generator.load_synonyms(), rng, (0.2, 0.3))
    docs = []
    for source, n in zip(passages, copies):
        spintax = spinner.spintax(source)
        docs += [spinner.spin(source, spintax, rng.random() < 0.3) for _ in range(n)]
    docs += passages[len(copies):len(copies) + unrelated]
    rng.shuffle(docs)
    out.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        (out / f"doc{i:03d}.txt").write_text(doc)


@pytest.fixture(scope="module")
def cluster():
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    generate(out, (5, 4, 3))
    (out / "empty.txt").write_text("")
    (out / "binary.txt").write_bytes(b"\x00\xff" * 50)
    return out


FAMILY_KEYS = ("family", "family_swapped_slots", "spin_density_with_family",
               "verdict_with_family")


def unfamilied(doc: dict) -> dict:
    """A JSON report's document without what its family added (Parquet and JSONL keep that
    in the family's member_scores)."""
    doc = {k: v for k, v in doc.items() if k not in FAMILY_KEYS}
    doc["scores"] = {k: v for k, v in doc["scores"].items() if k not in FAMILY_KEYS}
    return doc


@pytest.fixture(scope="module")
def local_report(folder):
    """The local engine's JSON report of the folder."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        # no time budget, as on Dask (which cannot apply one): on a busy machine a document
        # could otherwise become a time-budget error in one engine and not the other
        code = main(["batch", str(folder), "--grammar", "off", "--format", "json", "-j", "1",
                     "--fail-on", "warning", "--time-budget", "0"])
    return code, json.loads(out.getvalue())


def table(folder: Path, name: str) -> list[dict]:
    import pyarrow.dataset as ds
    return ds.dataset(folder / name, format="parquet").to_table().to_pylist()


def jsonl(capsys) -> tuple[dict, list]:
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    docs = {d["path"]: d for d in lines if d["type"] == "document"}
    return docs, [f for f in lines if f["type"] == "family"]


def test_the_engines_give_the_same_findings_and_families(folder, cluster, local_report,
                                                         capsys):
    local_code, report = local_report
    code = main(["batch", str(folder), "--grammar", "off", "--format", "jsonl", "--fail-on",
                 "warning", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                 "--partition-docs", "5"])
    docs, found = jsonl(capsys)
    assert code == local_code
    local_docs = {d["path"]: unfamilied(d) for d in report["documents"]}
    assert len(local_docs) == 16 and {p: {k: v for k, v in d.items() if k not in (
        "type", "schema")} for p, d in docs.items()} == local_docs
    assert local_docs[str(folder / "binary.txt")]["verdict"] == "error"
    assert len(report["families"]) >= 2
    assert [{k: v for k, v in f.items() if k not in ("type", "schema")}
            for f in found] == report["families"]


def test_families_by_shuffle_equal_datasketch_lsh(tmp_path, client):
    generate(tmp_path, (40, 30, 20, 12, 8, 2), unrelated=2, seed=2)
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    values = {n: families.signature_values((tmp_path / n).read_text()) for n in names}
    values["blank"] = families.signature_values("")  # never joins a family
    local = families.cluster(values, 0.2)
    keys = list(values)
    blocks = [client.scatter(dask_families.make_block(
        b, keys[i:i + 50], keys[i:i + 50], [None] * len(keys[i:i + 50]),
        [values[k] for k in keys[i:i + 50]])) for b, i in enumerate(range(0, len(keys), 50))]
    found = dask_families.cluster(client, blocks, 0.2, parts=3)
    assert len(blocks) == 3 and len(local) >= 5
    assert [[path for path, _, _ in family] for family in found] == local


def test_parquet_tables_and_resume_after_an_interruption(folder, cluster, local_report,
                                                         tmp_path):
    out = tmp_path / "out"
    args = ["batch", str(folder), "--grammar", "off", "--engine", "dask", "--scheduler",
            cluster.scheduler_address, "--partition-docs", "4", "--format", "parquet",
            "-o", str(out), "--fail-on", "never"]
    assert main(args) == 0
    docs, found, fams = table(out, "documents"), table(out, "findings"), table(out, "families")
    assert len(docs) == 16 and len({d["path"] for d in docs}) == 16
    report = local_report[1]
    by_path = {d["path"]: d for d in report["documents"]}
    for row in docs:  # the JSON report's fields, dicts as JSON text
        want = by_path[row["path"]]
        assert row["verdict"] == want["verdict"] and row["words"] == want["words"]
        assert json.loads(row["scores"]) == unfamilied(want)["scores"]
        assert row["notes"] == want["notes"]
    assert len(found) == sum(len(d["findings"]) for d in report["documents"])
    assert sorted(map(tuple, (f["members"] for f in fams))) == sorted(
        tuple(f["members"]) for f in report["families"])
    # an interrupted run: two partitions never finished (their documents parts are missing,
    # one left its findings behind)
    parts = sorted((out / "documents").iterdir())
    lost = {r["path"] for p in parts[:2] for r in pa.parquet.read_table(p).to_pylist()}
    for p in parts[:2]:
        p.unlink()
    (out / "signatures" / parts[1].name).unlink()
    assert main(args + ["--resume"]) == 0
    docs = table(out, "documents")
    assert sorted(d["path"] for d in docs) == sorted(by_path)  # every document exactly once
    fresh = [p for p in (out / "documents").iterdir() if p not in parts]
    assert {r["path"] for p in fresh for r in pa.parquet.read_table(p).to_pylist()} == lost
    assert len(table(out, "findings")) == len(found)
    assert len(table(out, "signatures")) == 14  # not the empty and the binary file
    assert sorted(map(tuple, (f["members"] for f in table(out, "families")))) == sorted(
        tuple(f["members"]) for f in report["families"])
    assert main(args + ["--resume"]) == 0  # nothing left to do
    assert len(table(out, "documents")) == 16


def test_file_selection_of_the_config_and_the_command_line(tmp_path, cluster, capsys,
                                                           monkeypatch):
    """Config-file and command-line patterns and ignore files select the same files as in
    the local engine, for a folder and a file:// URL; a folder's web archive is audited."""
    for name in ("a.txt", "notes/b.md", "drafts/c.txt", "ignored.txt", "build/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("It fosters a sense of neighborhood.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (tmp_path / ".auditor.toml").write_text('[auditor]\nextend_exclude = ["drafts"]\n',
                                            encoding="utf-8")
    (tmp_path / "archive").mkdir()
    write_warc(tmp_path / "archive" / "crawl.warc.gz")
    monkeypatch.chdir(tmp_path)
    opts = ["--grammar", "off", "--format", "jsonl", "--fail-on", "never"]
    assert main(["batch", ".", *opts, "--extend-exclude", "archive"]) == 0
    local = sorted(jsonl(capsys)[0])
    assert local == ["a.txt", "notes/b.md"]
    dask = opts + ["--engine", "dask", "--scheduler", cluster.scheduler_address]
    assert main(["batch", ".", *dask, "--extend-exclude", "archive"]) == 0
    assert sorted(jsonl(capsys)[0]) == local
    url = f"file://{tmp_path}"
    assert main(["batch", url, *dask]) == 0
    assert sorted(jsonl(capsys)[0]) == sorted([f"{url}/a.txt", f"{url}/notes/b.md",
                                               "https://example.com/notes.txt",
                                               "https://example.com/page"])


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def record(writer, uri, status, ctype, body, rec_type="response"):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, rec_type, payload=__import__("io").BytesIO(body), http_headers=headers))

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        record(writer, "https://example.com/page", "200 OK", "text/html; charset=utf-8",
               b"<html><head><title>T</title><script>var x = 'hidden';</script></head><body>"
               b"<h1>Peer support</h1><p>Peer support groups enable individuals to satisfy "
               b"others with similar experiences.</p></body></html>")
        record(writer, "https://example.com/notes.txt", "200 OK", "text/plain",
               b"A plain text note about the council's new programme.\n")
        record(writer, "https://example.com/missing", "404 Not Found", "text/html", b"<p>no</p>")
        record(writer, "https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG")


def test_web_archive_records_are_documents(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    (part,) = sources.plan([str(warc)])
    got = list(sources.read(part))
    assert [ref.path for ref, _ in got] == ["https://example.com/page",
                                            "https://example.com/notes.txt"]
    page = got[0][1]
    assert "Peer support groups enable individuals" in page.content
    assert "hidden" not in page.content and "<p>" not in page.content
    again = sources.load(got[0][0])  # a family member is read again by its record offset
    assert again.content == page.content and got[0][0].offset > 0
    assert "council" in sources.load(got[1][0]).content
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not a web archive\n")
    ((ref, error),) = list(sources.read(sources.plan([str(broken)])[0]))
    assert "not a WARC web archive" in str(error) and ref.path == str(broken)


def test_urls_file_and_memory(tmp_path):
    import fsspec

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("First text.")
    (tmp_path / "sub" / "b.md").write_text("# Second\n\nText.")
    (tmp_path / "c.bin").write_bytes(b"\x00")
    url = "file://" + str(tmp_path)
    (part,) = sources.plan([url])
    assert [r.path for r in part.refs] == [f"{url}/a.txt", f"{url}/sub/b.md"]
    assert next(doc.content for _, doc in sources.read(part)) == "First text."
    fs = fsspec.filesystem("memory")
    fs.pipe("/crawl/one.txt", b"One document.")
    fs.pipe("/crawl/two.txt", b"\xff\xfe\x00")  # not text: an error for that document only
    parts = sources.plan(["memory://crawl"], per_partition=1)
    assert [p.refs[0].path for p in parts] == ["memory:///crawl/one.txt",
                                               "memory:///crawl/two.txt"]
    (_, one), (_, two) = [next(sources.read(p)) for p in parts]
    assert one.content == "One document." and "UTF-16" in str(two)
    with pytest.raises(Exception, match="no such"):
        sources.plan(["memory://nothing-here"])


def test_in_memory_filesystem_on_an_in_process_cluster():
    """memory:// lives in one process: a cluster of threads in this process can read it."""
    import fsspec

    from auditor.core.runner import Options
    from auditor.engines import dask_engine

    fs = fsspec.filesystem("memory")
    fs.pipe("/site/a.txt", b"We used counterfeit consciousness and profound learning.")
    fs.pipe("/site/b.txt", b"")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as c:
        events = list(dask_engine.run(sources.plan(["memory://site"]), Options(grammar="off"),
                                      scheduler=c.scheduler_address))
    docs = {item.path: item for kind, item in events if kind == "document"}
    assert docs["memory:///site/b.txt"].verdict == "empty"
    assert "tortured.artificial-intelligence" in {
        f.rule_id for f in docs["memory:///site/a.txt"].findings}
    kind, done = events[-1]
    assert kind == "done" and done["documents"] == 2 and done["tally"].documents == 2
    assert done["tally"].findings >= 1  # the tortured phrase is an error, the default --fail-on


def test_a_killed_worker_costs_only_its_tasks(folder, cluster, client, tmp_path):
    out = tmp_path / "out"
    args = ["batch", str(folder), "--grammar", "off", "--engine", "dask", "--scheduler",
            cluster.scheduler_address, "--partition-docs", "2", "--format", "parquet",
            "-o", str(out), "--fail-on", "never"]
    before = set(client.scheduler_info()["workers"])
    code = []
    run = threading.Thread(target=lambda: code.append(main(args)))
    run.start()
    deadline = time.monotonic() + 60
    victim = None
    while victim is None and time.monotonic() < deadline:  # kill a worker that is auditing
        done = list((out / "documents").glob("part-*")) if (out / "documents").exists() else []
        busy = [w for w, tasks in client.processing().items()
                if any(str(t).startswith("audit-") for t in tasks)]
        if done and busy:
            victim = busy[0]
        time.sleep(0.05)
    assert victim is not None
    async def die():  # client.run(wait=False) takes a coroutine function
        os._exit(1)

    client.run(die, workers=[victim], wait=False)
    run.join(120)
    assert code == [0]
    assert victim not in client.scheduler_info()["workers"] and victim in before
    paths = [d["path"] for d in table(out, "documents")]
    assert len(paths) == 16 and len(set(paths)) == 16


def test_an_interrupted_run_leaves_the_previous_report(tmp_path, monkeypatch, capsys):
    """-o on Dask writes through the same report block as the local engine: a run stopped
    after its first document leaves the previous report and no temporary file."""
    from auditor.core.runner import _error_result
    from auditor.engines import dask_engine

    (tmp_path / "a.txt").write_text("A sense of neighborhood.\n", encoding="utf-8")
    report = tmp_path / "report.jsonl"
    report.write_text("previous report")

    def interrupted(*args, **kwargs):
        yield "document", _error_result(str(tmp_path / "a.txt"), "cannot read")
        raise KeyboardInterrupt

    monkeypatch.setattr(dask_engine, "run", interrupted)
    code = main(["batch", str(tmp_path / "a.txt"), "--engine", "dask", "--format", "jsonl",
                 "-o", str(report)])
    assert code == 3  # interrupted
    assert report.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "report.jsonl"]


@pytest.mark.parametrize("option", [["--fix"], ["--diff"], ["--write-baseline", "b.json"],
                                    ["--baseline", "b.json"], ["--quiet"], ["--statistics"],
                                    ["--input-format", "html"]])
def test_options_the_engine_does_not_apply_are_refused(tmp_path, capsys, option):
    (tmp_path / "a.txt").write_text("A sense of neighborhood.\n", encoding="utf-8")
    before = (tmp_path / "a.txt").read_bytes()
    assert main(["batch", str(tmp_path), "--engine", "dask", *option]) == 2
    assert f"--engine dask does not apply {option[0]}" in capsys.readouterr().err
    assert (tmp_path / "a.txt").read_bytes() == before and not (tmp_path / "b.json").exists()
