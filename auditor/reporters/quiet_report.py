"""`--quiet` for the rich format: one line per finding, `path:line:col: severity rule-id
message`, and nothing for documents without findings (the run's failing summary goes to
stderr from the CLI). Not a registered format: `--quiet` picks it (or the `line` format,
which prints the same lines, when it is registered)."""
from __future__ import annotations

from ..results import DocumentResult
from ..termsafe import clean
from . import Reporter


class QuietReporter(Reporter):
    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            line, column = result.position(f.start)
            self.stream.write(clean(f"{result.path}:{line}:{column}: {f.severity.label} "
                                    f"{f.rule_id} {f.message}", multiline=False) + "\n")
