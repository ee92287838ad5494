"""GrammarChecker against a fake LanguageTool server (tests/lt_server.py) and a fake `java`."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from auditor.checks import grammar, grammar_client
from auditor.checks.grammar import GrammarChecker, resolve_url, split_chunks
from auditor.core.errors import UsageError
from auditor.core.findings import KIND_GRAMMAR, Severity

sys.path.insert(0, str(Path(__file__).parent))
from lt_server import FakeLanguageTool  # noqa: E402

TEXT = "I saw teh cat. 😀 We could of gone.\n\nIt was very unique."
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    """No installed LanguageTool, no URL from the environment, no connection beyond loopback."""
    empty = tmp_path / "lt-downloads"
    empty.mkdir()
    monkeypatch.setenv("LTP_PATH", str(empty))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.delenv(grammar.URL_ENV_VAR, raising=False)
    real_connect = socket.socket.connect

    def connect(sock, address):
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            raise OSError(f"test tried to reach {address[0]}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def fake():
    with FakeLanguageTool() as server:
        yield server


def lt_children() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "org.languagetool.server.HTTPServer" in child.cmdline():
                found.append(child)
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
    return found


def test_matches_become_findings_with_exact_offsets(fake):
    with GrammarChecker(url=fake.url) as checker:
        result = checker.check(TEXT)
    assert (result.status, result.reason, result.server) == ("ok", None, fake.url)
    assert [f.rule_id for f in result.findings] == ["lt.MORFOLOGIK_RULE_EN_US", "lt.COULD_OF",
                                                    "lt.VERY_UNIQUE"]
    assert [TEXT[f.start:f.end] for f in result.findings] == ["teh", "could of", "very unique"]
    assert [f.text for f in result.findings] == ["teh", "could of", "very unique"]
    typo, could, unique = result.findings
    assert typo.kind == KIND_GRAMMAR
    assert typo.suggestion == "the / ten / tea"
    assert typo.message == "Possible spelling mistake found."
    assert typo.evidence == "LanguageTool TYPOS: Possible spelling mistake"
    assert [f.severity for f in result.findings] == [Severity.WARNING, Severity.WARNING,
                                                     Severity.SUGGESTION]
    assert unique.suggestion == ""
    assert result.as_dict() == {"status": "ok", "reason": None, "server": fake.url, "issues": 3}
    assert fake.checks[0]["language"] == "en-US"


def test_one_connection_serves_every_document(fake):
    with GrammarChecker(url=fake.url) as checker:
        assert [len(checker.check(t).findings) for t in ("teh", "fine", "teh teh")] == [1, 0, 2]
        assert checker.status == "ok"
    assert len(fake.checks) == 3


# Time bounds in these tests are hang detectors, far from what a run takes under any load (a
# timeout of 0.3-1.5 s against a server that answers after 60 s or more); what a client read
# or sent is counted (lt_server's `sent`, `cut_off`, `checks`), not timed.
HANG_S = 30


def test_slow_server_times_out_then_later_documents_fail_fast():
    with FakeLanguageTool(behaviour="slow", delay=120) as slow:
        checker = GrammarChecker(url=slow.url, request_timeout=0.3)
        began = time.monotonic()
        result = checker.check(TEXT)
        assert time.monotonic() - began < HANG_S  # without the timeout: 120 s
        assert result.status == "unavailable" and result.findings == []
        assert "timeout" in result.reason and slow.url in result.reason
        again = checker.check("teh")
        assert (again.status, again.reason) == ("unavailable", result.reason)
        # fails fast: the second document sent no request (it would wait 0.3 s more)
        assert checker.status == "unavailable" and len(slow.checks) == 1
        checker.close()


@pytest.mark.parametrize("behaviour, words", [("500", "Internal Server Error"),
                                               ("bad_json", "not JSON")])
def test_broken_answers_make_grammar_unavailable(behaviour, words):
    with FakeLanguageTool(behaviour=behaviour) as broken, GrammarChecker(url=broken.url) as checker:
        result = checker.check(TEXT)
    assert result.status == "unavailable" and result.findings == []
    assert words in result.reason


def test_server_not_listening():
    port = grammar._free_port()
    with GrammarChecker(url=f"http://127.0.0.1:{port}", request_timeout=2) as checker:
        result = checker.check(TEXT)
    assert result.status == "unavailable" and "cannot connect" in result.reason


def test_server_dying_mid_run(fake):
    with GrammarChecker(url=fake.url, request_timeout=2) as checker:
        assert checker.check("teh").status == "ok"
        fake.stop()
        result = checker.check("teh")
    assert result.status == "unavailable" and "failed" in result.reason


def test_unsupported_language(fake):
    with GrammarChecker(url=fake.url, language="xx-YY") as checker:
        result = checker.check(TEXT)
    assert result.status == "unavailable" and "xx-YY" in result.reason


def test_off():
    checker = GrammarChecker(mode="off")
    result = checker.check(TEXT)
    assert (result.status, result.findings) == ("off", [])
    assert result.reason == "disabled with --grammar off"
    assert (checker.status, checker.reason) == ("off", "disabled with --grammar off")


def test_unknown_mode():
    with pytest.raises(UsageError, match="unknown grammar mode"):
        GrammarChecker(mode="online")


def test_auto_without_url_or_local_languagetool_is_unavailable(monkeypatch):
    def no_public(**kwargs):
        raise AssertionError("auto must never use the public API")

    monkeypatch.setattr(grammar_client, "PublicClient", no_public)
    monkeypatch.setattr(grammar.shutil, "which", lambda name: "/usr/bin/java")
    with GrammarChecker() as checker:
        result = checker.check(TEXT)
    assert result.status == "unavailable" and result.findings == []
    assert "no local LanguageTool found" in result.reason
    assert grammar.URL_ENV_VAR in result.reason
    assert checker.status == "unavailable"


def test_local_without_java(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with GrammarChecker(mode="local") as checker:
        result = checker.check(TEXT)
    assert result.status == "unavailable" and "Java" in result.reason


def test_url_from_environment(fake, monkeypatch):
    monkeypatch.setenv(grammar.URL_ENV_VAR, fake.url + "/v2/")
    with GrammarChecker() as checker:
        result = checker.check(TEXT)
    assert (result.status, result.server, len(result.findings)) == ("ok", fake.url, 3)


def test_resolve_url(monkeypatch):
    assert resolve_url("localhost:8081/v2/") == "http://localhost:8081"
    assert resolve_url("https://lt.example.org/api/") == "https://lt.example.org/api"
    assert resolve_url(None) is None
    monkeypatch.setenv(grammar.URL_ENV_VAR, "http://127.0.0.1:8010")
    assert resolve_url(None) == "http://127.0.0.1:8010"
    assert resolve_url("http://other:1") == "http://other:1"


def test_long_text_is_sent_in_paragraph_chunks_with_right_offsets(fake):
    paragraphs = [f"Paragraph {i} has teh typo and could of been better." for i in range(6)]
    text = "\n\n".join(paragraphs)
    with GrammarChecker(url=fake.url, chunk_chars=120) as checker:
        result = checker.check(text)
    assert len(fake.checks) == 3
    assert all(len(check["text"]) <= 120 for check in fake.checks)
    assert len(result.findings) == 12
    assert [text[f.start:f.end] for f in result.findings] == ["teh", "could of"] * 6
    assert len({f.start for f in result.findings}) == 12


def test_split_chunks_covers_the_text():
    text = "one two\n\n  \n" + "x" * 30 + " " + "y" * 30 + "\n\nlast"
    pieces = split_chunks(text, 40)
    assert all(len(chunk) <= 40 for _, chunk in pieces)
    assert all(text[offset:offset + len(chunk)] == chunk for offset, chunk in pieces)
    ends = [0] + [offset + len(chunk) for offset, chunk in pieces]
    gaps = [text[end:offset] for end, (offset, _) in zip(ends, pieces)] + [text[ends[-1]:]]
    assert [gap for gap in gaps if gap] == ["  \n"]  # only whitespace-only pieces are left out
    assert split_chunks("a" * 25, 10) == [(0, "a" * 10), (10, "a" * 10), (20, "a" * 5)]
    assert split_chunks("  \n\n ", 10) == []


def test_public_mode_chunks_under_the_api_limit(fake, monkeypatch):
    class Public(grammar_client.Client):
        def __init__(self, **kwargs):
            super().__init__(remote_server=fake.url, **kwargs)

    monkeypatch.setattr(grammar_client, "PublicClient", Public)
    text = "\n\n".join(["A sentence with teh typo. " * 40] * 45)
    with GrammarChecker(mode="public", url="http://ignored.invalid") as checker:
        result = checker.check(text)
    assert result.status == "ok" and result.server == "LanguageTool public API"
    assert len(fake.checks) == 3 and all(len(c["text"]) <= 20_000 for c in fake.checks)
    assert len(result.findings) == 40 * 45
    assert all(text[f.start:f.end] == "teh" for f in result.findings)


def test_public_client_is_the_real_public_api_class():
    from language_tool_python import LanguageToolPublicAPI

    assert issubclass(grammar_client.PublicClient, LanguageToolPublicAPI)


def test_unavailable_grammar_imports_no_client_library(tmp_path):
    """Without a server, a run never imports requests or language_tool_python (start-up time)."""
    code = ("import sys\n"
            "from auditor.checks.grammar import GrammarChecker\n"
            "with GrammarChecker() as checker:\n"
            "    result = checker.check('Some text.')\n"
            "assert result.status == 'unavailable', result\n"
            "print(sorted(m for m in ('requests', 'language_tool_python') if m in sys.modules))\n")
    env = {**os.environ, "PATH": str(tmp_path), "LTP_PATH": str(tmp_path)}
    env.pop(grammar.URL_ENV_VAR, None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


FAKE_JAVA = {
    "serve": "import lt_server\nlt_server.main(sys.argv[1:])\n",
    "sleep": "import time\ntime.sleep(300)\n",
    "exit": "sys.exit(1)\n",
}


@pytest.fixture
def fake_java(monkeypatch, tmp_path):
    """Install a fake LanguageTool (jar folder) and a fake `java` first on PATH."""
    def install(kind: str) -> Path:
        jar_dir = tmp_path / "lt-downloads" / "LanguageTool-6.6"
        jar_dir.mkdir(parents=True, exist_ok=True)
        (jar_dir / "languagetool-server.jar").write_bytes(b"")
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        java = bin_dir / "java"
        tests_dir = str(Path(__file__).parent)
        java.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {tests_dir!r})\n"
                        + FAKE_JAVA[kind])
        java.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        return jar_dir / "languagetool-server.jar"

    yield install
    for child in lt_children():  # never leave a process behind, even when a test fails
        child.kill()


def test_local_install_is_found_without_downloading(monkeypatch, tmp_path):
    downloads = tmp_path / "downloads"
    monkeypatch.setenv("LTP_PATH", str(downloads))
    assert grammar._find_jar() is None and not downloads.exists()
    for version in ("6.9", "6.10", "5.0"):
        (downloads / f"LanguageTool-{version}").mkdir(parents=True)
        (downloads / f"LanguageTool-{version}" / "languagetool-server.jar").write_bytes(b"")
    assert grammar._find_jar() == downloads / "LanguageTool-6.10" / "languagetool-server.jar"
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(downloads / "LanguageTool-5.0"))
    assert grammar._find_jar() == downloads / "LanguageTool-5.0" / "languagetool-server.jar"


@pytest.mark.parametrize("mode", ["local", "auto"])
def test_local_server_is_started_once_and_stopped_on_close(fake_java, mode):
    jar = fake_java("serve")
    checker = GrammarChecker(mode=mode, startup_timeout=4)
    assert lt_children() == []
    first, second = checker.check(TEXT), checker.check("teh")
    assert (first.status, len(first.findings), len(second.findings)) == ("ok", 3, 1)
    assert first.server.startswith("local LanguageTool 6.6 at 127.0.0.1:")
    [java] = lt_children()
    assert java.cmdline()[-4:-1] == [str(jar), "org.languagetool.server.HTTPServer", "--port"]
    checker.close()
    assert not java.is_running() and lt_children() == []
    checker.close()
    assert checker.check("teh").status == "unavailable"


def test_local_server_that_never_answers_is_bounded_and_killed(fake_java):
    fake_java("sleep")
    began = time.monotonic()
    with GrammarChecker(mode="local", startup_timeout=1) as checker:
        result = checker.check(TEXT)
        assert time.monotonic() - began < HANG_S  # without the startup timeout: 300 s
        assert result.status == "unavailable" and "did not start within 1 s" in result.reason
        assert lt_children() == []


def test_local_server_that_exits_is_unavailable(fake_java):
    fake_java("exit")
    with GrammarChecker(mode="local", startup_timeout=4) as checker:
        result = checker.check(TEXT)
    assert result.status == "unavailable" and "exited with code 1" in result.reason


def test_command_stops_its_local_server_before_exiting(fake_java, tmp_path):
    """The `auditor` command ends with os._exit (auditor.cli.exit_now); the local server it
    started must be gone when it returns, with grammar findings in the report."""
    jar = fake_java("serve")
    doc = tmp_path / "draft.txt"
    doc.write_text(TEXT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", "--grammar", "local",
                           "--format", "json", str(doc)], capture_output=True, text=True,
                          timeout=120, env=os.environ.copy())
    grammar_report = json.loads(proc.stdout)["documents"][0]["grammar"]
    assert grammar_report["status"] == "ok", proc.stderr
    left = [p for p in psutil.process_iter(["cmdline"]) if str(jar) in (p.info["cmdline"] or [])]
    assert left == []


@pytest.mark.parametrize("behaviour", ["trickle", "trickle_headers"])
def test_trickling_server_is_cut_off_at_the_total_deadline(behaviour):
    with FakeLanguageTool(behaviour=behaviour, delay=0.2) as slow:
        checker = GrammarChecker(url=slow.url, request_timeout=1.5)
        result = checker.check(TEXT)
        checker.close()
        assert slow.finished.wait(HANG_S)
    assert result.status == "unavailable" and "timeout" in result.reason
    # a socket timeout alone (1.5 s, a byte every 0.2 s) waits for all 40 bytes (8 s); the
    # total deadline cuts the answer off after about 8
    assert slow.cut_off and slow.sent < 40, slow.sent


@pytest.mark.parametrize("behaviour", ["huge", "huge_chunked"])
def test_huge_answer_is_refused(behaviour, monkeypatch):
    from auditor.checks import grammar_client

    monkeypatch.setattr(grammar_client, "MAX_ANSWER_BYTES", 1_000_000)
    monkeypatch.setattr(grammar_client.bounded_query, "__defaults__", (None, 1_000_000))
    with FakeLanguageTool(behaviour=behaviour, size=50_000_000) as big, \
            GrammarChecker(url=big.url, request_timeout=20) as checker:
        result = checker.check(TEXT)
        assert big.finished.wait(HANG_S)
    assert result.status == "unavailable" and "too large" in result.reason
    # the client stopped reading at the cap: the server could not send the 50 MB
    assert big.cut_off and big.sent < 25_000_000, big.sent


def test_http_error_with_a_json_body_is_an_error():
    with FakeLanguageTool(behaviour="500_json") as broken, GrammarChecker(url=broken.url) as checker:
        result = checker.check("teh cat")
    assert result.status == "unavailable" and result.findings == []
    assert "HTTP 500" in result.reason
