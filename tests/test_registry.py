"""The rule registry: every id auditor emits is known, code-defined rules carry examples that
run as tests (like the YAML rules' in test_lexicon.py), and unknown `disable` entries are
refused with a close-match hint."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditor import cli
from auditor.core import pipeline, registry, scoring
from auditor.core.errors import ConfigError, ExitCode, RulesError, UsageError
from auditor.detectors.base import findings_from_doc
from auditor.lexicon.loader import load_default, load_file

from .conftest import ROOT

REGISTRY = registry.load()
CODE = sorted((r for r in REGISTRY if r.source == "code"), key=lambda r: r.id)
WITH_EXAMPLES = [r for r in CODE if not r.tested_by]


@pytest.fixture(scope="module")
def nlp():
    return pipeline.build()


def test_every_yaml_rule_and_code_rule_is_registered():
    ids = {r.id for r in REGISTRY}
    assert {r.id for r in load_default().rules} <= ids
    for expected in ("rare.plural-gerund", "nearmiss.curated-expression", "context.unlikely-word",
                     "consistency.term-variants", "page.inserted-keyword", "page.boilerplate",
                     "input.unreadable", "input.time-budget", "input.worker-died", "lt"):
        assert expected in ids


def test_code_rules_have_both_kinds_of_example_or_name_their_tests():
    for rule in CODE:
        if rule.tested_by:
            assert (ROOT / rule.tested_by).is_file(), rule.id
        else:
            assert rule.flag and rule.ok, f"{rule.id} needs flag and ok examples"


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=lambda r: r.id)
def test_code_rule_examples(nlp, rule):
    def reported(text):  # evidence-only findings are never reported on their own
        return {f.rule_id for f in findings_from_doc(nlp(text)) if not scoring.evidence_only(f)}

    for text in rule.flag:
        ids = reported(text)
        assert rule.id in ids, f"{rule.id} should flag: {text!r} (found {sorted(ids)})"
    for text in rule.ok:
        assert rule.id not in reported(text), f"{rule.id} should not flag: {text!r}"


def test_every_id_found_in_the_samples_is_registered(nlp):
    seen = set()
    for path in sorted((ROOT / "samples").glob("*.txt")):
        seen |= {f.rule_id for f in findings_from_doc(nlp(path.read_text(encoding="utf-8")))}
    assert seen and all(REGISTRY.get(i) is not None for i in seen), \
        sorted(i for i in seen if REGISTRY.get(i) is None)


def test_family_members_resolve_to_the_family():
    assert REGISTRY.get("lt.MORFOLOGIK_RULE_EN_US").id == "lt"
    assert REGISTRY.get("ltx.foo") is None and REGISTRY.get("rare.nope") is None


def test_code_rule_fails_for_an_unregistered_id():
    with pytest.raises(KeyError):
        registry.code_rule("rare.made-up")


@pytest.mark.parametrize("selector", ["idiom", "idiom.sense-of-community", "rare", "rare.",
                                      "lt", "lt.MORFOLOGIK_RULE_EN_US", "input", "page.boilerplate"])
def test_known_selectors_pass(selector):
    REGISTRY.check_selectors([selector], "--disable")


@pytest.mark.parametrize("selector, hint", [("rare.plural-gerunds", "rare.plural-gerund"),
                                            ("idiom.sense-of-comunity", "idiom.sense-of-community"),
                                            ("idioms", "idiom"), ("nearmis", "nearmiss")])
def test_unknown_selectors_are_refused_with_a_hint(selector, hint):
    with pytest.raises(UsageError, match=f"did you mean '{hint}'"):
        REGISTRY.check_selectors([selector], "--disable")


def test_unknown_selector_without_a_close_match():
    with pytest.raises(ConfigError, match="unknown rule id or prefix 'zzzzzz'") as err:
        REGISTRY.check_selectors(["zzzzzz"], "x.toml: disable", ConfigError)
    assert "did you mean" not in str(err.value)


def test_cli_disable_unknown_exits_2(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text("Hello there.\n")
    code = cli.main(["check", "--isolated", "--grammar", "off", "--disable", "rare.plural-gerunds",
                     str(doc)])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE and "--disable" in err and "rare.plural-gerund" in err


def test_config_disable_unknown_exits_2_and_names_the_file(tmp_path, capsys, monkeypatch):
    (tmp_path / ".auditor.toml").write_text('[auditor]\ndisable = ["idiom", "contxt"]\n')
    doc = tmp_path / "a.txt"
    doc.write_text("Hello there.\n")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--grammar", "off", str(doc)])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE and ".auditor.toml: disable" in err and "'context'" in err


def test_rules_list_and_explain_cover_code_rules(capsys):
    assert cli.main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    for rule in CODE:
        assert rule.id in out
    assert cli.main(["rules", "explain", "lt.MORFOLOGIK_RULE_EN_US"]) == 0
    assert "lt.* family" in capsys.readouterr().out
    assert cli.main(["rules", "explain", "page.off-topic-title"]) == 0
    out = capsys.readouterr().out
    assert "detectors/page_lines.py" in out and "flags:" in out and "docs/rules.md#" in out


def test_a_pack_may_not_take_a_code_rule_id(tmp_path):
    pack = tmp_path / "rare.yaml"
    pack.write_text('prefix: rare\nrules:\n  - id: rare.plural-gerund\n    match: "[foo]"\n'
                    '    original: bar\n    severity: warning\n    message: m\n'
                    '    examples: {flag: ["a foo"], ok: ["a bar"]}\n')
    lexicon = load_default()
    lexicon.extend(load_file(pack))
    with pytest.raises(RulesError, match="taken by auditor's own"):
        registry.build(lexicon)


def test_docs_are_generated_from_the_registry():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "rules_doc.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = (ROOT / registry.DOCS).read_text(encoding="utf-8")
    assert all(f'<a id="{r.anchor}"></a>' in text for r in REGISTRY)
    assert len({r.anchor for r in REGISTRY}) == len(REGISTRY)


def test_tiers_have_no_rule_id_literals():
    """Ids come from the registry (code_rule), not string literals in the tiers."""
    import ast
    code_ids = {r.id for r in CODE}
    package = ROOT / "auditor"
    for path in [*(package / "detectors").glob("*.py"), package / "checks" / "grammar.py",
                 package / "core" / "runner.py", package / "engines" / "parallel.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(node.args[0]) for node in ast.walk(tree) if isinstance(node, ast.Call)
                   and getattr(node.func, "id", "") == "code_rule" and node.args}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in code_ids:
                assert id(node) in allowed or path.name == "runner.py" and \
                    node.value == "input.unreadable", f"{path.name}: literal {node.value!r}"
