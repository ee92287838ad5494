"""The exit-code policy (auditor.core.policy): by finding severity, by verdict, and the summary."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core.errors import ExitCode
from auditor.core.findings import Finding, Severity
from auditor.core.policy import Policy, Tally
from auditor.core.results import DocumentResult

ROOT = Path(__file__).resolve().parent.parent
SPUN_SAMPLE = ROOT / "samples" / "000_020f8dbaab73f97c.txt"
# one error-level swap in an otherwise ordinary paragraph: verdict review, never spun
ONE_ERROR = ("Peer groups meet every week in the library. Members talk about their week, "
             "share advice and plan the next outing together. It fosters a sense of "
             "neighborhood.\n")
OPTS = ["--grammar", "off", "--no-readability", "--time-budget", "0", "--format", "json"]


def result(verdict: str, *severities: Severity) -> DocumentResult:
    findings = [Finding("x.y", "swap", s, 0, 1, "a", "m") for s in severities]
    return DocumentResult(path="p", document=None, verdict=verdict, findings=findings)


def test_severity_policy_counts_findings_whatever_the_verdict():
    tally = Tally(Policy.from_settings("warning", "never"))
    assert tally.add(result("clean", Severity.WARNING))
    assert not tally.add(result("spun", Severity.SUGGESTION))
    assert tally.summary() == ("failed: 1 finding at or above warning in 1 of 2 documents "
                               "(--fail-on warning)")


def test_verdict_policy_counts_verdicts():
    tally = Tally(Policy.from_settings("never", "review"))
    assert not tally.add(result("clean", Severity.ERROR))
    assert tally.add(result("review"))
    assert tally.add(result("spun"))
    assert tally.add(result("error"))  # not audited: fails
    assert not tally.add(result("empty"))
    assert tally.summary() == ("failed: 1 review, 1 spun, 1 error of 5 documents at or above "
                               "verdict review (--fail-on-verdict review)")


def test_passing_summary_names_the_policy():
    tally = Tally(Policy.from_settings("error", "spun"))
    tally.add(result("review", Severity.WARNING))
    assert not tally.failed
    assert tally.summary() == ("passed: 1 document, no finding at or above error and no "
                               "verdict at or above spun")


@pytest.fixture
def one_error(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(ONE_ERROR, encoding="utf-8")
    return path


def test_cli_default_fails_on_error_finding_and_says_why(one_error, capsys):
    assert main(["check", *OPTS, str(one_error)]) == ExitCode.FINDINGS
    err = capsys.readouterr().err
    assert "auditor: failed: 1 finding at or above error in 1 of 1 document" in err


def test_cli_verdict_policy_replaces_the_severity_policy(one_error, capsys):
    assert main(["check", *OPTS, "--fail-on-verdict", "spun", str(one_error)]) == ExitCode.OK
    assert main(["check", *OPTS, "--fail-on-verdict", "review", str(one_error)]) \
        == ExitCode.FINDINGS
    assert "at or above verdict review (--fail-on-verdict review)" in capsys.readouterr().err
    assert main(["check", *OPTS, "--fail-on-verdict", "spun", str(SPUN_SAMPLE)]) \
        == ExitCode.FINDINGS
    # both, when both are given
    assert main(["check", *OPTS, "--fail-on-verdict", "spun", "--fail-on", "error",
                 str(one_error)]) == ExitCode.FINDINGS


def test_config_fail_on_verdict(one_error, tmp_path, capsys, monkeypatch):
    (tmp_path / ".auditor.toml").write_text(
        '[auditor]\nfail_on = "never"\nfail_on_verdict = "spun"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", *OPTS, str(one_error)]) == ExitCode.OK
    (tmp_path / ".auditor.toml").write_text('[auditor]\nfail_on_verdict = "bad"\n',
                                            encoding="utf-8")
    assert main(["check", *OPTS, str(one_error)]) == ExitCode.USAGE
    assert "fail_on_verdict must be one of" in capsys.readouterr().err


def test_html_header_says_the_run_failed(tmp_path, capsys):
    path = tmp_path / "w.txt"
    path.write_text("It offers peer assistance to all.\n", encoding="utf-8")  # one error
    out = tmp_path / "report.html"
    code = main(["check", "--grammar", "off", "--no-readability", "--time-budget", "0",
                 "--fail-on", "warning", "-f", "html", "-o", str(out), str(path)])
    html = out.read_text(encoding="utf-8")
    assert code == ExitCode.FINDINGS
    assert ('class="outcome v-error">failed: 1 finding at or above warning in 1 of 1 '
            'document') in html
    code = main(["check", "--grammar", "off", "--no-readability", "--time-budget", "0",
                 "--fail-on", "never", "-f", "html", "-o", str(out), str(path)])
    assert code == ExitCode.OK
    assert 'class="outcome v-clean">passed: 1 document' in out.read_text(encoding="utf-8")
