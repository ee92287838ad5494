"""`--format github`: GitHub Actions workflow commands, one annotation per finding:

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE

error -> `error`, warning -> `warning`, suggestion -> `notice`. Values are escaped as the
Actions runner unescapes them (actions/toolkit's escapeData / escapeProperty): in the message
`%` `\\r` `\\n` become `%25` `%0D` `%0A`; in properties `:` and `,` also become `%3A` `%2C`, so
a file name or a message cannot end a property early or start a new command. Other control
characters and bidirectional overrides are first shown visibly (auditor.util.termsafe), since the
log is read by people."""
from __future__ import annotations

from ..core.findings import Severity
from ..core.results import DocumentResult
from ..util.termsafe import clean
from . import Reporter
from .presentation import file_region

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: DocumentResult, f) -> str:
    props = [("file", result.path)]
    region = file_region(result, f)
    if region:
        props += [("line", region["line"]), ("col", region["column"]),
                  ("endLine", region["end_line"]), ("endColumn", region["end_column"])]
    props.append(("title", f"auditor {f.rule_id}"))
    message = f.message
    if f.replacement:
        message += f" (replace with {f.replacement!r})"
    elif f.suggestion:
        message += f" (likely original: {f.suggestion!r})"
    head = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{COMMAND[f.severity]} {head}::{escape_data(message)}"


class GithubReporter(Reporter):
    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            self.stream.write(annotation(result, f) + "\n")
