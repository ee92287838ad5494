"""Markdown: the decoded file is the audited text, with what is not prose blanked by what a
CommonMark parser (markdown-it-py, tables enabled) says it is.

Blanked (spaces, newlines kept, so offsets are the file's): YAML (`---`) or TOML (`+++`)
front matter except the value of its `title`, which stays in place as the document's first
line (the off-topic-title check reads it); fenced and indented code blocks; lines that are
no paragraph, heading or table cell (link reference definitions, rules); tags, comments and
the content of script, style and pre blocks in HTML blocks; inline code, inline HTML, link
and image targets and autolinks; then bare URLs and e-mail addresses.

Two choices differ from CommonMark on purpose, so that one stray character does not hide an
article: an HTML comment without `-->` and a code fence without its closing fence end at
the next blank line (CommonMark runs them to the end of the document).
"""
from __future__ import annotations

import re

from . import AuditText
from .document import _URL, _blank, _mask_comments, decode

# Unclosed fences handled before the parser's CommonMark reading is accepted for the rest.
MAX_REPARSES = 50
_FRONT = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)^\1[ \t]*\r?$", re.M | re.S)
_TITLE_LINE = {"---": re.compile(r"^title[ \t]*:[ \t]*(?P<q>['\"]?)(?P<v>[^\n\r]*?)(?P=q)"
                                 r"[ \t]*\r?$", re.M),
               "+++": re.compile(r"^title[ \t]*=[ \t]*(?P<q>['\"])(?P<v>[^\n\r]*?)(?P=q)"
                                 r"[ \t]*\r?$", re.M)}
_RAW_HTML_BLOCK = re.compile(r"\s*<(script|style|pre|textarea)\b", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@\\]+@[^\s<>\\]+>")
_TARGET_START = re.compile(r"(?<!\\)\](?=[(\[])")
_BRACKETS = re.compile(r"\\.|\[|\]|\n[ \t]*\r?\n", re.S)
_parser = None


def read(data: bytes, name: str) -> AuditText:
    content, encoding, notes = decode(data)
    masked, title = mask(content)
    return AuditText(content=content, text=masked, format="markdown", title=title,
                     encoding=encoding, notes=notes)


def mask(content: str) -> tuple[str, str | None]:
    """(the masked text, the front matter's title or None)."""
    chars = list(_mask_comments(content))
    title, body = _front_matter(content, chars)
    _mask_blocks("".join(chars), chars, content.count("\n", 0, body))
    text = _URL.sub(_blank, "".join(chars))
    assert len(text) == len(content)
    return text, title


def _front_matter(content: str, chars: list[str]) -> tuple[str | None, int]:
    """Blank the front matter in `chars`, except its title's value. Returns the title and
    the offset where the Markdown body starts. A `---` block that is no YAML mapping is not
    front matter (a rule, then a setext heading): it stays Markdown."""
    m = _FRONT.match(content)
    data = _parsed(m.group(1), m.group(2)) if m else None
    if data is None:
        return None, 0
    end = content.find("\n", m.end())
    end = len(content) if end < 0 else end + 1
    _blank_range(chars, content, 0, end)
    value = data.get("title")
    title = value.strip() if isinstance(value, str) and value.strip() else None
    line = _TITLE_LINE[m.group(1)].search(content, m.start(2), m.end())
    if title is not None and line is not None and line.group("v").strip() == title:
        chars[line.start("v"):line.end("v")] = content[line.start("v"):line.end("v")]
    return title, end


def _parsed(fence: str, body: str) -> dict | None:
    """The front matter read by the YAML or TOML parser; None unless it is a mapping."""
    try:
        if fence == "---":
            import yaml
            data = yaml.safe_load(body)
        else:
            try:
                import tomllib
            except ImportError:  # pragma: no cover - Python 3.10
                import tomli as tomllib
            data = tomllib.loads(body)
    except Exception:  # not YAML (TOML): then not front matter
        return None
    return data if isinstance(data, dict) else None


def _md():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt
        _parser = MarkdownIt("commonmark").enable("table")
    return _parser


def _mask_blocks(working: str, chars: list[str], first: int) -> None:
    """Blank what the parser says is not prose in `chars` (the text `working`, comments
    already blanked), from line `first` (after the front matter)."""
    starts = [0] + [m.end() for m in re.finditer("\n", working)]
    if starts[-1] != len(working):
        starts.append(len(working))
    parse_copy = _defuse_brackets(working)
    reparses = 0
    while first < len(starts) - 1:
        tokens = _md().parse(parse_copy[starts[first]:])
        prose_to = _mask_tokens(tokens, working, chars, starts, first,
                                stop_at_unclosed=reparses < MAX_REPARSES)
        if prose_to is None:
            return
        first, reparses = prose_to, reparses + 1


def _defuse_brackets(text: str) -> str:
    """`text` with each `[` that no `]` closes in its paragraph made a space (same length).
    Such a bracket opens no link, and markdown-it-py looks for its label's end to the end of
    the paragraph from each one: 30,000 lines of `[a` took 2.5 s, and grew as the square."""
    chars, stack = None, []
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token == "[":
            stack.append(m.start())
        elif token == "]":
            if stack:
                stack.pop()
        elif stack:  # a blank line ends the paragraph
            chars = chars or list(text)
            for at in stack:
                chars[at] = " "
            stack = []
    if stack:
        chars = chars or list(text)
        for at in stack:
            chars[at] = " "
    return "".join(chars) if chars else text


def _mask_tokens(tokens, working, chars, starts, first, stop_at_unclosed) -> int | None:
    """Mask one parse of the lines from `first`. Returns the line to parse again from when
    an unclosed fence was cut at its paragraph's end, else None."""
    prose_lines = set()
    cursor = starts[first]
    last = len(starts) - 1
    for tok in tokens:
        if tok.map is None:
            continue
        lo, hi = tok.map[0] + first, min(tok.map[1] + first, last)
        if tok.type == "fence":
            closed = _fence_closed(working, starts, lo, hi, tok.markup)
            if not closed and stop_at_unclosed:
                end = _paragraph_end(working, starts, lo)
                _blank_range(chars, working, starts[lo], starts[end])
                _blank_outside(chars, working, prose_lines, starts, first, lo)
                return end
            _blank_range(chars, working, starts[lo], starts[hi])
        elif tok.type == "code_block":
            _blank_range(chars, working, starts[lo], starts[hi])
        elif tok.type == "html_block":
            prose_lines.update(range(lo, hi))
            _mask_html_block(chars, working, starts[lo], starts[hi])
        elif tok.type == "inline":
            prose_lines.update(range(lo, hi))
            cursor = _mask_inline(tok, chars, working, max(cursor, starts[lo]), starts[hi])
    _blank_outside(chars, working, prose_lines, starts, first, last)
    return None


def _fence_closed(working, starts, lo, hi, markup) -> bool:
    if hi - lo < 2:
        return False
    closing = re.sub(r"^[\s>]*", "", working[starts[hi - 1]:starts[hi]]).strip()
    return closing.startswith(markup) and not closing.strip(markup[0])


def _paragraph_end(working, starts, lo) -> int:
    """The first blank line after line `lo` (or the end)."""
    for line in range(lo + 1, len(starts) - 1):
        if not working[starts[line]:starts[line + 1]].strip():
            return line
    return len(starts) - 1


def _blank_outside(chars, working, prose_lines, starts, lo, hi) -> None:
    for line in range(lo, hi):
        if line not in prose_lines:
            _blank_range(chars, working, starts[line], starts[line + 1])


def _mask_html_block(chars, working, start, end) -> None:
    block = working[start:end]
    if _RAW_HTML_BLOCK.match(block):
        _blank_range(chars, working, start, end)
        return
    for m in _HTML_TAG.finditer(block):
        _blank_range(chars, working, start + m.start(), start + m.end())


def _mask_inline(tok, chars, working, cursor, end) -> int:
    """Blank the inline code, inline HTML, autolinks and link targets of one inline token,
    found in order in working[cursor:end]; returns the new cursor."""
    for child in tok.children or ():
        span = None
        if child.type == "code_inline":
            span = _code_span(working, child.markup, cursor, end)
        elif child.type == "html_inline":
            at = working.find(child.content, cursor, end)
            span = (at, at + len(child.content)) if at >= 0 else None
        elif child.type == "link_open" and child.markup == "autolink":
            m = _AUTOLINK.search(working, cursor, end)
            span = m.span() if m else None
        elif (child.type == "link_close" and child.markup != "autolink") or child.type == "image":
            span = _target(working, cursor, end)
        if span is not None:
            _blank_range(chars, working, *span)
            cursor = span[1]
    return cursor


def _code_span(working, ticks, cursor, end):
    run = re.compile(r"(?<![`\\])%s(?!`)" % ticks)
    opening = run.search(working, cursor, end)
    if not opening:
        return None
    closing = re.compile(r"(?<!`)%s(?!`)" % ticks).search(working, opening.end(), end)
    return (opening.start(), closing.end()) if closing else None


def _target(working, cursor, end):
    """The `(destination "title")` or `[label]` after a link's or image's text."""
    m = _TARGET_START.search(working, cursor, end)
    if not m:
        return None
    at = m.end()
    close, depth, i = ("]", 0, at + 1) if working[at] == "[" else (")", 0, at + 1)
    while i < end:
        ch = working[i]
        if ch == "\\":
            i += 2
            continue
        if close == ")" and ch == "(":
            depth += 1
        elif ch == close:
            if depth == 0:
                return at, i + 1
            depth -= 1
        i += 1
    return None


def _blank_range(chars, working, start, end) -> None:
    for i in range(start, end):
        if working[i] != "\n":
            chars[i] = " "
