"""`--statistics` / `--format statistics`: how many findings each rule made in the run, most
frequent first (ruff's --statistics): count, rule id, severity, how many have a replacement
(`auditor check --fix` can apply those), and the run's outcome line."""
from __future__ import annotations

from ..core.results import DocumentResult
from ..util.termsafe import clean
from . import Reporter


class StatisticsReporter(Reporter):
    def __init__(self, stream, **options):
        super().__init__(stream, **options)
        self.counts: dict[str, list] = {}  # rule id -> [count, worst severity, fixable]

    def document(self, result: DocumentResult) -> None:
        for f in result.findings:
            row = self.counts.setdefault(f.rule_id, [0, f.severity, 0])
            row[0] += 1
            row[1] = max(row[1], f.severity)
            row[2] += bool(f.replacement)

    def finish(self) -> None:
        rows = sorted(self.counts.items(), key=lambda item: (-item[1][0], item[0]))
        width = max((len(str(n)) for n, _, _ in self.counts.values()), default=1)
        id_width = max((len(rule_id) for rule_id in self.counts), default=0)
        for rule_id, (count, severity, fixable) in rows:
            fix = f"  {fixable} fixable" if fixable else ""
            self.stream.write(clean(f"{count:>{width}}  {rule_id:<{id_width}}  "
                                    f"{severity.label:<10}{fix}".rstrip()) + "\n")
        total = sum(n for n, _, _ in self.counts.values())
        self.stream.write(f"{total} finding{'s' if total != 1 else ''} from "
                          f"{len(self.counts)} rule{'s' if len(self.counts) != 1 else ''}\n")
        if self.run_outcome is not None:
            self.stream.write(clean(self.run_outcome[0]) + "\n")
