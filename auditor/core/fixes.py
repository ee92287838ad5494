"""Apply findings' replacements: `auditor check --fix` (write) and `--diff` (show).

A fix replaces `content[start:end]` by the finding's `replacement` (auditor.core.replacements).
Only findings at or above the chosen severity with a replacement are applied; where two
overlap, the more severe (then the earlier) wins and the other is left for a later run.

Writing is careful: the file is re-read and must still decode to the text that was audited
(else it changed during the run and is left alone), the fixed text must encode back in the
file's own encoding (a Windows-1252 file decoded with replacement characters is not
rewritten), and the new bytes replace the file atomically (auditor.util.safeio). Only the file
the result came from is ever written.
"""
from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass, field

from ..inputs.document import STDIN, decode
from ..util.safeio import read_regular, replace_file_bytes
from .errors import DocumentError
from .findings import Finding, Severity


class FixError(Exception):
    """A file that cannot be fixed safely (the reason is the message)."""


@dataclass
class Fix:
    path: str
    before: str
    after: str
    applied: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff (`a/path`, `b/path`), "" when nothing changes."""
        name = "stdin" if self.path == STDIN else self.path
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


def fixable(findings: list[Finding], at_least: Severity) -> list[Finding]:
    """The findings to apply: with a replacement, at or above `at_least`, no two overlapping
    (the more severe, then the earlier, is kept). Sorted by position."""
    candidates = sorted((f for f in findings if f.replacement and f.severity >= at_least
                         and f.end > f.start),
                        key=lambda f: (-f.severity, f.start, f.end))
    kept: list[Finding] = []
    for f in candidates:
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def apply(content: str, findings: list[Finding]) -> str:
    """`content` with each (non-overlapping, sorted) finding's replacement applied."""
    out, pos = [], 0
    for f in findings:
        out.append(content[pos:f.start])
        out.append(f.replacement)
        pos = f.end
    out.append(content[pos:])
    return "".join(out)


def plan(result, at_least: Severity) -> Fix:
    """What fixing one document's result would do (nothing is written)."""
    chosen = fixable(result.findings, at_least) if result.document is not None else []
    return Fix(result.path, result.content, apply(result.content, chosen), chosen)


def write(fix: Fix, encoding: str) -> None:
    """Write `fix.after` over the file it came from. Raises FixError (nothing written) when
    the file changed since it was audited or the text cannot be written back in its
    encoding; OutputError when the write fails."""
    if fix.path == STDIN:
        raise FixError("standard input cannot be fixed in place (use --diff)")
    try:
        original = read_regular(fix.path)
        text, _, _ = decode(original)
    except (OSError, DocumentError) as exc:
        raise FixError(f"cannot re-read: {getattr(exc, 'strerror', None) or exc}") from None
    if text != fix.before:
        raise FixError("changed since it was audited; not fixed")
    data = encode_like(fix.after, encoding, original)
    if decode(data)[0] != fix.after:
        raise FixError(f"the fixed text cannot be written back as {encoding}; not fixed")
    replace_file_bytes(fix.path, data)


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """`text` encoded as the original file was (its byte order mark included)."""
    try:
        if encoding == "utf-16":  # with a byte order mark: keep its order
            le = original.startswith(codecs.BOM_UTF16_LE)
            bom = codecs.BOM_UTF16_LE if le else codecs.BOM_UTF16_BE
            return bom + text.encode("utf-16-le" if le else "utf-16-be")
        if encoding == "cp1252" and "\ufffd" in text:
            raise FixError("holds bytes that are not Windows-1252; not fixed")
        return text.encode(encoding)
    except (UnicodeEncodeError, LookupError) as exc:
        raise FixError(f"cannot encode the fixed text as {encoding}: {exc}") from None
