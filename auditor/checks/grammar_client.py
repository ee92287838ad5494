"""language_tool_python's client classes as auditor uses them. Importing this module imports
language_tool_python and requests (about 0.05 s), so `auditor.checks.grammar` imports it only when a
run actually talks to LanguageTool.

Every request is bounded three ways, whatever the server does:
- a total deadline (`request_timeout`): a socket timeout alone is reset by every byte, so a
  server that trickles one byte every few seconds would never time out; a timer shuts the
  request's sockets down when the deadline passes, which ends a read blocked in the headers
  or the body;
- a cap on the answer's size (`MAX_ANSWER_BYTES`), checked against Content-Length and while
  reading;
- an HTTP error status is an error whatever the body holds (a 500 with a JSON body is not an
  answer).
"""
from __future__ import annotations

import copy
import json
import socket
import threading
import time

import requests
from language_tool_python import LanguageTool, LanguageToolPublicAPI
from language_tool_python.exceptions import LanguageToolError, RateLimitError
from requests.adapters import HTTPAdapter

# A 20,000-character chunk full of matches answers with a few MB at most.
MAX_ANSWER_BYTES = 32 * 1024 * 1024


class DeadlineExceeded(requests.Timeout):
    """The whole request (connect, headers, body) took longer than its deadline."""


class _WatchedAdapter(HTTPAdapter):
    """An adapter that remembers the sockets it opens, so a timer can shut them down."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._watch(self.poolmanager)

    def proxy_manager_for(self, proxy, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        self._watch(manager)
        return manager

    def _watch(self, manager) -> None:
        if getattr(manager, "_auditor_watched", False):
            return
        adapter = self

        def watched(connection_cls):
            class Watched(connection_cls):
                def connect(self):
                    super().connect()
                    with adapter._lock:
                        adapter.sockets.append(self.sock)
            return Watched

        manager.pool_classes_by_scheme = {
            scheme: type(pool.__name__, (pool,), {"ConnectionCls": watched(pool.ConnectionCls)})
            for scheme, pool in manager.pool_classes_by_scheme.items()}
        manager._auditor_watched = True

    def cut_off(self) -> None:
        with self._lock:
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except (OSError, ValueError):
                pass


def bounded_query(url: str, params, method: str, deadline_s: float, proxies=None,
                  max_bytes: int = MAX_ANSWER_BYTES):
    """The JSON answer of one request that finishes within `deadline_s` seconds in total, is at
    most `max_bytes` long and has a 2xx status; else LanguageToolError or requests.Timeout."""
    adapter = _WatchedAdapter()
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        adapter.cut_off()

    timer = threading.Timer(deadline_s, expire)
    timer.daemon = True
    began = time.monotonic()
    timer.start()
    try:
        kwargs = {"data": params} if method == "post" else {"params": params}
        with session.request(method.upper(), url, timeout=deadline_s, stream=True,
                             proxies=proxies, **kwargs) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise LanguageToolError(f"answer too large ({int(length):,} bytes; the limit "
                                        f"is {max_bytes:,})")
            body = bytearray()
            for block in response.raw.stream(65536, decode_content=True):
                body += block
                if len(body) > max_bytes:
                    raise LanguageToolError(f"answer too large (over {max_bytes:,} bytes)")
                if expired.is_set():
                    break
            if expired.is_set() or time.monotonic() - began > deadline_s:
                raise DeadlineExceeded(f"no complete answer within {deadline_s:g} s")
            if response.status_code == 426:
                raise RateLimitError("You have exceeded the rate limit for the free "
                                     "LanguageTool API. Please try again later.")
            if not 200 <= response.status_code < 300:
                detail = " ".join(bytes(body[:200]).decode("utf-8", "replace").split())
                raise LanguageToolError(f"HTTP {response.status_code} {response.reason or ''}"
                                        .rstrip() + (f": {detail}" if detail else ""))
            try:
                return json.loads(bytes(body).decode("utf-8"))
            except ValueError as exc:
                raise LanguageToolError(bytes(body[:200]).decode("utf-8", "replace")) from exc
    except (OSError, requests.RequestException) as exc:
        if expired.is_set() and not isinstance(exc, DeadlineExceeded):
            raise DeadlineExceeded(f"no complete answer within {deadline_s:g} s") from exc
        raise
    finally:
        timer.cancel()
        adapter.cut_off()
        session.close()


class Client(LanguageTool):
    """The real client, with a total deadline and a size cap per request, no retries, and the
    last JSON answer kept (its `Match` objects drop the rule description and miscount lengths
    after astral characters)."""

    def __init__(self, *, request_timeout: float, **kwargs) -> None:
        self._TIMEOUT = request_timeout
        self.last_json = None
        super().__init__(**kwargs)

    def _query_server(self, url, params=None, num_tries=2, method="get", **kwargs):
        self.last_json = None
        answer = bounded_query(url, params, method, self._TIMEOUT, self._proxies)
        self.last_json = copy.deepcopy(answer)
        return answer


class PublicClient(Client, LanguageToolPublicAPI):
    pass
