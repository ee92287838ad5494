"""The Dask engine's sources select files as the local engine does (auditor.inputs.selection):
config-file and command-line patterns, ignore files and input formats, for local folders
and file:// URLs; web archives in a folder are found under the same selection."""
from __future__ import annotations

import pytest

pytest.importorskip("fsspec")

from auditor import cli, sources
from auditor.core.errors import ExitCode
from auditor.inputs import document

FILES = ["a.txt", "notes/b.md", "drafts/c.txt", "ignored.txt", "build/d.txt", "page.html"]
ARCHIVES = ["archive/crawl.warc.gz", "drafts/old.warc.gz", ".cache/x.warc"]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in FILES + ARCHIVES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("It fosters a sense of neighborhood.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (tmp_path / ".auditor.toml").write_text(
        '[auditor]\nextend_exclude = ["drafts"]\nformats = ["text", "markdown"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def selection(argv: list[str]):
    """The paths, selector and formats `auditor batch ARGV` builds (what dask_cli gives
    sources.plan, and the local engine document.iter_paths)."""
    args = cli.build_parser().parse_args(["batch", *argv])
    config = cli._effective_config(args)
    return args.paths, cli._selector(config, args), config.formats or None


def planned(argv: list[str]) -> list[str]:
    paths, selector, formats = selection(argv)
    refs = []
    for part in sources.plan(paths, 2, selector=selector, formats=formats):
        refs += [r.path for r in part.refs] + ([part.warc] if part.warc else [])
    return refs


def local_engine(argv: list[str]) -> list[str]:
    paths, selector, formats = selection(argv)
    return list(document.iter_paths(paths, formats, selector))


def test_folder_selection_equals_the_local_engines(tree):
    local = local_engine(["."])
    assert sorted(local) == ["a.txt", "notes/b.md"]  # config: drafts, formats; .gitignore
    assert planned(["."]) == local + ["archive/crawl.warc.gz"]
    url = "file://" + str(tree)
    assert planned([url]) == [f"{url}/{p}" for p in local + ["archive/crawl.warc.gz"]]
    # command-line patterns combine with the config's as in the local engine
    argv = [".", "--extend-exclude", "notes,archive", "--no-respect-gitignore"]
    assert planned(argv) == local_engine(argv) == ["a.txt", "ignored.txt"]
    # --exclude replaces the default exclusions (build/ is searched); the config's
    # extend_exclude (drafts/) still applies; --include drops the web archive
    argv = [".", "--exclude", "notes", "--include", "*.md,*.txt"]
    assert planned(argv) == local_engine(argv) == ["a.txt", "build/d.txt"]
    argv[0] = url
    assert planned(argv) == [f"{url}/a.txt", f"{url}/build/d.txt"]


def test_named_files_and_force_exclude(tree, capsys):
    assert planned(["drafts/c.txt", "drafts/old.warc.gz"]) == ["drafts/c.txt",
                                                               "drafts/old.warc.gz"]
    assert planned(["--force-exclude", "drafts/c.txt", "a.txt"]) == ["a.txt"]
    code = cli.main(["batch", "--engine", "dask", "--force-exclude", "drafts/c.txt"])
    assert code == ExitCode.OK
    assert "every file named is excluded" in capsys.readouterr().err


def test_selection_options_with_an_object_store_are_refused(tree, capsys):
    code = cli.main(["batch", "memory://site", "a.txt", "--engine", "dask", "--exclude", "x"])
    assert code == ExitCode.USAGE
    assert ("--exclude select files in local folders and file:// URLs, not in memory://site"
            in capsys.readouterr().err)
