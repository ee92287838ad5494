"""File selection (auditor.inputs.selection): ignore files, default exclusions, patterns."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core.errors import ExitCode
from auditor.inputs import document
from auditor.inputs.selection import DEFAULT_EXCLUDE, Patterns, Selector

FILES = ["top.txt", "docs/a.md", "docs/gen/b.md", "docs/keep.md", "node_modules/x/c.md",
         "build/d.md", "dist/e.md", "venv/lib/f.md", ".hidden/g.md", "sub/h.txt", "sub/i.txt",
         "sub/deep/j.txt", "notes.log.txt"]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("It fosters a sense of neighborhood.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("docs/gen/\n*.log.txt\n", encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("*.txt\n!i.txt\n", encoding="utf-8")
    (tmp_path / ".auditorignore").write_text("docs/keep.md\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(args, selector=None) -> list[str]:
    return [Path(p).as_posix() for p in document.iter_paths(args, None, selector)]


def test_defaults_skip_ignored_dependency_build_venv_and_hidden(tree):
    assert found(["."]) == ["top.txt", "docs/a.md", "sub/i.txt"]


def test_nested_gitignore_and_negation(tree):
    assert "sub/i.txt" in found(["sub"]) and "sub/h.txt" not in found(["sub"])
    assert found(["sub"]) == ["sub/i.txt"]  # deep/j.txt: *.txt in sub/.gitignore


def test_gitignore_of_the_repository_applies_to_a_subfolder(tree):
    assert found(["docs"]) == ["docs/a.md"]


def test_no_respect_gitignore_keeps_auditorignore(tree):
    paths = found(["."], Selector(respect_gitignore=False))
    assert "docs/gen/b.md" in paths and "sub/h.txt" in paths and "notes.log.txt" in paths
    assert "docs/keep.md" not in paths and "build/d.md" not in paths


def test_exclude_replaces_the_defaults_extend_adds(tree):
    paths = found(["."], Selector(exclude=(Patterns(("node_modules",), "."),)))
    assert "build/d.md" in paths and "dist/e.md" in paths and ".hidden/g.md" in paths
    assert "node_modules/x/c.md" not in paths and "venv/lib/f.md" not in paths  # a venv, always
    paths = found(["."], Selector(exclude=(Patterns(DEFAULT_EXCLUDE, "."),
                                           Patterns(("docs/*.md",), "."))))
    assert paths == ["top.txt", "sub/i.txt"]


def test_include_narrows_folders_but_named_files_are_kept(tree):
    selector = Selector(include=(Patterns(("*.md",), "."),))
    assert found(["."], selector) == ["docs/a.md"]
    assert found(["top.txt", "build/d.md"], selector) == ["top.txt", "build/d.md"]


def test_a_folder_named_explicitly_is_searched(tree):
    assert found(["build"]) == ["build/d.md"]


def test_force_exclude_applies_to_named_files(tree):
    selector = Selector(force_exclude=True)
    assert found(["build/d.md", "docs/gen/b.md", "sub/h.txt", "docs/a.md"], selector) \
        == ["docs/a.md"]
    assert selector.named_skipped == 3


def _paths(capsys) -> list[str]:
    out = capsys.readouterr().out
    return [Path(d["path"]).as_posix() for d in json.loads(out)["documents"]]


OPTS = ["check", "--format", "json", "--grammar", "off", "--no-readability", "--time-budget", "0"]


def test_cli_patterns(tree, capsys):
    main([*OPTS, ".", "--extend-exclude", "sub,docs"])
    assert _paths(capsys) == ["top.txt"]
    main([*OPTS, ".", "--exclude", "docs", "--include", "*.md"])
    # --exclude replaced the defaults: hidden, build, dist and node_modules are searched
    assert _paths(capsys) == [".hidden/g.md", "build/d.md", "dist/e.md", "node_modules/x/c.md"]


def test_cli_force_exclude_with_only_excluded_files_exits_0(tree, capsys):
    code = main([*OPTS, "--force-exclude", "build/d.md"])
    assert code == ExitCode.OK
    assert "every file named is excluded" in capsys.readouterr().err
    code = main([*OPTS, "build/d.md"])  # named without --force-exclude: audited
    assert code == ExitCode.FINDINGS and _paths(capsys) == ["build/d.md"]


def test_config_patterns_are_relative_to_the_config_file(tree, capsys):
    (tree / ".auditor.toml").write_text(
        '[auditor]\nextend_exclude = ["/docs"]\ninclude = ["*.txt"]\n', encoding="utf-8")
    os.chdir(tree / "sub")
    main([*OPTS, ".."])
    assert _paths(capsys) == ["../top.txt", "../sub/i.txt"]
    (tree / ".auditor.toml").write_text('[auditor]\nexclude = "build"\n', encoding="utf-8")
    assert main([*OPTS, ".."]) == ExitCode.USAGE
    assert "'exclude' must be a list of strings" in capsys.readouterr().err
