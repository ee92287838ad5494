"""Reporter registry. A reporter has `start(total)`, `document(result)`, `finish()`."""
from __future__ import annotations

from typing import TextIO


def make_reporter(name: str, stream: TextIO, color: bool = True, show_text: bool = True):
    if name == "json":
        from .json_report import JsonReporter
        return JsonReporter(stream)
    if name == "html":
        from .html_report import HtmlReporter
        return HtmlReporter(stream, show_text=show_text)
    if name == "jsonl":
        from .jsonl_report import JsonLinesReporter
        return JsonLinesReporter(stream)
    if name == "rich":
        from .rich_report import RichReporter
        return RichReporter(stream, color=color, show_text=show_text)
    raise ValueError(f"unknown format {name!r}")
