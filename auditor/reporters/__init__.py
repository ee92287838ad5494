"""Reporter registry: every output format by name, and the contract a format keeps.

A reporter formats results; it never scores, filters or exits. Its lifecycle is flake8's:
`start(total)` once, `document(result)` per document as each finishes, `family(family)` per
spin family when families are computed (after the documents), `finish()` once. `note(text)`
is a message about the whole run (e.g. a config file from outside the repository).

Add a format by writing `auditor/reporters/<name>_report.py` with a class that subclasses
`Reporter`, then one `register(...)` line below; the CLI's `--format` choices come from
`names()`. Modules are imported only when their format is chosen, so `auditor --help` stays
fast. Shared helpers (numbers, verdict order, JSON shapes) live in `presentation`; a reporter
never imports another reporter.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TextIO


class Reporter:
    """Base class with the lifecycle's defaults; subclasses override what they need."""

    #: whether the format has a place for run notes; the CLI prints them on stderr otherwise
    shows_notes = False
    #: the run's extra rule packs (set by the CLI), for formats that describe rules
    rule_dirs: tuple[str, ...] = ()
    #: (summary, failed) from `outcome`, None until the run's result is known
    run_outcome: tuple[str, bool] | None = None

    def __init__(self, stream: TextIO, *, color: bool = True, show_text: bool = True):
        self.stream = stream
        self.color = color
        self.show_text = show_text

    def note(self, text: str) -> None:
        pass

    def outcome(self, summary: str, failed: bool) -> None:
        """The run's result under the exit-code policy (auditor.core.policy), before `finish`:
        `summary` is the line that says why it failed or that it passed."""
        self.run_outcome = (summary, failed)

    def start(self, total: int) -> None:
        pass

    def document(self, result) -> None:
        raise NotImplementedError

    def family(self, family: dict) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(frozen=True)
class Format:
    name: str
    target: str  # "module:Class", relative to auditor.reporters
    help: str

    def load(self) -> type:
        module, _, cls = self.target.partition(":")
        return getattr(importlib.import_module(f".{module}", __name__), cls)


FORMATS: dict[str, Format] = {}


def register(name: str, target: str, help: str) -> None:
    if name in FORMATS:
        raise ValueError(f"format {name!r} is registered twice")
    FORMATS[name] = Format(name, target, help)


def names() -> tuple[str, ...]:
    return tuple(FORMATS)


def make_reporter(name: str, stream: TextIO, color: bool = True, show_text: bool = True
                  ) -> Reporter:
    try:
        fmt = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})") from None
    return fmt.load()(stream, color=color, show_text=show_text)


register("rich", "rich_report:RichReporter", "annotated text and tables for people (default)")
register("json", "json_report:JsonReporter", "one JSON document (schema auditor.report/3)")
register("jsonl", "jsonl_report:JsonLinesReporter", "one JSON object per document, as it ends")
register("html", "html_report:HtmlReporter", "one self-contained HTML page")
register("statistics", "statistics_report:StatisticsReporter",
         "findings per rule, most frequent first (same as --statistics)")
register("parquet", "parquet_report:ParquetReporter",
         "Parquet tables of documents, findings and families in the folder -o DIR (pyarrow)")
register("sarif", "sarif_report:SarifReporter", "SARIF 2.1.0 for code scanning (GitHub, CI tools)")
register("github", "github_report:GithubReporter", "GitHub Actions annotations (::error file=...)")
register("line", "line_report:LineReporter",
         "one line per finding: path:line:col: severity rule-id message")
