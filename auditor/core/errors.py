"""Typed errors. Analysis raises these; only the CLI turns them into messages and exit codes."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 3
    INTERNAL = 4


class AuditorError(Exception):
    """Base class: `code` is the exit code the CLI uses, `str(err)` tells the user what to do."""

    code = ExitCode.INTERNAL


class UsageError(AuditorError):
    code = ExitCode.USAGE


class ConfigError(AuditorError):
    code = ExitCode.USAGE


class RulesError(AuditorError):
    """A rule pack is malformed. The message starts with `file:line:`."""

    code = ExitCode.USAGE


class OutputError(AuditorError):
    """The report cannot be written (refused target, full disk, no permission)."""

    code = ExitCode.USAGE


class PipelineError(AuditorError):
    """The spaCy pipeline could not be built (e.g. a named model is not installed)."""

    code = ExitCode.USAGE


class DocumentError(AuditorError):
    """One input file cannot be audited; the runner turns it into an `error` finding."""

    code = ExitCode.FINDINGS


class GrammarUnavailable(AuditorError):
    """LanguageTool cannot be used; the report says so and the audit goes on."""
