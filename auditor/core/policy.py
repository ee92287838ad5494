"""The exit-code policy: when does a run fail, and the one line that says why.

Two policies, which a team can use alone or together:

- by finding severity (`--fail-on`, default `error`): the run fails when a reported finding
  is at or above it, whatever the document's verdict (an `error` finding always makes a
  document at least `review`; a `warning` can sit in a `clean` one);
- by verdict (`--fail-on-verdict review|spun`): the run fails when a document's verdict is at
  or above it. A document that could not be audited (verdict `error`) fails this policy too;
  an empty one never does.

Choosing `--fail-on-verdict` on the command line without `--fail-on` switches the severity
policy off (the verdict decides); give both to use both. Suppressed and baselined findings
count in neither.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Severity

FAIL_ON_VERDICT = ("review", "spun", "never")
# Verdicts in the order the verdict policy compares them; `empty` never fails.
_RANK = {"clean": 0, "review": 1, "spun": 2, "error": 3}


def _value(verdict) -> str:
    return str(getattr(verdict, "value", verdict))


@dataclass
class Policy:
    fail_on: Severity | None = Severity.ERROR
    fail_on_verdict: str | None = None  # "review" | "spun" | None

    @classmethod
    def from_settings(cls, fail_on: str, fail_on_verdict: str | None) -> "Policy":
        return cls(None if fail_on == "never" else Severity.parse(fail_on),
                   None if fail_on_verdict in (None, "never") else fail_on_verdict)

    def failing_findings(self, result) -> int:
        if self.fail_on is None:
            return 0
        return sum(1 for f in result.findings if f.severity >= self.fail_on)

    def fails_by_verdict(self, result) -> bool:
        if self.fail_on_verdict is None:
            return False
        return _RANK.get(_value(result.verdict), -1) >= _RANK[self.fail_on_verdict]


@dataclass
class _Verdict:
    verdict: object


@dataclass
class Tally:
    """Counts what fails, document by document; `summary()` is the run's last line."""

    policy: Policy
    documents: int = 0
    findings: int = 0  # findings at or above --fail-on
    finding_files: int = 0
    by_verdict: dict = field(default_factory=dict)  # failing verdict -> documents

    def add(self, result) -> bool:
        """Count one result; whether it fails the run."""
        self.documents += 1
        n = self.policy.failing_findings(result)
        self.findings += n
        self.finding_files += bool(n)
        verdict = self.policy.fails_by_verdict(result)
        if verdict:
            name = _value(result.verdict)
            self.by_verdict[name] = self.by_verdict.get(name, 0) + 1
        return bool(n) or verdict

    def family(self, verdict, verdict_with_family) -> bool:
        """Count a family member whose verdict its family raised (auditor.core.scoring.
        family_verdicts) when the raised verdict fails the verdict policy and its own did not:
        the exit code sees the verdict every format shows. Whether it newly fails the run."""
        own = self.policy.fails_by_verdict(_Verdict(verdict))
        if own or not self.policy.fails_by_verdict(_Verdict(verdict_with_family)):
            return False
        name = _value(verdict_with_family)
        self.by_verdict[name] = self.by_verdict.get(name, 0) + 1
        return True

    @property
    def failed(self) -> bool:
        return bool(self.findings or self.by_verdict)

    def summary(self) -> str:
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        if not self.failed:
            return f"passed: {docs}, {self._rules()}"
        reasons = []
        if self.findings:
            reasons.append(f"{self.findings} finding{'s' if self.findings != 1 else ''} at or "
                           f"above {self.policy.fail_on.label} in {self.finding_files} of "
                           f"{docs} (--fail-on {self.policy.fail_on.label})")
        if self.by_verdict:
            counts = ", ".join(f"{n} {v}" for v, n in sorted(
                self.by_verdict.items(), key=lambda item: _RANK[item[0]]))
            reasons.append(f"{counts} of {docs} at or above verdict "
                           f"{self.policy.fail_on_verdict} (--fail-on-verdict "
                           f"{self.policy.fail_on_verdict})")
        return "failed: " + "; ".join(reasons)

    def _rules(self) -> str:
        parts = []
        if self.policy.fail_on is not None:
            parts.append(f"no finding at or above {self.policy.fail_on.label}")
        if self.policy.fail_on_verdict is not None:
            parts.append(f"no verdict at or above {self.policy.fail_on_verdict}")
        return " and ".join(parts) or "nothing fails the run (--fail-on never)"
