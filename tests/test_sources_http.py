"""http:// sources read through fsspec's real HTTP filesystem (aiohttp) from servers on
127.0.0.1 (conftest allows loopback): pages are audited, a missing page and a server error
become that document's error while the batch goes on, and a server that never answers costs
--http-timeout, not the run."""
from __future__ import annotations

import functools
import http.server
import json
import socket
import threading
from typing import ClassVar

import pytest

pytest.importorskip("aiohttp")  # the dask extra (and the test extra) installs it
pytest.importorskip("fsspec")

from auditor import sources
from auditor.cli import main

PASSAGE = ("The city council began a new programme to help small businesses find premises "
           "near the old market. Owners can apply online, and the council answers within two "
           "weeks. A shop that opens in an empty building pays no rent for the first six "
           "months, and the council pays for repairs to the roof and the windows. Traders "
           "said the scheme had already filled four empty units on the high street.")


class Handler(http.server.SimpleHTTPRequestHandler):
    requests: ClassVar[list[str]] = []  # what the server was asked, in order

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _failed(self) -> bool:
        """Record the request; /broken* answers 500 (a server error, not a missing page)."""
        Handler.requests.append(self.path)
        if self.path.startswith("/broken"):
            self.send_error(500, "database down")
            return True
        return False

    def do_GET(self) -> None:
        if not self._failed():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._failed():
            super().do_HEAD()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "page.html").write_text(
        "<html><head><title>T</title><script>var x = 'hidden';</script></head><body><p>Peer "
        "support groups enable individuals to satisfy others with similar experiences.</p>"
        "</body></html>", encoding="utf-8")
    (root / "note.txt").write_text("We used counterfeit consciousness and profound learning.",
                                   encoding="utf-8")
    (root / "copy1.txt").write_text(PASSAGE, encoding="utf-8")
    (root / "copy2.txt").write_text(PASSAGE.replace("empty building", "vacant building"),
                                    encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def silent():
    """A server that accepts connections (the kernel does, up to the backlog) and never
    sends a byte."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def within(seconds: float, work):
    """Run `work` in a thread; fail instead of hanging when it is not done in `seconds`."""
    out = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return out[0]


def test_pages_errors_and_a_silent_server(site, silent):
    urls = [f"{site}/page.html", f"{site}/missing.txt", f"{site}/broken.txt",
            f"{silent}/slow.txt", f"{site}/note.txt"]
    Handler.requests.clear()
    parts = sources.plan(urls, timeout=1.0)
    assert Handler.requests == []  # the client asks nothing: the workers read
    assert [r.path for p in parts for r in p.refs] == urls
    (part,) = parts
    got = dict(within(60, lambda: [(ref.path, doc) for ref, doc in sources.read(part)]))
    assert list(got) == urls  # the batch went on past every failure
    page = got[urls[0]]
    assert "Peer support groups enable individuals" in page.content
    assert "hidden" not in page.content and "<p>" not in page.content  # the HTML reader
    assert got[urls[4]].content.startswith("We used counterfeit consciousness")
    assert str(got[urls[1]]) == "cannot read: HTTP 404 File not found"
    assert str(got[urls[2]]) == "cannot read: HTTP 500 database down"
    # aiohttp's own default would wait 300 s; the source's timeout applies instead
    assert str(got[urls[3]]) == "cannot read: no answer within 1 s (--http-timeout)"
    with pytest.raises(Exception, match="HTTP 404"):
        sources.load(sources.Ref(urls[1], urls[1]), timeout=1.0)


def test_web_archive_from_a_silent_server_is_one_error(silent):
    url = f"{silent}/crawl.warc.gz"
    (part,) = sources.plan([url], timeout=1.0)
    ((ref, error),) = within(60, lambda: list(sources.read(part)))
    assert ref.path == url
    assert str(error) == "cannot read the web archive: no answer within 1 s (--http-timeout)"


def test_batch_over_http_on_a_dask_cluster(site, silent, capsys):
    """The CLI on an in-process cluster: documents read on the worker, a family's members
    read again over HTTP to align them, failures reported per document."""
    distributed = pytest.importorskip("distributed")
    urls = [f"{site}/note.txt", f"{site}/copy1.txt", f"{site}/missing.txt",
            f"{silent}/slow.txt", f"{site}/copy2.txt"]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        code = within(300, lambda: main(
            ["batch", *urls, "--engine", "dask", "--scheduler", cluster.scheduler_address,
             "--grammar", "off", "--format", "jsonl", "--http-timeout", "1",
             "--fail-on", "never"]))
    assert code == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    docs = {d["path"]: d for d in lines if d["type"] == "document"}
    assert sorted(docs) == sorted(urls)
    assert "tortured.artificial-intelligence" in {
        f["rule_id"] for f in docs[urls[0]]["findings"]}
    assert docs[urls[2]]["verdict"] == "error" and docs[urls[3]]["verdict"] == "error"
    notes = json.dumps([docs[urls[2]], docs[urls[3]]])
    assert "HTTP 404" in notes and "no answer within 1 s" in notes
    (family,) = [f for f in lines if f["type"] == "family"]
    assert sorted(family["members"]) == sorted([urls[1], urls[4]])
    assert "{empty|vacant}" in family["template"]


def test_http_timeout_is_checked_and_needs_the_dask_engine(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("A sense of neighborhood.\n", encoding="utf-8")
    assert main(["batch", str(tmp_path), "--http-timeout", "5"]) == 2
    assert "--http-timeout need --engine dask" in capsys.readouterr().err
    assert main(["batch", str(tmp_path), "--engine", "dask", "--http-timeout", "0"]) == 2
    assert "--http-timeout must be a number of seconds above 0" in capsys.readouterr().err
