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


def test_json_is_streamed_as_json_dump_would_write_it(tmp_path):
    """The JSON reporter never holds the report: its output must still be exactly what
    json.dump(indent=2) gives for the whole object, families' adjustments included."""
    import json

    from auditor.core.runner import Options, Runner
    from auditor.reporters.presentation import SCHEMA, document_dict

    (tmp_path / "a.txt").write_text("It fosters a sense of neighborhood, “quoted” — ünïcödé. "
                                    "Counterfeit consciousness and profound learning.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Plain words with nothing to find.\n", encoding="utf-8")
    with Runner(Options(grammar="off", time_budget=None)) as runner:
        results = [runner.audit(str(tmp_path / n)) for n in ("a.txt", "b.txt", "c.txt")]
    assert results[0].findings and not results[1].findings
    family = {"id": 1, "member_scores": {results[2].path: {
        "spin_density_with_family": 9.5, "verdict_with_family": "spun"}}}
    out = io.StringIO()
    reporter = make_reporter("json", out, color=False, show_text=False)
    for r in results:
        reporter.document(r)
    reporter.family(family)
    reporter.finish()
    documents = [document_dict(r) for r in results]
    documents[2]["scores"]["spin_density_with_family"] = 9.5
    documents[2]["verdict_with_family"] = "spun"
    expected = io.StringIO()
    json.dump({"schema": SCHEMA, "documents": documents, "families": [family]}, expected,
              ensure_ascii=False, indent=2)
    assert out.getvalue() == expected.getvalue() + "\n"
    empty = io.StringIO()
    reporter = make_reporter("json", empty, color=False, show_text=False)
    reporter.finish()
    assert json.loads(empty.getvalue()) == {"schema": SCHEMA, "documents": [], "families": []}
