"""The lexicon: load-time validation, and every rule's own examples (proselint-style)."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from auditor.core import pipeline
from auditor.core.errors import RulesError
from auditor.detectors.swaps import findings_from_doc
from auditor.lexicon.loader import default_rules_dir, load_default, load_file

LEXICON = load_default()
RULES = sorted(LEXICON.rules, key=lambda r: r.id)


@pytest.fixture(scope="module")
def nlp():
    return pipeline.build()


def _ids(nlp, text: str) -> set[str]:
    return {f.rule_id for f in findings_from_doc(nlp(text))}


def test_default_lexicon_is_shipped_and_large():
    files = sorted(p.name for p in default_rules_dir().glob("*.yaml"))
    assert "idioms.yaml" in files
    assert len(RULES) >= 50


def test_every_rule_has_both_kinds_of_example():
    missing = [r.id for r in RULES if not r.examples_flag or not r.examples_ok]
    assert not missing, f"rules without a flag or an ok example: {missing}"


def test_ids_are_unique_and_prefixed_by_their_file():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.id.startswith(rule.prefix + ".")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(nlp, rule):
    for text in rule.examples_flag:
        assert rule.id in _ids(nlp, text), f"{rule.id} should flag: {text!r}"
    for text in rule.examples_ok:
        assert rule.id not in _ids(nlp, text), f"{rule.id} should not flag: {text!r}"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD_ENTRY = """\
    - id: t.one
      match: "a [b]"
      original: c
      severity: warning
      message: m
      examples: {flag: ["a b"], ok: ["a c"]}
"""


def test_valid_pack_loads(tmp_path):
    lex = load_file(_write(tmp_path, "prefix: t\nrules:\n" + GOOD_ENTRY))
    assert [r.id for r in lex.rules] == ["t.one"]
    assert lex.rules[0].line == 3


def test_unknown_key_is_an_error_with_file_and_line(tmp_path):
    body = "prefix: t\nrules:\n" + GOOD_ENTRY + GOOD_ENTRY.replace("t.one", "t.two").replace(
        "message: m", "mesage: m")
    with pytest.raises(RulesError, match=r"pack\.yaml:\d+: .*unknown key 'mesage'"):
        load_file(_write(tmp_path, body))


@pytest.mark.parametrize("change, error", [
    (("severity: warning", "severity: fatal"), "unknown severity"),
    (("t.one", "x.one"), "prefix must be 't'"),
    (('match: "a [b]"', 'match: "a [b"'), "unclosed"),
    (("      original: c\n", ""), "missing original"),
    (("examples: {flag: [\"a b\"], ok: [\"a c\"]}", "examples: [1]"), "examples"),
    (("message: m", "message: m\n      not_after: [on, x]"), "list of strings"),
])
def test_bad_entries_are_reported(tmp_path, change, error):
    body = "prefix: t\nrules:\n" + GOOD_ENTRY.replace(*change)
    with pytest.raises(RulesError, match=r"pack\.yaml:3: .*" + error):
        load_file(_write(tmp_path, body))


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(RulesError, match=r"pack\.yaml:\d+: invalid YAML"):
        load_file(_write(tmp_path, "prefix: t\nrules:\n  - id: [\n"))


def test_duplicate_ids_across_packs(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    (a / "x.yaml").write_text("prefix: t\nrules:\n" + GOOD_ENTRY)
    (a / "y.yaml").write_text("prefix: t\nrules:\n" + GOOD_ENTRY)
    from auditor.lexicon.loader import load_dirs
    with pytest.raises(RulesError, match="duplicate rule id 't.one'"):
        load_dirs([a])


def test_lemma_patterns_cover_inflections(nlp):
    assert "idiom.sense-of-community" in _ids(nlp, "It gave them feelings of neighbourhoods.")
    assert "idiom.find-comfort" in _ids(nlp, "She located comfort in music.")


def test_single_common_word_is_never_a_finding(nlp):
    text = "The area near the neighborhood has a college, a system and a team."
    assert _ids(nlp, text) == set()


def test_extra_rule_pack_is_added(tmp_path):
    path = _write(tmp_path, "prefix: t\nrules:\n" + GOOD_ENTRY)
    nlp = pipeline.build(None, (str(path),))
    assert "t.one" in _ids(nlp, "a b")
    assert "idiom.sense-of-community" in _ids(nlp, "a sense of neighborhood")
