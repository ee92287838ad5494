"""Which files a folder gives: ignore files, default exclusions, exclude/include patterns.

Folders are searched with ruff's conventions:

- `.gitignore` files (the repository's, from its root down, nested ones included, and
  `.git/info/exclude`) and `.auditorignore` files (same syntax, anywhere) are respected,
  read with `pathspec`'s git-compatible matcher (negations, directory patterns, deeper files
  win). `respect_gitignore = false` / `--no-respect-gitignore` turns `.gitignore` off;
  `.auditorignore` always applies.
- `exclude` (default DEFAULT_EXCLUDE: hidden folders, `node_modules`, `build`, `dist`,
  `__pycache__`) is replaced by the config key or `--exclude`; `extend_exclude` /
  `--extend-exclude` add to it. A folder holding `pyvenv.cfg` (a virtual environment) is
  always skipped.
- `include`: when set, only files matching one of these patterns are taken from folders
  (still only files of a supported format).

Patterns are gitignore-style (gitwildmatch), relative to the folder of the config file that
sets them, or to the working directory for the command line. A file named explicitly on the
command line is audited even when a pattern excludes it, unless `force_exclude` /
`--force-exclude` (what pre-commit, which names every file, needs).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_EXCLUDE = (".*", "node_modules", "build", "dist", "__pycache__")
IGNORE_FILES = (".gitignore", ".auditorignore")


def _spec(lines):
    import pathspec  # imported when a folder is searched: a one-file check never needs it

    return pathspec.GitIgnoreSpec.from_lines(lines)


@dataclass(frozen=True)
class Patterns:
    """Gitignore-style patterns and the folder they are relative to."""

    patterns: tuple[str, ...]
    base: str

    def matches(self, path: Path, is_dir: bool) -> bool:
        if not self.patterns:
            return False
        return bool(entry_match(_compiled(self.patterns), _relative(path, Path(self.base)),
                                is_dir))


def entry_match(spec, rel: str, is_dir: bool) -> bool | None:
    """Whether `spec` matches this entry itself (True: excluded, False: re-included by a
    negation, None: no pattern). A match that only comes from a folder above it is not the
    entry's: the walk never enters such a folder unless it was named on the command line, and
    then its files are wanted (ruff and git's walkers judge each entry, not its parents)."""
    parts = rel.split("/")
    for i in range(1, len(parts)):
        if spec.check_file("/".join(parts[:i]) + "/").include:
            return None
    return spec.check_file(rel + "/" if is_dir else rel).include


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]):
    return _spec(patterns)


def _relative(path: Path, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(base)).as_posix()
    except ValueError:  # outside the base: match on the path as given
        return path.as_posix().lstrip("/")


@dataclass
class Selector:
    # exclude (or the defaults) and extend_exclude, each with the folder it is relative to
    exclude: tuple[Patterns, ...] = (Patterns(DEFAULT_EXCLUDE, "."),)
    include: tuple[Patterns, ...] = ()  # when any, folders give only files matching one
    respect_gitignore: bool = True
    force_exclude: bool = False
    named_skipped: int = 0  # files named on the command line that force_exclude skipped
    _ignores: dict = field(default_factory=dict, repr=False)

    def skip_dir(self, path: Path) -> bool:
        if (path / "pyvenv.cfg").is_file():
            return True
        return self._excluded(path, True) or self._ignored(path, True)

    def skip_file(self, path: Path) -> bool:
        if self._excluded(path, False) or self._ignored(path, False):
            return True
        includes = [p for p in self.include if p.patterns]
        return bool(includes) and not any(p.matches(path, False) for p in includes)

    def skip_named(self, path: Path) -> bool:
        """A file named on the command line: skipped only with force_exclude, when it or a
        folder above it (up to the working directory) is excluded or ignored."""
        if not self.force_exclude:
            return False
        skip = self.skip_file(path)
        top = Path.cwd()
        parent = Path(os.path.abspath(path)).parent
        while not skip and parent != top and top in parent.parents:
            skip = self._excluded(parent, True) or self._ignored(parent, True)
            parent = parent.parent
        self.named_skipped += skip
        return skip

    def _excluded(self, path: Path, is_dir: bool) -> bool:
        return any(p.matches(path, is_dir) for p in self.exclude)

    def _ignored(self, path: Path, is_dir: bool) -> bool:
        """What the ignore files of the folders above `path` say (the deepest decides)."""
        absolute = Path(os.path.abspath(path))
        for folder, spec in reversed(self._ignore_specs(absolute.parent)):
            result = entry_match(spec, absolute.relative_to(folder).as_posix(), is_dir)
            if result is not None:
                return result
        return False

    def _ignore_specs(self, folder: Path) -> list:
        """(folder, spec) for every folder from the repository root (or the filesystem
        root) down to `folder` that has ignore files; cached per folder."""
        cached = self._ignores.get(folder)
        if cached is not None:
            return cached
        parent = folder.parent
        above = [] if parent == folder or (folder / ".git").exists() \
            else self._ignore_specs(parent)
        lines = []
        names = IGNORE_FILES if self.respect_gitignore else (".auditorignore",)
        for name in names:
            lines += _read_lines(folder / name)
        if self.respect_gitignore and (folder / ".git").is_dir():
            lines += _read_lines(folder / ".git" / "info" / "exclude")
        specs = above + [(folder, _spec(lines))] if lines else above
        self._ignores[folder] = specs
        return specs


def _read_lines(path: Path) -> list[str]:
    try:
        from ..util.safeio import read_regular
        return read_regular(path, 1024 * 1024).decode("utf-8", errors="replace").splitlines()
    except OSError:
        return []
