"""The one terminal sanitiser: what auditor prints to a terminal passes through `clean`.

File names, document text, findings, rule messages from packs and messages from LanguageTool
can hold control characters. ESC starts escape sequences that can retitle, clear or restyle
the user's terminal (or worse, with some terminals), a lone CR lets a line overwrite what was
printed before it, and bidirectional overrides (U+202A-202E, U+2066-2069) make text display
in an order other than the one it has ("Trojan Source"). `clean` shows each harmlessly and
visibly: C0 controls and DEL as their Unicode control pictures (ESC as ␛), C1 controls as
U+FFFD, bidirectional overrides and isolates as `<U+202E>`. Ordinary text, including tabs and
line ends (with `multiline`), is returned unchanged.
"""
from __future__ import annotations

import re

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_MULTILINE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f" + BIDI + "]|\r(?!\n)")
_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f" + BIDI + "]")


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC, ␊ for LF, ␍ for CR)
    if code == 0x7f:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9f:
        return "\ufffd"
    return f"<U+{code:04X}>"


def _replace(match: re.Match) -> str:
    return _visible(match.group(0))


def clean(text, multiline: bool = True) -> str:
    """`text` safe to print: control characters and bidi overrides shown visibly. With
    `multiline` false (file names, one-line cells) tabs and line ends are shown too."""
    text = "" if text is None else str(text)
    return (_MULTILINE if multiline else _ONE_LINE).sub(_replace, text)
