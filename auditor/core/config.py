"""Configuration: defaults, then the nearest config file, then command-line flags.

Discovery walks up from the working directory and takes the first `.auditor.toml` with an
`[auditor]` table or `pyproject.toml` with a `[tool.auditor]` table (files without our
section are skipped, as ruff does). Unknown keys are errors.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..util.safeio import read_regular
from .errors import ConfigError
from .findings import Severity
from .settings import FILE_KEYS, Settings

GRAMMAR_MODES = ("auto", "local", "off", "public")
SEVERITIES = tuple(s.label for s in Severity)
FAIL_ON = SEVERITIES + ("never",)
FAIL_ON_VERDICT = ("review", "spun", "never")
MAX_CONFIG_BYTES = 4 * 1024 * 1024


# The one settings object (defaults < config file < command line): see auditor.core.settings.
Config = Settings


def to_toml(config: Config) -> str:
    """The settings as an `[auditor]` table that `load` reads back to the same settings (for
    `auditor config`: paste it into .auditor.toml, or under [tool.auditor] in
    pyproject.toml). Unset optional values are comments."""
    lines = ["[auditor]"]
    for key, value in config.as_dict().items():
        if key == "source":
            continue
        if value is None:
            lines.append(f"# {key} = (not set)")
        elif isinstance(value, (list, tuple)):
            lines.append(f"{key} = [{', '.join(_toml_string(v) for v in value)}]")
        elif isinstance(value, Severity):
            lines.append(f"{key} = {_toml_string(value.label)}")
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, (int, float)):
            lines.append(f"{key} = {value!r}")
        else:
            lines.append(f"{key} = {_toml_string(str(value))}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string; control, format and line-separator characters escaped (also
    keeps the terminal safe)."""
    import unicodedata

    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def discover(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in (".auditor.toml", "pyproject.toml"):
            path = folder / name
            if path.is_file() and _section(path) is not None:
                return path
    return None


def repository_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds `.git` (a folder, or a file in a
    worktree or submodule); None outside any repository."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


# Settings that reach beyond auditor: where document text is sent, and what code-like data
# (rule packs) is loaded. A config file nobody in this repository wrote must not set them
# silently.
REACHING_KEYS = ("languagetool_url", "rules")


def outside_warning(config: Config, start: Path | None = None) -> str | None:
    """A warning when `config` came from a file found outside the repository that holds
    `start` (walking up past its root, or with no repository at all) and sets a LanguageTool
    URL or rule packs; None otherwise."""
    if config.source is None:
        return None
    reaching = [key for key in REACHING_KEYS if getattr(config, key)]
    if not reaching:
        return None
    root = repository_root(start)
    folder = Path(config.source).resolve().parent
    if root is not None and (folder == root or root in folder.parents):
        return None
    where = (f"outside the repository root {root}" if root is not None
             else "and the working directory is in no repository")
    values = [f"languagetool_url = {config.languagetool_url}" if key == "languagetool_url"
              else f"rules = {', '.join(config.rules)}" for key in reaching]
    return (f"config file {config.source} was found by walking up from the working directory "
            f"{where}; it sets {'; '.join(values)}. Check that you trust it, or pass "
            "--isolated to ignore config files")


def load(path: Path | None) -> Config:
    if path is None:
        return Config()
    table = _section(path)
    if table is None:
        raise ConfigError(f"{path}: no [auditor] (or [tool.auditor] in pyproject.toml) table")
    known = set(FILE_KEYS)  # the run-only settings (families, ...) are not here
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)} "
                          f"(allowed: {', '.join(sorted(known))})")
    values = dict(table)
    for key in ("rules", "disable", "formats", "exclude", "extend_exclude", "include"):
        if key in values:
            if not isinstance(values[key], list) or not all(isinstance(v, str) for v in values[key]):
                raise ConfigError(f"{path}: '{key}' must be a list of strings")
            values[key] = tuple(values[key])
    if "rules" in values:  # rule folders are relative to the config file
        values["rules"] = tuple(str((path.parent / r).resolve()) for r in values["rules"])
    if "baseline" in values:  # so is the baseline file (as ruff resolves its paths)
        if not isinstance(values["baseline"], str) or not values["baseline"].strip():
            raise ConfigError(f"{path}: 'baseline' must be the path of a baseline file")
        values["baseline"] = str((path.parent / values["baseline"]).resolve())
    if "min_severity" in values and values["min_severity"] not in SEVERITIES:
        raise ConfigError(f"{path}: min_severity must be one of {', '.join(SEVERITIES)}")
    config = replace(Config(), **values, source=str(path))
    validate(config, str(path))
    return config


def validate(config: Config, where: str) -> None:
    if config.fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail_on must be one of {', '.join(FAIL_ON)}")
    if config.fail_on_verdict not in FAIL_ON_VERDICT:
        raise ConfigError(f"{where}: fail_on_verdict must be one of {', '.join(FAIL_ON_VERDICT)}")
    if config.grammar not in GRAMMAR_MODES:
        raise ConfigError(f"{where}: grammar must be one of {', '.join(GRAMMAR_MODES)}")
    for key in ("readability", "force_exclude", "respect_gitignore"):
        if not isinstance(getattr(config, key), bool):
            raise ConfigError(f"{where}: {key} must be true or false")
    from ..inputs import FORMATS
    unknown = [f for f in config.formats if f not in FORMATS]
    if unknown:
        raise ConfigError(f"{where}: unknown format(s) {', '.join(unknown)} in formats "
                          f"(choose from {', '.join(FORMATS)})")
    budget = config.time_budget
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not budget >= 0:
        raise ConfigError(f"{where}: time_budget must be a number of seconds per 10,000 words "
                          "(0 for no limit)")


def _section(path: Path) -> dict | None:
    # imported here: most runs find no config file and need no TOML parser
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(read_regular(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("auditor")
    return data.get("auditor")
