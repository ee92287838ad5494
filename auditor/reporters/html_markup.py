"""The HTML report's building blocks: `esc` for every value that comes from a document, a
path or a finding (control characters and bidi overrides shown visibly, then html.escape with
quote=True), `tag` for the fixed markup around it, and small shared pieces."""
from __future__ import annotations

import html
import re

from ..util.termsafe import clean


def esc(value) -> str:
    """HTML-escaped text; control characters shown as their pictures (␛) and bidirectional
    overrides as `<U+202E>`, so they cannot reorder or hide what the reader sees (see
    auditor.util.termsafe)."""
    return html.escape(clean(value), quote=True)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def token(value) -> str:
    """A value safe inside a class name."""
    return re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()) or "x"


def tag(name: str, body: str, **attrs) -> str:
    """<name attrs>body</name>; attribute values are escaped, `body` must already be HTML."""
    parts = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"'
                    for k, v in attrs.items() if v is not None)
    return f"<{name}{parts}>{body}</{name}>"


def verdict_badge(verdict: str) -> str:
    return tag("span", esc(verdict), class_=f"verdict v-{token(verdict)}")
