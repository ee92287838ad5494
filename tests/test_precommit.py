"""The pre-commit hook (.pre-commit-hooks.yaml) run by the real `pre-commit` tool.

The end-to-end tests use `pre-commit try-repo`, the command pre-commit documents for
trying a hook repository before tagging it. They run it in a temporary git repository (the
"user project") that holds one clean and one spun file, once per file: the hook must fail
on the spun file and pass on the clean one.

try-repo clones a repository at a commit, so the session fixture commits a snapshot of the
working tree (tracked and untracked files, not ignored ones) to a temporary repository and
passes that commit with `--ref`: this tests the tree as it is on disk, uncommitted changes
included (try-repo's own handling of a dirty tree would leave untracked files out).

Cost: try-repo builds the hook environment (a virtualenv, `pip install .` with spaCy and
its dependencies, which needs PyPI or PIP_FIND_LINKS / PIP_INDEX_URL) in a throwaway store
on every call: `Store(tempdir)` in pre_commit/commands/try_repo.py ignores PRE_COMMIT_HOME.
So the two calls mean two installs; pip's wheel cache makes the second one faster.
PRE_COMMIT_HOME still points at a temporary folder, which is where pre-commit writes its
error log (and keeps the user's ~/.cache/pre-commit out of it).
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from auditor.inputs.document import SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
TRY_REPO_TIMEOUT = 900  # seconds per call: a fresh virtualenv with spaCy, then the hook run

SPUN = ("Peer groups can promote a sense of neighborhood. The searchings for suggest that "
        "counterfeit consciousness and profound learning help.\n")
CLEAN = ("Peer support groups let people meet others with similar experiences. Members often "
         "say that the meetings give them a sense of community and practical advice.\n")


def _git_env() -> dict[str, str]:
    # Drop GIT_DIR, GIT_INDEX_FILE, ... that a surrounding git hook may have set.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="auditor tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
               GIT_COMMITTER_NAME="auditor tests", GIT_COMMITTER_EMAIL="tests@example.invalid")
    return env


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                           *args], cwd=cwd, env=env or _git_env(), check=True,
                          capture_output=True, text=True).stdout


def _snapshot(dest: Path) -> str:
    """Commit the working tree's files (tracked and untracked, not ignored) to a new repo."""
    try:
        listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                      env=dict(os.environ))
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"{ROOT} is not a git checkout: {exc.stderr.strip()}")
    _git(dest, "init", "-q")
    for name in sorted(set(filter(None, listed.split("\0")))):
        parts = Path(name).parts
        if "__pycache__" in parts or any(p.endswith(".egg-info") for p in parts):
            continue
        source = ROOT / name
        if source.is_file():  # tracked files deleted in the working tree are left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot of the working tree for test_precommit")
    return _git(dest, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def try_repo(tmp_path_factory):
    """A user project holding spun.txt and clean.md; returns a `pre-commit try-repo` runner."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install .[test])")
    base = tmp_path_factory.mktemp("precommit")
    source, project, home = base / "auditor-src", base / "project", base / "home"
    for folder in (source, project, home):
        folder.mkdir()
    rev = _snapshot(source)

    (project / "spun.txt").write_text(SPUN, encoding="utf-8")
    (project / "clean.md").write_text(CLEAN, encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")

    env = dict(_git_env(), PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")

    def run(filename: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(source), "auditor",
             "--ref", rev, "--files", filename, "--verbose"],
            cwd=project, env=env, capture_output=True, text=True, timeout=TRY_REPO_TIMEOUT)
        output = result.stdout + result.stderr
        if "An unexpected error has occurred" in output or "An error has occurred" in output:
            # pre-commit itself failed (most likely building the environment), not the hook.
            log = home / "pre-commit.log"
            pytest.fail("pre-commit try-repo failed before the hook ran (building the hook "
                        "environment needs PyPI or PIP_FIND_LINKS):\n" + output[-8000:]
                        + (log.read_text(encoding="utf-8")[-4000:] if log.exists() else ""))
        return result

    return run


def test_manifest_is_valid():
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install .[test])")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                             str(MANIFEST)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_files_pattern_matches_auditor_suffixes():
    (entry,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    pattern = re.compile(entry["files"])
    for suffix in SUFFIXES:
        assert pattern.search(f"docs/page{suffix}"), suffix
        assert pattern.search(f"README{suffix.upper()}"), suffix
    for name in ("setup.py", "notes.txt.bak", "data.json", "page.rst.orig", "data.xml"):
        assert not pattern.search(name), name
    assert entry["args"][:2] == ["--grammar", "off"]  # a bare YAML `off` would load as False


def test_try_repo_fails_on_spun_file(try_repo):
    result = try_repo("spun.txt")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Failed" in output, output
    assert "exit code: 1" in output, output  # findings (ExitCode.FINDINGS), not a crash
    assert "spun.txt" in output, output  # the hook's report names the file
    assert re.search(r"searchings|counterfeit|profound", output), output  # a flagged swap


def test_try_repo_passes_on_clean_file(try_repo):
    result = try_repo("clean.md")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output, output
