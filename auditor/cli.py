"""Command line: `auditor check`, `auditor rules list|explain`. Only this module and the
reporters write to stdout/stderr."""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .core.config import (FAIL_ON, FAIL_ON_VERDICT, GRAMMAR_MODES, SEVERITIES, Config, discover,
                          outside_warning)
from .core.config import load as load_config
from .core.errors import AuditorError, ExitCode, UsageError
from .core.findings import Severity
from .reporters import FORMATS
from .util.termsafe import clean

ENV_URL = "AUDITOR_LANGUAGETOOL_URL"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Find synonym swaps left by article spinners, with grammar and readability.")
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="audit files, folders or standard input (-)")
    _add_check_arguments(check)
    batch = sub.add_parser(
        "batch", help="audit a folder like check, and find the spin families among its documents")
    _add_check_arguments(batch)
    _add_engine_arguments(batch)

    learn = sub.add_parser("learn", help="learn a reviewable rule pack from the spin families "
                                         "in a folder")
    learn.add_argument("paths", nargs="+", metavar="PATH")
    learn.add_argument("-o", "--output", required=True, metavar="OUT.yaml")
    learn.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    learn.add_argument("--family-threshold", type=_fraction, default=None, metavar="J")

    cfg = sub.add_parser("config", help="print the effective configuration")
    cfg.add_argument("--config", metavar="FILE", default=None)
    cfg.add_argument("--isolated", "--no-config", dest="no_config", action="store_true",
                     help="ignore config files")

    rules = sub.add_parser("rules", help="list or explain every rule auditor can emit")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    lst = rules_sub.add_parser("list", help="list rule ids with severity and original")
    lst.add_argument("--rules", action="append", default=[], metavar="DIR")
    pps = rules_sub.add_parser(
        "import-pps", help="convert a Problematic Paper Screener tortured-phrase CSV export "
                           "into a rule pack")
    pps.add_argument("csv", metavar="FILE")
    pps.add_argument("-o", "--output", required=True, metavar="OUT.yaml")
    pps.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    exp = rules_sub.add_parser("explain", help="show one rule: patterns, message, examples")
    exp.add_argument("rule_id")
    exp.add_argument("--rules", action="append", default=[], metavar="DIR")
    return parser


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not in (0, 1]")
    return value


def _add_check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help="files or folders (recursively: text, Markdown, HTML, "
                            "reStructuredText, .docx, PDF, JATS XML); - for stdin")
    from .inputs import FORMATS as INPUT_FORMATS
    check.add_argument("--input-format", choices=tuple(INPUT_FORMATS), default=None,
                       help="read every input as this format (default: by suffix; "
                            "standard input: by --stdin-filename, else text)")
    check.add_argument("--stdin-filename", metavar="NAME", default=None,
                       help="the name of standard input (its suffix gives its format)")
    check.add_argument("--format", "-f", choices=tuple(FORMATS), default="rich",
                       help="output format: " + "; ".join(f"{f.name}: {f.help}"
                                                          for f in FORMATS.values()))
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    check.add_argument("--force", action="store_true",
                       help="let -o write through a symbolic link (its target is replaced)")
    check.add_argument("--fail-on", default=None, choices=FAIL_ON,
                       help="exit 1 when a finding is at or above this severity (default: error)")
    check.add_argument("--fail-on-verdict", default=None, choices=FAIL_ON_VERDICT,
                       help="exit 1 when a document's verdict is at or above this (an "
                            "unreadable document fails too); without --fail-on, the verdict "
                            "alone decides")
    check.add_argument("--min-severity", default=None, choices=SEVERITIES,
                       help="report findings at or above this severity (default: warning; "
                            "'suggestion' adds the low-evidence ones)")
    check.add_argument("--grammar", choices=GRAMMAR_MODES, default=None,
                       help="LanguageTool: auto (URL, else an installed local server, else "
                            "unavailable), local, off, or public (sends text to languagetool.org)")
    check.add_argument("--languagetool-url", metavar="URL", default=None,
                       help=f"LanguageTool server URL (default: ${ENV_URL})")
    check.add_argument("--spacy-model", metavar="NAME", default=None,
                       help="use an installed trained spaCy pipeline (e.g. en_core_web_sm)")
    check.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="add the rule packs (*.yaml) in DIR to the default lexicon")
    check.add_argument("--disable", action="append", default=[], metavar="RULE",
                       help="skip a rule id or id prefix (e.g. idiom.safe-space, artefact)")
    check.add_argument("--config", metavar="FILE", default=None,
                       help="config file (default: nearest .auditor.toml or pyproject.toml "
                            "with [tool.auditor])")
    check.add_argument("--isolated", "--no-config", dest="no_config", action="store_true",
                       help="ignore config files (the defaults and the command line only)")
    check.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="worker processes (default: 1 for fewer than 8 files, else the "
                            "number of CPUs, at most 8)")
    check.add_argument("--families", action=argparse.BooleanOptionalAction, default=None,
                       help="group near-duplicate documents into spin families (default: "
                            "on for `batch`, off for `check`)")
    check.add_argument("--family-threshold", type=_fraction, default=None, metavar="J",
                       help="estimated Jaccard similarity (word pairs) that makes two "
                            "documents one family (default 0.2)")
    check.add_argument("--time-budget", type=float, default=None, metavar="SECONDS",
                       help="seconds per 10,000 words a document may take before it is reported "
                            "as an error (default 5, at least twice that per document; 0: no "
                            "limit)")
    pick = check.add_argument_group(
        "file selection", "folders skip what .gitignore and .auditorignore list, hidden folders, "
        "node_modules, build, dist and virtual environments; patterns are gitignore-style")
    pick.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                      help="skip matching files and folders, replacing the default and config "
                           "exclusions (repeatable, or comma-separated)")
    pick.add_argument("--extend-exclude", action="append", default=[], metavar="PATTERN",
                      help="skip matching files and folders, in addition to the exclusions")
    pick.add_argument("--include", action="append", default=[], metavar="PATTERN",
                      help="take only matching files from folders")
    pick.add_argument("--force-exclude", action="store_true",
                      help="apply the exclusions to files named on the command line too "
                           "(for pre-commit, which names every file)")
    pick.add_argument("--no-respect-gitignore", dest="respect_gitignore",
                      action="store_false", help="do not read .gitignore files")
    check.add_argument("--report-unused-suppressions", action="store_true",
                       help="report inline suppressions that matched no finding")
    base = check.add_mutually_exclusive_group()
    base.add_argument("--baseline", metavar="FILE", default=None,
                      help="ignore the findings recorded in FILE (see --write-baseline); new "
                           "findings are reported and fail as usual")
    base.add_argument("--write-baseline", metavar="FILE", default=None,
                      help="record every reported finding in FILE (JSON) and exit 0")
    fix = check.add_mutually_exclusive_group()
    fix.add_argument("--fix", action="store_true",
                     help="write the replacements of findings at or above --fix-severity into "
                          "the checked files (atomically; the report shows what remains)")
    fix.add_argument("--diff", action="store_true",
                     help="print those replacements as a unified diff instead of the report; "
                          "write nothing")
    check.add_argument("--fix-severity", default="error", choices=SEVERITIES,
                       help="the least severity whose replacements --fix and --diff apply "
                            "(default: error, the findings an editor would certainly change)")
    check.add_argument("--no-readability", action="store_true", help="skip readability scores")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colours in the rich report: auto (on a terminal, unless NO_COLOR "
                            "is set; FORCE_COLOR forces them), always, never")
    check.add_argument("--no-color", action="store_true", help="the same as --color never")
    check.add_argument("--quiet", "-q", action="store_true",
                       help="print only the findings and, when the run fails, why")
    check.add_argument("--statistics", action="store_true",
                       help="print how many findings each rule made instead of the report "
                            "(the same as --format statistics)")
    text = check.add_mutually_exclusive_group()
    text.add_argument("--show-text", action="store_true",
                      help="rich format: print each document's annotated text also when "
                           "several files are checked (the default for one file)")
    text.add_argument("--no-text", action="store_true",
                      help="do not print the annotated text, only the findings")


def _add_engine_arguments(batch: argparse.ArgumentParser) -> None:
    batch.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: worker processes on this machine (default); dask: a Dask "
                            "cluster (pip install \"auditor[dask]\"), also for URLs and WARC")
    batch.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                       help="--engine dask: the cluster's scheduler (default: a local cluster "
                            "of --jobs workers, 2 by default)")
    batch.add_argument("--resume", action="store_true",
                       help="--engine dask --format parquet: skip the documents already in "
                            "the -o folder (same path and content hash)")
    batch.add_argument("--partition-docs", type=int, default=100, metavar="N",
                       help="--engine dask: documents per task (default 100)")
    batch.add_argument("--http-timeout", type=float, default=None, metavar="SECONDS",
                       help="--engine dask: an http(s) source that sends nothing for this "
                            "long becomes an error for that document (default 30)")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        with _stdout_errors():
            return _run(args, parser)
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except AuditorError as exc:
        print(clean(f"auditor: {exc}"), file=sys.stderr)
        return int(exc.code)
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as exc:  # a bug: say so, and exit with the documented code
        import traceback
        traceback.print_exc()
        print(clean(f"auditor: internal error: {exc.__class__.__name__}: {exc} (please report "
                    "it with the traceback above)"), file=sys.stderr)
        return ExitCode.INTERNAL


def _run(args, parser) -> int:
    if args.command in ("check", "batch"):
        code = _check(args)
    elif args.command == "learn":
        code = _learn(args)
    elif args.command == "config":
        code = _show_config(args)
    elif args.command == "rules":
        code = _rules(args, parser)
    else:
        parser.print_help()
        code = ExitCode.USAGE
    sys.stdout.flush()  # a full disk shows at the last write, which may be this one
    return code


class _GuardedStdout:
    """sys.stdout while a command runs: a failed write (a full disk, `> /dev/full`) is an
    OutputError with the reason, not a traceback. A reader that went away (BrokenPipeError)
    passes through: `main` ends quietly then."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def _guarded(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            from .core.errors import OutputError
            raise OutputError(f"cannot write to standard output: {exc.strerror or exc}"
                              ) from None

    def write(self, text: str) -> int:
        return self._guarded(self._stream.write, text)

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextlib.contextmanager
def _stdout_errors():
    stdout = sys.stdout
    sys.stdout = _GuardedStdout(stdout)
    try:
        yield
    finally:
        sys.stdout = stdout


def _check(args) -> int:
    if getattr(args, "engine", "local") == "dask":
        from .engines import dask_cli
        return dask_cli.run(args)
    if getattr(args, "resume", False) or getattr(args, "scheduler", None) \
            or getattr(args, "http_timeout", None) is not None:
        raise UsageError("--resume, --scheduler and --http-timeout need --engine dask")
    from .inputs import document as documents
    from .reporters import make_reporter
    from .engines.parallel import audit_paths, default_jobs

    config = _effective_config(args)
    selector = _selector(config, args)
    paths = list(documents.iter_paths(args.paths, config.formats or None, selector))
    folder_output = _writes_folder(args.format)
    if folder_output and not args.output:
        raise UsageError(f"--format {args.format} writes a folder of tables: give it with -o DIR")
    report_target = _report_target(args.output, paths, args.force) \
        if args.output and not folder_output else None
    if not paths and selector.named_skipped:  # pre-commit named only excluded files
        print(clean(f"auditor: every file named is excluded (--force-exclude): "
                    f"{', '.join(args.paths)}"), file=sys.stderr)
        return ExitCode.OK
    if not paths:
        from .inputs import suffixes
        raise UsageError(f"no {' '.join(suffixes(config.formats or None))} files found in "
                         + ", ".join(args.paths))
    if args.fix and documents.STDIN in paths:
        raise UsageError("--fix cannot write standard input back; use --diff")
    jobs = args.jobs if args.jobs is not None else (1 if len(paths) < 8 else default_jobs())
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.time_budget is not None and not args.time_budget >= 0:
        raise UsageError("--time-budget must be a number of seconds, 0 for no limit")
    stdin_bytes = sys.stdin.buffer.read() if documents.STDIN in paths else None
    # --baseline replaces the config's; --write-baseline alone records every finding (the
    # config's baseline applied then would drop the accepted ones from the new file)
    baseline = args.baseline or (None if args.write_baseline else config.baseline)
    # the one settings object (auditor.core.settings): the config's, plus this run's own
    options = replace(config,
                      languagetool_url=config.languagetool_url or os.environ.get(ENV_URL) or None,
                      families=_families_on(args) and stdin_bytes is None and len(paths) > 1,
                      time_budget=config.time_budget or None,
                      input_format=args.input_format, stdin_filename=args.stdin_filename,
                      report_unused_suppressions=args.report_unused_suppressions,
                      baseline=baseline,
                      baseline_data=_load_baseline(baseline, None if args.baseline
                                                   else config.source))
    from .core.policy import Policy, Tally
    tally = Tally(Policy.from_settings(config.fail_on, config.fail_on_verdict))
    from .util.safeio import AtomicWriter, report_stream

    failed = False
    from collections import Counter

    from .core import baseline as baselines
    recorded = Counter() if args.write_baseline else None
    baseline_root = str(Path(args.write_baseline or ".").resolve().parent)
    texts: dict = {}
    # The report goes to a temporary file renamed over the target only when it is complete:
    # an interrupted or failed run leaves the previous report as it was.
    with report_stream(report_target, sys.stdout) as out:
        reporter = make_reporter(_format(args), out, color=_color(args),
                                 show_text=_show_text(args))
        if folder_output:
            reporter.folder = args.output
        reporter.rule_dirs = tuple(config.rules)  # formats that describe rules (sarif) see packs
        if args.config_warning:  # kept with --quiet: it is about trust, not noise
            _run_note(reporter, f"warning: {args.config_warning}", to_stderr=bool(args.output))
        if not args.diff:
            reporter.start(len(paths))
        signatures, members, verdicts = {}, {}, {}
        for result in audit_paths(paths, options, jobs, stdin_bytes):
            if args.fix or args.diff:
                result = _fix(result, args, out)
            if not args.diff:
                reporter.document(result)
            failed |= tally.add(result)
            if recorded is not None:
                recorded.update(baselines.entries_for([result], baseline_root))
                texts.update(baselines.texts_for([result], baseline_root))
            if result.signature is not None:
                signatures[result.path] = result.signature
                members[result.path] = (result.words, result.scores)
                verdicts[result.path] = result.verdict
        if len(signatures) > 1:
            from .core import scoring
            from .families import batch
            from .families import minhash as families
            threshold = families.DEFAULT_THRESHOLD if args.family_threshold is None \
                else args.family_threshold
            for family in batch.describe_families(signatures, threshold, options, jobs):
                # the members' family-adjusted scores and verdicts, computed by scoring only
                family["member_scores"] = scoring.family_verdicts(family, members)
                for path, adjusted in family["member_scores"].items():  # the exit code too
                    failed |= tally.family(verdicts[path], adjusted["verdict_with_family"])
                reporter.family(family)
        if not args.diff:
            reporter.outcome(tally.summary(), tally.failed)
            reporter.finish()
    if recorded is not None:
        with AtomicWriter(args.write_baseline) as stream:
            stream.write(baselines.render(recorded, texts))
        if not args.quiet:
            print(clean(f"auditor: {sum(recorded.values())} finding(s) recorded in "
                        f"{args.write_baseline}"), file=sys.stderr)
        return ExitCode.OK
    if failed:
        print(clean(f"auditor: {tally.summary()}"), file=sys.stderr)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _selector(config: Config, args):
    """Which files folders give (auditor.inputs.selection): the command line's patterns are relative
    to the working directory, the config file's to its folder; --exclude and --include replace
    the config's, --extend-exclude adds to both."""
    from .inputs.selection import Patterns, Selector

    base = str(Path(config.source).resolve().parent) if config.source else "."

    def split(values):
        return tuple(p.strip() for v in values for p in v.split(",") if p.strip())

    exclude = [Patterns(split(args.exclude), ".") if args.exclude
               else Patterns(config.exclude, base),
               Patterns(config.extend_exclude, base), Patterns(split(args.extend_exclude), ".")]
    include = Patterns(split(args.include), ".") if args.include \
        else Patterns(config.include, base)
    return Selector(exclude=tuple(exclude), include=(include,),
                    respect_gitignore=config.respect_gitignore and args.respect_gitignore,
                    force_exclude=config.force_exclude or args.force_exclude)


def _format(args) -> str:
    """--statistics is a format; --quiet prints the rich report as one line per finding (the
    `line` format)."""
    if args.statistics:
        return "statistics"
    if args.quiet and args.format == "rich":
        return "line"
    return args.format


def _color(args) -> bool | str:
    """The reporter's colour setting: "always", False (never, and for -o files unless
    always), or True: colour on a terminal unless NO_COLOR, or anywhere with FORCE_COLOR (the
    rich reporter decides, auditor.reporters.rich_report.make_console)."""
    if args.no_color:
        return False
    if args.color == "always":
        return "always"
    return args.color == "auto" and not args.output


def _load_baseline(path: str | None, config_file: str | None = None):
    """The baseline at `path` (None: none); `config_file`: the config file that set it."""
    if path is None:
        return None
    from .core.baseline import load
    from .core.errors import ConfigError
    try:
        return load(path)
    except ConfigError as exc:
        if config_file is None:
            raise
        raise ConfigError(f"{exc} (the baseline set in {config_file})") from None


def _fix(result, args, out):
    """--diff: print what fixing would change. --fix: write it, and return the result without
    the findings that were fixed (a file that cannot be fixed safely is named on stderr and
    left as it was)."""
    from .core import fixes

    if result.document is not None and result.document.source_map is not None:
        # the audited text was extracted (HTML, Word, PDF...): there is no file text to edit
        if any(f.replacement for f in result.findings):
            print(clean(f"auditor: {result.path}: not fixed: --fix and --diff edit text and "
                        f"Markdown files only ({result.document.format} is read, not written)"),
                  file=sys.stderr)
        return result
    fix = fixes.plan(result, Severity.parse(args.fix_severity))
    if not fix.changed:
        return result
    if args.diff:
        out.write(fix.diff())  # standard output, or the -o file
        return result
    try:
        fixes.write(fix, result.document.encoding)
    except fixes.FixError as exc:
        print(clean(f"auditor: {result.path}: {exc}"), file=sys.stderr)
        return result
    if not args.quiet:
        print(clean(f"auditor: {result.path}: fixed {len(fix.applied)} finding(s)"),
              file=sys.stderr)
    applied = {id(f) for f in fix.applied}
    result.findings = [f for f in result.findings if id(f) not in applied]
    return result


def _writes_folder(name: str) -> bool:
    """Whether the format writes a folder (Parquet tables) rather than a stream."""
    from .reporters import FORMATS as formats
    return bool(getattr(formats[name].load(), "writes_folder", False))


def _show_text(args) -> bool | None:
    """--show-text, --no-text, or None: the reporter's default (rich: text for one file)."""
    return True if args.show_text else False if args.no_text else None


def _run_note(reporter, note: str, to_stderr: bool = False) -> None:
    """A note for the whole run: in the rich report's header, and on stderr for the formats
    that have no place for it (JSON must stay one document) or when the report goes to a
    file."""
    if reporter.shows_notes:
        reporter.note(note)
    if to_stderr or not reporter.shows_notes:
        print(clean(f"auditor: {note}"), file=sys.stderr)


def _report_target(output: str, paths: list[str], force: bool) -> str:
    """The file `-o` writes: refused when it is a folder or one of the inputs (by name, through
    links, or as a hard link), and when it is a symbolic link to a file unless `--force` (then
    the link's target is replaced and the link kept). Links to devices or pipes
    (/dev/stdout) are written through."""
    from .inputs.document import STDIN

    if os.path.isdir(output):
        raise UsageError(f"{output}: is a folder; -o takes a file name")
    real = os.path.realpath(output)
    try:
        target_stat = os.stat(real)
    except OSError:
        target_stat = None
    for path in paths:
        if path == STDIN:
            continue
        try:
            same = os.path.realpath(path) == real or (
                target_stat is not None and os.path.samestat(os.stat(path), target_stat))
        except OSError:
            same = False
        if same:
            raise UsageError(f"{output}: is one of the inputs ({path}); the report would "
                             "replace it. Write the report elsewhere (or to a .json/.html "
                             "file, which folders are not searched for)")
    if os.path.islink(output):
        import stat

        regular = target_stat is None or stat.S_ISREG(target_stat.st_mode)
        if regular and not force:
            raise UsageError(f"{output}: is a symbolic link (to {real}); pass --force to "
                             "write the report through it")
        return real
    return output


def _learn(args) -> int:
    from .families import minhash as families
    from .families.learn import learn, write_learned

    out = Path(args.output)
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it")
    threshold = families.DEFAULT_THRESHOLD if args.family_threshold is None else args.family_threshold
    templates, text = learn(list(args.paths), threshold)
    write_learned(out, text, force=args.force)
    from .lexicon.loader import load_file
    rules = len(load_file(out).rules)
    print(clean(f"{len(templates)} families, {rules} rules written to {out} (review them, then "
                f"use them with --rules {out.parent})"))
    return ExitCode.OK


def _families_on(args) -> bool:
    return args.families if args.families is not None else args.command == "batch"




def _effective_config(args) -> Config:
    """Defaults < config file < command line. Sets `args.config_warning` when a config file
    found by walking up from outside the repository sets a LanguageTool URL or rule packs."""
    explicit = getattr(args, "config", None)
    args.config_warning = None
    if getattr(args, "no_config", False):
        config = Config()
    elif explicit:
        if not os.path.lexists(explicit):
            raise UsageError(f"{explicit}: config file not found")
        config = load_config(Path(explicit))
    else:
        config = load_config(discover())
        args.config_warning = outside_warning(config)
    if args.command not in ("check", "batch"):
        return config
    overrides = {k: v for k, v in {
        "fail_on": args.fail_on, "fail_on_verdict": args.fail_on_verdict,
        "grammar": args.grammar, "min_severity": args.min_severity,
        "languagetool_url": args.languagetool_url, "spacy_model": args.spacy_model,
        "time_budget": args.time_budget,
    }.items() if v is not None}
    if args.fail_on_verdict is not None and args.fail_on is None:
        overrides["fail_on"] = "never"  # choosing the verdict policy replaces the severity one
    overrides["rules"] = config.rules + tuple(args.rules)
    overrides["disable"] = config.disable + tuple(args.disable)
    if overrides["disable"]:  # a misspelt id must not be silently accepted
        from .core import registry as rule_registry
        from .core.errors import ConfigError
        rules = rule_registry.load(overrides["rules"])
        rules.check_selectors(config.disable, f"{config.source}: disable", ConfigError)
        rules.check_selectors(args.disable, "--disable")
    if args.no_readability:
        overrides["readability"] = False
    return replace(config, **overrides)


def _show_config(args) -> int:
    config = _effective_config(args)
    print(clean(f"# from {config.source or 'built-in defaults'}", multiline=False))
    if args.config_warning:
        print(clean(f"# warning: {args.config_warning}", multiline=False))
    from .core.config import to_toml
    sys.stdout.write(to_toml(config))
    return ExitCode.OK


def _rules(args, parser) -> int:
    from .reporters.rules_doc import explain_rule, list_rules

    if args.rules_command is None:
        parser.parse_args(["rules", "--help"])
        return ExitCode.USAGE
    if args.rules_command == "import-pps":
        from .lexicon.pps import import_pps
        print(clean(import_pps(Path(args.csv), Path(args.output), force=args.force).render()))
        return ExitCode.OK
    from .core import registry as rule_registry

    rules = rule_registry.load(tuple(str(d) for d in args.rules))
    if args.rules_command == "list":
        list_rules(rules, sys.stdout)
        return ExitCode.OK
    rule = rules.get(args.rule_id)
    if rule is None:
        import difflib
        close = difflib.get_close_matches(args.rule_id, list(rules.rules), n=3)
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise UsageError(f"no rule {args.rule_id!r}{hint} (see `auditor rules list`)")
    explain_rule(rule, sys.stdout, args.rule_id)
    return ExitCode.OK


def main_entry() -> None:
    """The `auditor` command (and `python -m auditor`)."""
    from .util._fastimport import defer_spacy_cli
    defer_spacy_cli()
    exit_now(main())


def exit_now(code: int) -> None:
    """Exit without tearing the interpreter down. Freeing the spaCy pipeline and the tables
    object by object costs 0.15-0.2 s of a one-file check, and the operating system takes the
    memory back anyway. What an exit does that matters is done first: the exit handlers run
    (rich's progress bar, the finalizer of a local LanguageTool server, logging), then stdout
    and stderr are flushed (a reader that has gone away is not an error here, as in `main`)."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(int(code))
