"""The pre-commit hook with the team options (--fail-on-verdict, --baseline, exclusions, which
the hook's entry applies to the files pre-commit names with --force-exclude), run by the real
`pre-commit` from a user's .pre-commit-config.yaml.

The hook repository is a snapshot commit of the working tree (tests/test_precommit.py's
`_snapshot`); the user project points at it by path, as any git URL. Unlike `try-repo`,
`pre-commit run` keeps the hook environment in PRE_COMMIT_HOME, so the two runs below build
it once (a virtualenv with auditor and spaCy: PyPI or PIP_FIND_LINKS is needed)."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_precommit import TRY_REPO_TIMEOUT, _git, _git_env, _snapshot

ROOT = Path(__file__).resolve().parents[1]
SPUN_SAMPLE = ROOT / "samples" / "000_020f8dbaab73f97c.txt"
ONE_ERROR = ("Peer groups meet every week in the library. Members talk about their week, "
             "share advice and plan the next outing together. It fosters a sense of "
             "neighborhood.\n")
ACCEPTED = "Our old page said that the groups give a sense of neighborhood.\n"
NEW = "\nThe searchings for suggest that counterfeit consciousness grows.\n"
HOOK_ARGS = '[--grammar, "off", --no-readability, --no-text'
CONFIG = """repos:
  - repo: {source}
    rev: {rev}
    hooks:
      - id: auditor
        alias: by-verdict
        name: auditor by verdict
        files: ^verdict/
        args: {args}, --fail-on-verdict, spun]
      - id: auditor
        alias: baselined
        name: auditor with baseline
        files: ^baselined/
        args: {args}, --baseline, .auditor-baseline.json]
      - id: auditor
        alias: excluded
        name: auditor with exclusions
        files: ^vendor/
        args: {args}, --extend-exclude, vendor]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install .[test])")
    base = tmp_path_factory.mktemp("precommit-options")
    source, project, home = base / "auditor-src", base / "project", base / "home"
    for folder in (source, project, home):
        folder.mkdir()
    rev = _snapshot(source)
    for name, text in (("verdict/one_error.md", ONE_ERROR), ("baselined/old.md", ACCEPTED),
                       ("vendor/copied.txt", SPUN_SAMPLE.read_text(encoding="utf-8"))):
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / ".pre-commit-config.yaml").write_text(
        CONFIG.format(source=source, rev=rev, args=HOOK_ARGS), encoding="utf-8")
    written = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--grammar", "off", "--no-readability",
         "--write-baseline", ".auditor-baseline.json", "baselined"],
        cwd=project, capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    env = dict(_git_env(), PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")

    def run() -> subprocess.CompletedProcess:
        _git(project, "add", "-A")
        result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files",
                                 "--verbose"], cwd=project, env=env, capture_output=True,
                                text=True, timeout=TRY_REPO_TIMEOUT)
        output = result.stdout + result.stderr
        if "An unexpected error has occurred" in output or "An error has occurred" in output:
            log = home / "pre-commit.log"
            pytest.fail("pre-commit failed before the hook ran (building the hook environment "
                        "needs PyPI or PIP_FIND_LINKS):\n" + output[-8000:]
                        + (log.read_text(encoding="utf-8")[-4000:] if log.exists() else ""))
        return result

    return project, run


def _status(output: str, name: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith(name + "."))
    return line.rsplit(".", 1)[-1].strip()


def test_team_options_through_pre_commit(project):
    folder, run = project
    result = run()
    output = result.stdout + result.stderr
    # a `review` document passes the verdict policy; the recorded finding is accepted; the
    # vendored copy is excluded although pre-commit names it
    assert result.returncode == 0, output
    assert _status(output, "auditor by verdict") == "Passed", output
    assert _status(output, "auditor with baseline") == "Passed", output
    assert _status(output, "auditor with exclusions") == "Passed", output

    shutil.copy(SPUN_SAMPLE, folder / "verdict" / "spun.txt")
    with open(folder / "baselined" / "old.md", "a", encoding="utf-8") as fh:
        fh.write(NEW)
    result = run()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert _status(output, "auditor by verdict") == "Failed", output
    assert "at or above verdict spun (--fail-on-verdict spun)" in output
    assert _status(output, "auditor with baseline") == "Failed", output
    assert "searchings" in output  # the new finding is reported
    assert _status(output, "auditor with exclusions") == "Passed", output
