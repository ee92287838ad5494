"""A fake LanguageTool server on 127.0.0.1 speaking the `/v2` protocol of language_tool_python.

`FakeLanguageTool(behaviour=...)` runs in a thread of the test process: "ok" answers, "slow" sleeps
`delay` seconds before answering /v2/check, "500" answers /v2/check with an HTTP 500 text page,
"bad_json" answers it with broken JSON,
"500_json" answers it with HTTP 500 and a valid answer as the body, "trickle" sends the
headers then the 40 bytes of a valid body one every `delay` seconds, "trickle_headers" sends
the status line, 40 header bytes one every `delay` seconds, then a valid answer, "huge" declares and sends `size` bytes,
"huge_chunked" streams `size` bytes without a Content-Length, "whitespace" answers like "ok" and
also reports runs of spaces (LanguageTool's WHITESPACE_RULE). For the four misbehaving answers
the server counts what it wrote (`sent`: trickled bytes, or body bytes for "huge*") and
whether the client cut it off (`cut_off`), and sets `finished` when it is done: tests then
check what the client read by counting, not by timing it. Run as a script
(`main(["--port", "N"])`) it is the server that a fake `java` executable starts.
"""
from __future__ import annotations

import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# pattern → (rule id, category id, issue type, description, message, replacements)
RULES = [
    (r"\bteh\b", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake",
     "Possible spelling mistake found.", ["the", "ten", "tea", "Ted"]),
    (r"\bcould of\b", "COULD_OF", "GRAMMAR", "grammar", "could/should/would of",
     "Did you mean 'could have'?", ["could have"]),
    (r"\bvery unique\b", "VERY_UNIQUE", "STYLE", "style", "very unique (redundancy)",
     "'Unique' is an absolute.", []),
]
LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
             {"name": "English", "code": "en", "longCode": "en"},
             {"name": "German", "code": "de", "longCode": "de-DE"}]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# LanguageTool's repeated-whitespace rule, for behaviour "whitespace": it matches across the
# blanks that masking leaves where Markdown code, comments and URLs were.
WHITESPACE_RULE = (r"(?<=\S) {2,}(?=\S)", "WHITESPACE_RULE", "TYPOGRAPHY", "whitespace",
                   "Whitespace repetition", "Possible typo: you repeated a whitespace", [" "])


def find_matches(text: str, whitespace: bool = False) -> list[dict]:
    """Matches as LanguageTool reports them: offsets and lengths in UTF-16 code units."""
    matches = []
    for pattern, rule_id, category, issue, description, message, replacements in (
            RULES + [WHITESPACE_RULE] if whitespace else RULES):
        for m in re.finditer(pattern, text):
            offset, length = utf16_len(text[:m.start()]), utf16_len(m.group())
            matches.append({
                "message": message, "shortMessage": "", "offset": offset, "length": length,
                "replacements": [{"value": r} for r in replacements],
                "context": {"text": text[max(0, m.start() - 20):m.end() + 20],
                            "offset": min(20, m.start()), "length": length},
                "sentence": text, "type": {"typeName": "Other"},
                "rule": {"id": rule_id, "description": description, "issueType": issue,
                         "category": {"id": category, "name": category.title()}},
                "ignoreForIncompleteSentence": False, "contextForSureMatch": 0})
    return sorted(matches, key=lambda match: match["offset"])


class FakeLanguageTool:
    def __init__(self, behaviour: str = "ok", delay: float = 0.0, port: int = 0,
                 size: int = 0) -> None:
        self.behaviour, self.delay, self.size = behaviour, delay, size
        self.checks: list[dict] = []  # the form fields of every /v2/check request
        self.sent, self.cut_off = 0, False  # of the last misbehaving answer
        self.finished = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> "FakeLanguageTool":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer_check(self, fields: dict) -> tuple[int, str, bytes]:
        self.checks.append(fields)
        if self.behaviour == "slow":
            time.sleep(self.delay)
        if self.behaviour == "500":
            return 500, "text/plain", b"Error: Internal Server Error"
        if self.behaviour == "bad_json":
            return 200, "application/json", b'{"software": {"name": "LanguageTool", "matches": ['
        if self.behaviour in ("trickle", "trickle_headers", "huge", "huge_chunked"):
            return 200, self.behaviour, b""
        text = fields.get("text", "")
        status = 500 if self.behaviour == "500_json" else 200
        body = {"software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1},
                "language": {"name": "English (US)", "code": fields.get("language", "en-US")},
                "matches": find_matches(text, whitespace=self.behaviour == "whitespace")}
        return status, "application/json", json.dumps(body).encode()


def _handler(fake: FakeLanguageTool) -> type:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == "/v2/languages":
                return self._send(200, "application/json", json.dumps(LANGUAGES).encode())
            if url.path == "/v2/healthcheck":
                return self._send(200, "text/plain", b"OK")
            if url.path == "/v2/check":
                return self._send(*fake.answer_check(_fields(url.query)))
            return self._send(404, "text/plain", b"not found")

        def do_POST(self) -> None:
            url = urlparse(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if url.path != "/v2/check":
                return self._send(404, "text/plain", b"not found")
            return self._send(*fake.answer_check(_fields(body)))

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            if content_type in ("trickle", "trickle_headers", "huge", "huge_chunked"):
                return self._misbehave(content_type)
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout test)
                pass

        def _misbehave(self, how: str) -> None:
            try:
                if how == "trickle_headers":  # 40 header bytes, then a complete answer
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    for byte in b"X-Pad: " + b"x" * 31 + b"\r\n":
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        fake.sent += 1
                        time.sleep(fake.delay)
                    self.wfile.write(b"Content-Type: application/json\r\n"
                                     b"Content-Length: 15\r\n\r\n{\"matches\": []}")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                if how == "huge":
                    self.send_header("Content-Length", str(fake.size))
                self.end_headers()
                if how == "trickle":
                    for byte in b'{"matches": []}' + b" " * 25:  # 40 bytes
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        fake.sent += 1
                        time.sleep(fake.delay)
                    return
                block, sent = b" " * 65536, 0
                while sent < fake.size:
                    self.wfile.write(block)
                    sent += len(block)
                    fake.sent = sent
            except OSError:  # the client cut the connection off, as it should
                fake.cut_off = True
            finally:
                fake.finished.set()

    return Handler


def _fields(query: str) -> dict:
    return {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}


def main(argv: list[str]) -> None:
    """Serve forever on the port given by `--port N` or `-p N` (as LanguageTool takes it)."""
    flag = next(i for i, arg in enumerate(argv) if arg in ("--port", "-p"))
    with FakeLanguageTool(port=int(argv[flag + 1])) as fake:
        fake._thread.join()


if __name__ == "__main__":
    main(sys.argv[1:])
