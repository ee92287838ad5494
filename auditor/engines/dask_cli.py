"""The command line's side of `auditor batch --engine dask`: options checked, reporter fed.

Called by `auditor.cli`; like the rest of the CLI it writes only through a reporter. With
`--format parquet` the workers write the documents and findings themselves (the reporter
writes the families); with the other formats each partition's results come back to this
process as it finishes and go to the reporter at once.
"""
from __future__ import annotations

import os
import sys

from ..core.errors import ExitCode, UsageError
from ..core.findings import Severity
from ..util.termsafe import clean


# Options of `check` and the local `batch` that the Dask engine does not apply: refused, so
# that nobody believes a file was fixed or a baseline written when it was not. (option,
# attribute, the value that means "not given")
UNSUPPORTED = (("--baseline", "baseline", None), ("--write-baseline", "write_baseline", None),
               ("--fix", "fix", False), ("--diff", "diff", False),
               ("--input-format", "input_format", None),
               ("--stdin-filename", "stdin_filename", None),
               ("--report-unused-suppressions", "report_unused_suppressions", False),
               ("--quiet", "quiet", False), ("--statistics", "statistics", False))


# File selection (auditor.inputs.selection) applies to local folders and file:// URLs, as
# with the local engine; an object store or web URL is listed by suffix only.
SELECTION = (("--exclude", "exclude", []), ("--extend-exclude", "extend_exclude", []),
             ("--include", "include", []), ("--force-exclude", "force_exclude", False),
             ("--no-respect-gitignore", "respect_gitignore", True))


def _given(args, options) -> list[str]:
    return [option for option, name, unset in options
            if getattr(args, name, unset) not in (unset, None)]


def _refuse_unsupported(args) -> None:
    from .. import sources

    given = _given(args, UNSUPPORTED)
    if given:
        raise UsageError(f"--engine dask does not apply {', '.join(given)} yet: run them with "
                         "the local engine (the default)")
    remote = [p for p in args.paths if sources.is_url(p) and not p.lower().startswith("file://")]
    given = _given(args, SELECTION)
    if given and remote:
        raise UsageError(f"{', '.join(given)} select files in local folders and file:// URLs, "
                         f"not in {remote[0]}: give the files to audit by name or glob")

def run(args) -> int:
    from .. import cli, sources
    from ..core.runner import Options
    from ..reporters import make_reporter
    from ..util.safeio import report_stream

    try:
        from . import dask_engine
    except ImportError as exc:
        raise UsageError(f"--engine dask needs the dask extra ({exc}); install it with "
                         "pip install \"auditor[dask]\"") from None
    _refuse_unsupported(args)
    parquet = args.format == "parquet"
    if parquet and not args.output:
        raise UsageError("--format parquet writes a folder of tables: give it with -o DIR")
    if args.resume and not parquet:
        raise UsageError("--resume continues a Parquet output: use it with --format parquet "
                         "-o DIR")
    jobs = args.jobs if args.jobs is not None else 2
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.partition_docs < 1:
        raise UsageError("--partition-docs must be at least 1")
    http_timeout = sources.http.TIMEOUT if args.http_timeout is None else args.http_timeout
    if not http_timeout > 0:
        raise UsageError("--http-timeout must be a number of seconds above 0")
    config = cli._effective_config(args)
    if config.baseline:  # as --baseline: refused rather than ignored
        raise UsageError(f"--engine dask does not apply a baseline yet (baseline = "
                         f"{config.baseline} in {config.source}): run it with the local engine, "
                         "or pass --isolated")
    options = Options(spacy_model=config.spacy_model, rules=config.rules, grammar=config.grammar,
                      languagetool_url=config.languagetool_url or os.environ.get(cli.ENV_URL)
                      or None, readability=config.readability, disable=config.disable,
                      min_severity=Severity.parse(config.min_severity),
                      families=cli._families_on(args), time_budget=None)
    from ..core.policy import Policy

    policy = Policy.from_settings(config.fail_on, config.fail_on_verdict)
    selector = cli._selector(config, args)
    partitions = sources.plan(args.paths, args.partition_docs, http_timeout, selector,
                              config.formats or None)
    if not partitions and selector.named_skipped:  # pre-commit named only excluded files
        print(clean(f"auditor: every file named is excluded (--force-exclude): "
                    f"{', '.join(args.paths)}"), file=sys.stderr)
        return ExitCode.OK
    if not partitions:
        raise UsageError("no documents found in " + ", ".join(args.paths))
    with report_stream(args.output if args.output and not parquet else None,
                       sys.stdout) as out:
        reporter = make_reporter(cli._format(args), out, color=cli._color(args),
                                 show_text=cli._show_text(args))
        reporter.rule_dirs = tuple(config.rules)
        if parquet:
            reporter.folder = args.output
            if args.resume:
                reporter.replace_families = True
        reporter.start(sum(len(p.refs) for p in partitions))
        tally = None
        for kind, item in dask_engine.run(
                partitions, options, scheduler=args.scheduler, workers=jobs,
                folder=args.output if parquet else None, resume=args.resume,
                threshold=args.family_threshold, policy=policy,
                http_timeout=http_timeout):
            if kind == "document":
                reporter.document(item)
            elif kind == "family":
                reporter.family(item)
            else:
                tally = item["tally"]
        reporter.outcome(tally.summary(), tally.failed)
        reporter.finish()
    if tally.failed:
        print(clean(f"auditor: {tally.summary()}"), file=sys.stderr)
    return ExitCode.FINDINGS if tally.failed else ExitCode.OK
