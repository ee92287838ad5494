"""The one settings object of a run: built from the defaults, then the config file (auditor.
config.load), then the command line (auditor.cli), and read by the runner, the workers and the
reporters alike. `auditor.core.config.Config` and `auditor.core.runner.Options` are this class (the
names older code and the public API use).

Keys in FILE_KEYS may be set in a config file and print in `auditor config`; the others
describe one run (its inputs, the loaded baseline, families) and come from the command line
only.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..inputs.selection import DEFAULT_EXCLUDE
from ..util.timebudget import DEFAULT_SECONDS_PER_10K_WORDS
from .findings import Severity


@dataclass(frozen=True)
class Settings:
    # --- settable in a config file (and on the command line) ---
    fail_on: str = "error"  # suggestion | warning | error | never (auditor.core.policy)
    fail_on_verdict: str = "never"  # review | spun | never (auditor.core.policy)
    # findings below this are not reported (they still weigh in the verdict); a label such
    # as "warning" is accepted and stored as a Severity
    min_severity: Severity = Severity.WARNING
    grammar: str = "auto"
    languagetool_url: str | None = None
    spacy_model: str | None = None
    rules: tuple[str, ...] = ()  # folders of rule packs added to the default lexicon
    disable: tuple[str, ...] = ()  # rule ids or id prefixes ("idiom", "idiom.safe-space")
    readability: bool = True
    # seconds per 10,000 words a document may take (auditor.util.timebudget); 0 or None: no limit
    time_budget: float | None = DEFAULT_SECONDS_PER_10K_WORDS
    # file selection (auditor.inputs.selection): gitignore-style patterns relative to the
    # config file
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    formats: tuple[str, ...] = ()  # input formats folders are searched for; (): all
    # a baseline file (auditor.core.baseline); from a config file, resolved against its folder;
    # --baseline replaces it
    baseline: str | None = None
    # --- one run's, from the command line ---
    families: bool = False  # compute each document's MinHash signature (auditor.families.batch)
    input_format: str | None = None  # the input format of every input; None: by suffix
    stdin_filename: str | None = None  # its suffix gives standard input's format
    report_unused_suppressions: bool = False  # auditor.core.suppressions
    # the `baseline` file as loaded: an auditor.core.baseline.Baseline
    baseline_data: object = field(default=None, compare=False)
    source: str | None = field(default=None, compare=False)  # the config file, if any

    def __post_init__(self) -> None:
        if not isinstance(self.min_severity, Severity):  # "warning" from TOML or argparse
            object.__setattr__(self, "min_severity", Severity.parse(str(self.min_severity)))

    def as_dict(self) -> dict:
        """The config-file keys and their values (what `auditor config` prints)."""
        return {key: getattr(self, key) for key in FILE_KEYS}


RUN_KEYS = ("families", "input_format", "stdin_filename", "report_unused_suppressions",
            "baseline_data", "source")
FILE_KEYS = tuple(f.name for f in fields(Settings) if f.name not in RUN_KEYS)
