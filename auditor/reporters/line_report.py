"""`--format line`: one line per finding, `path:line:col: severity rule-id message` (the form
compilers print, which editors jump to and grep filters). Documents without findings print
nothing; a document that could not be read prints its error finding at 1:1."""
from __future__ import annotations

from ..core.results import DocumentResult
from ..util.termsafe import clean
from . import Reporter
from .presentation import finding_line


class LineReporter(Reporter):
    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            self.stream.write(clean(finding_line(result, f), multiline=False) + "\n")
