"""Grammar findings from LanguageTool, through language_tool_python's client.

Modes: `auto` uses a server URL when one is given, else a LanguageTool that is already installed
locally (Java on PATH plus `languagetool-server.jar` in `$LTP_JAR_DIR_PATH`, or in a
`LanguageTool-*` folder of `$LTP_PATH`, default `~/.cache/language_tool_python`); `local` asks
for that local install only; `public` sends the text to the public LanguageTool API (never chosen
automatically); `off` skips grammar. Nothing is ever downloaded.

The server URL comes from the `url` argument or else from the environment variable
`AUDITOR_LANGUAGETOOL_URL` (see `resolve_url`). A local server is started once per run by this
module (`java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N` on a free
loopback port, start-up bounded by `startup_timeout`) and stopped by `close()`. Text is sent in
chunks of whole paragraphs of at most `chunk_chars` characters (the public API takes 20,000).
A server that is missing or fails (timeout, HTTP error, bad JSON) makes results "unavailable"
with a reason, for this document and, without waiting again, for every later one.
"""
from __future__ import annotations

import bisect
import functools
import os
import re
import shutil
import socket
import subprocess
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GrammarUnavailable, UsageError
from ..core.findings import Finding, Severity
from ..core.registry import code_rule
from ..util.timebudget import paused

URL_ENV_VAR = "AUDITOR_LANGUAGETOOL_URL"
MODES = ("auto", "local", "off", "public")
CHUNK_CHARS = 20_000
LT = code_rule("lt")  # LanguageTool ids are dynamic: lt.<its rule id>
_WARNING_TYPES = {"TYPOS", "GRAMMAR", "misspelling", "grammar"}
_LOOPBACK = {"no_proxy": "127.0.0.1"}  # never send our own local server's traffic through a proxy
_HOW_TO_INSTALL = (f"set {URL_ENV_VAR} to a running LanguageTool server (e.g. "
                   "`docker run -p 8010:8010 erikvl87/languagetool`, then http://localhost:8010) "
                   "or unzip LanguageTool into {where}")


def resolve_url(url: str | None) -> str | None:
    """The server to use: `url`, else $AUDITOR_LANGUAGETOOL_URL; scheme added, any /v2 removed."""
    url = (url or os.environ.get(URL_ENV_VAR) or "").strip().rstrip("/")
    if not url:
        return None
    url = url.removesuffix("/v2")
    return url if "://" in url else f"http://{url}"


@dataclass
class GrammarResult:
    status: str  # "ok" | "unavailable" | "off"
    reason: str | None = None
    findings: list[Finding] = field(default_factory=list)
    server: str | None = None

    def as_dict(self) -> dict:
        return {"status": self.status, "reason": self.reason, "server": self.server,
                "issues": len(self.findings)}


@functools.cache
def _failures() -> tuple[type[BaseException], ...]:
    """What talking to LanguageTool can raise. A function, so that requests and
    language_tool_python are imported only by runs that use a server (an `except` clause
    evaluates it only when an exception reaches it)."""
    import http.client

    import requests
    from language_tool_python.exceptions import LanguageToolError

    return (LanguageToolError, requests.RequestException, OSError, http.client.HTTPException,
            ValueError, KeyError, TypeError, AttributeError, IndexError)


class GrammarChecker:
    def __init__(self, mode: str = "auto", url: str | None = None, language: str = "en-US",
                 startup_timeout: float = 60.0, request_timeout: float = 30.0,
                 chunk_chars: int = CHUNK_CHARS) -> None:
        if mode not in MODES:
            raise UsageError(f"unknown grammar mode {mode!r} (choose from {', '.join(MODES)})")
        self.mode, self.url, self.language = mode, resolve_url(url), language
        self.startup_timeout, self.request_timeout = startup_timeout, request_timeout
        self.chunk_chars = chunk_chars
        self._status, self._reason, self._server = "pending", None, None
        self._client = None  # a grammar_client.Client once connected
        self._stop_process = None
        self._local_url: str | None = None
        self._closed = False
        if mode == "off":
            self._status, self._reason = "off", "disabled with --grammar off"

    @property
    def status(self) -> str:
        """"pending" until started, then "ok", "unavailable" or "off"."""
        return self._status

    @property
    def reason(self) -> str | None:
        return self._reason

    @property
    def endpoint(self) -> str | None:
        """URL of the HTTP server in use (remote or the local one this checker started), so
        worker processes can share this run's one server; None for the public API."""
        if self._status != "ok" or self.mode == "public" or self._client is None:
            return None
        return self.url if (self.mode == "auto" and self.url) else self._local_url

    def __enter__(self) -> "GrammarChecker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Connect to (or start) the one LanguageTool server of this run; never raises."""
        if self._status != "pending":
            return
        try:
            self._client = self._connect()
        except GrammarUnavailable as exc:
            return self._fail(str(exc))
        except _failures() as exc:
            return self._fail(f"{self._who()} is unavailable: {_describe(exc, self)}")
        self._status = "ok"

    def _connect(self):
        kwargs = {"language": self.language, "request_timeout": self.request_timeout}
        if self.mode == "public":
            from .grammar_client import PublicClient
            self._server = "LanguageTool public API"
            return PublicClient(**kwargs)
        if self.mode == "auto" and self.url:
            from .grammar_client import Client
            self._server = self.url
            return Client(remote_server=self.url, **kwargs)
        java, jar, where = shutil.which("java"), _find_jar(), _download_dir()
        if java is None:
            raise GrammarUnavailable("LanguageTool needs Java, and no `java` is on PATH; "
                                     + _HOW_TO_INSTALL.format(where=where))
        if jar is None:
            raise GrammarUnavailable("no local LanguageTool found (no languagetool-server.jar in "
                                     f"$LTP_JAR_DIR_PATH or {where}/LanguageTool-*); "
                                     + _HOW_TO_INSTALL.format(where=where))
        version, port = re.fullmatch(r"LanguageTool-(.+)", jar.parent.name), _free_port()
        name = f"LanguageTool {version[1]}" if version else "LanguageTool"
        self._server = f"local {name} at 127.0.0.1:{port}"
        process = subprocess.Popen(  # noqa: S603  java and jar were found on this machine
            [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._stop_process = weakref.finalize(self, _stop, process)
        self._wait_ready(process, f"http://127.0.0.1:{port}")
        self._local_url = f"http://127.0.0.1:{port}"
        from .grammar_client import Client
        return Client(remote_server=f"http://127.0.0.1:{port}", proxies=dict(_LOOPBACK), **kwargs)

    def _wait_ready(self, process: subprocess.Popen, url: str) -> None:
        """Poll the new server until it answers, it exits, or `startup_timeout` passes."""
        import requests

        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise GrammarUnavailable(
                    f"{self._server}: Java exited with code {process.returncode} "
                    "(is the jar a complete LanguageTool? is Java 17 or later?)")
            try:
                wait = max(0.1, min(1.0, deadline - time.monotonic()))
                requests.get(f"{url}/v2/languages", timeout=wait,
                             proxies=dict(_LOOPBACK)).raise_for_status()
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise GrammarUnavailable(
            f"{self._server} did not start within {self.startup_timeout:g} s")

    def check(self, text: str) -> GrammarResult:
        if self._closed:
            return GrammarResult("unavailable", "the grammar checker was closed", [], self._server)
        self.start()
        if self._status != "ok":
            return GrammarResult(self._status, self._reason, [], self._server)
        with paused():  # requests have their own deadline; not counted in the time budget
            return self._check_chunks(text)

    def _check_chunks(self, text: str) -> GrammarResult:
        findings: list[Finding] = []
        for offset, chunk in split_chunks(text, self.chunk_chars):
            try:
                self._client.check(chunk)
                findings += _findings(text, offset, chunk, self._client.last_json["matches"])
            except _failures() as exc:
                self._fail(f"{self._who()} failed: {_describe(exc, self)}; "
                           "grammar is skipped for the rest of the run")
                return GrammarResult(self._status, self._reason, [], self._server)
        return GrammarResult("ok", None, findings, self._server)

    def _who(self) -> str:
        server = self._server or "LanguageTool"
        return f"LanguageTool at {server}" if "://" in server else server

    def _fail(self, reason: str) -> None:
        self._status, self._reason = "unavailable", reason
        self._stop()

    def _stop(self) -> None:
        if self._stop_process is not None:
            self._stop_process()
        self._client = None

    def close(self) -> None:
        self._closed = True
        self._stop()


def split_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most `limit` characters, cut after blank lines where possible;
    chunks holding only whitespace are left out."""
    cuts = [m.end() for m in re.finditer(r"\n[ \t]*\n", text)]
    pieces, start = [], 0
    while start < len(text):
        end = len(text)
        if end - start > limit:
            i = bisect.bisect_right(cuts, start + limit) - 1
            end = cuts[i] if i >= 0 and cuts[i] > start else _fallback_cut(text, start, limit)
        if text[start:end].strip():
            pieces.append((start, text[start:end]))
        start = end
    return pieces


def _fallback_cut(text: str, start: int, limit: int) -> int:
    """A paragraph longer than `limit`: cut after its last line break or space that fits."""
    window = text[start:start + limit]
    for sep in ("\n", " "):
        at = window.rfind(sep)
        if at > 0:
            return start + at + 1
    return start + limit


def _findings(text: str, offset: int, chunk: str, matches: list[dict]) -> list[Finding]:
    to_index = _utf16_index(chunk)
    findings = []
    for match in matches:
        start = to_index(match["offset"])
        end = to_index(match["offset"] + match["length"])
        if not 0 <= start <= end <= len(chunk):
            continue
        rule = match["rule"]
        category = rule.get("category", {}).get("id", "")
        warning = category in _WARNING_TYPES or rule.get("issueType") in _WARNING_TYPES
        replacements = [r["value"] for r in match.get("replacements", [])[:3]]
        findings.append(Finding(
            rule_id=f"{LT.id}.{rule['id']}", kind=LT.kind,
            severity=Severity.WARNING if warning else Severity.SUGGESTION,
            start=offset + start, end=offset + end, text=text[offset + start:offset + end],
            message=match["message"], suggestion=" / ".join(replacements),
            evidence=f"LanguageTool {category}: {rule.get('description', '')}"))
    return findings


def _utf16_index(chunk: str):
    """LanguageTool counts UTF-16 units; map them to str indices (they differ after emoji etc.)."""
    if all(ord(ch) <= 0xFFFF for ch in chunk):
        return lambda unit: unit
    table = [i for i, ch in enumerate(chunk) for _ in range(1 + (ord(ch) > 0xFFFF))] + [len(chunk)]
    return lambda unit: table[unit] if 0 <= unit < len(table) else -1


def _describe(exc: BaseException, checker: GrammarChecker) -> str:
    import requests
    from language_tool_python.exceptions import LanguageToolError

    chain = exc
    while chain is not None:
        if isinstance(chain, requests.Timeout):
            return f"no complete answer within {checker.request_timeout:g} s (request timeout)"
        if isinstance(chain, requests.ConnectionError):
            return "cannot connect (is the server running?)"
        chain = chain.__cause__ or chain.__context__
    detail = " ".join(str(exc).split())[:160]
    if isinstance(exc, LanguageToolError) and isinstance(exc.__cause__, ValueError):
        return f"the answer is not JSON ({detail or 'empty'})"
    if isinstance(exc, LanguageToolError):
        return detail
    return f"unexpected answer ({type(exc).__name__}: {detail})"


def _download_dir() -> Path:
    """Where language_tool_python keeps its downloads (looked up without creating it)."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def _find_jar() -> Path | None:
    """The jar in $LTP_JAR_DIR_PATH, else in the newest LanguageTool-* download."""
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    newest_first = sorted(_download_dir().glob("LanguageTool*"), reverse=True,
                          key=lambda path: [int(n) for n in re.findall(r"\d+", path.name)])
    for folder in [Path(jar_dir)] if jar_dir else newest_first:
        for name in ("languagetool-server.jar", "LanguageTool.jar"):
            if (folder / name).is_file():
                return folder / name
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """Stop the local server: terminate, then kill if it lingers; always reap it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
