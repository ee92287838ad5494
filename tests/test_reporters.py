"""The reporter registry: every format loads, the CLI offers exactly the registered ones,
and no reporter imports another (shared helpers live in reporters.presentation)."""
from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest

from auditor import cli, reporters
from auditor.reporters import FORMATS, Reporter, make_reporter

REPORTERS_DIR = Path(reporters.__file__).parent


def _format_modules() -> set[str]:
    """A format lives in `<name>_report.py`; other modules here are helpers (presentation,
    rules_doc, a reporter's own parts)."""
    return {p.stem for p in REPORTERS_DIR.glob("*_report.py")}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_loads_a_reporter(name):
    reporter = make_reporter(name, io.StringIO(), color=False, show_text=False)
    assert isinstance(reporter, Reporter)


def test_every_reporter_module_is_registered():
    registered = {f.target.partition(":")[0] for f in FORMATS.values()}
    assert _format_modules() <= registered, _format_modules() - registered


def test_cli_choices_are_the_registry():
    parser = cli.build_parser()
    check = parser._subparsers._group_actions[0].choices["check"]
    action = next(a for a in check._actions if "--format" in a.option_strings)
    assert tuple(action.choices) == tuple(FORMATS)


def test_unknown_format_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="rich"):
        make_reporter("nope", io.StringIO())


def test_registering_a_name_twice_is_refused():
    with pytest.raises(ValueError):
        reporters.register("json", "json_report:JsonReporter", "again")


@pytest.mark.parametrize("module", sorted(_format_modules()))
def test_no_reporter_imports_another(module):
    tree = ast.parse((REPORTERS_DIR / f"{module}.py").read_text(encoding="utf-8"))
    others = _format_modules() - {module}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            named = {node.module} if node.module else {a.name for a in node.names}
            assert not named & others, f"{module} imports {named & others}"
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            assert not any(node.module == f"auditor.reporters.{o}" for o in others)


def test_help_does_not_import_the_formats():
    import subprocess
    import sys
    code = ("import sys, auditor.cli; auditor.cli.build_parser(); "
            "print(sorted(m for m in sys.modules if m.startswith('auditor.reporters.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
