"""Hostile rule packs are refused at load time with `file:line` and exit 2, never a traceback,
a hang or a memory blow-up: unsafe tags, billion-laughs aliases, recursive aliases, and
patterns too complex for spaCy's Matcher."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditor.core.errors import RulesError
from auditor.lexicon.loader import load_file

ENTRY = """\
prefix: x
rules:
  - id: x.bad
    match: {match}
    original: community
    severity: error
    message: "m"
    examples: {{flag: ["a neighbourhoodz"], ok: ["a community"]}}
"""


def _pack(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _laughs(levels: int = 7) -> str:
    """10**levels strings once expanded (the classic attack uses 9 levels: gigabytes)."""
    lines = ['prefix: x', 'description:', '  - &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("rules:")
    lines.append("  - id: x.bad")
    lines.append('    match: "[neighbourhoodz]"')
    lines.append(f"    original: *a{levels}")
    lines.append("    severity: error\n    message: m")
    lines.append('    examples: {flag: ["a neighbourhoodz"], ok: ["a community"]}')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text, line, words", [
    ("prefix: x\nrules: !!python/object/apply:os.system ['echo hacked']\n", 2, "not allowed"),
    (ENTRY.replace("original: community", "original: !!python/object:object {{}}"), 5,
     "not allowed"),
    (ENTRY.replace("original: community", "original: !custom x"), 5, "not allowed"),
    ("prefix: x\nrules: &r [*r]\n", 2, "recursive alias"),
])
def test_unsafe_yaml_is_a_rules_error_with_file_and_line(tmp_path, text, line, words):
    path = _pack(tmp_path, text.format(match='"[neighbourhoodz]"'))
    with pytest.raises(RulesError, match=words) as info:
        load_file(path)
    assert str(info.value).startswith(f"{path}:{line}:")


def test_billion_laughs_is_refused_quickly(tmp_path):
    path = _pack(tmp_path, _laughs())
    with pytest.raises(RulesError, match="expand") as info:
        load_file(path)  # without the bound: str() of 10**9 strings, gigabytes
    assert str(info.value).startswith(f"{path}:")


@pytest.mark.parametrize("match, words", [
    ('"[neighbourhoodz]' + " *?" * 26 + '"', "optional"),
    ('"[neighbourhoodz]' + " *" * 3000 + '"', "tokens"),
    ('"[neighbourhoodz] ' + " ".join(["a?"] * 7) + '"', "optional"),
])
def test_pattern_complexity_is_bounded_at_load_time(tmp_path, match, words):
    path = _pack(tmp_path, ENTRY.format(match=match))
    with pytest.raises(RulesError, match=words) as info:
        load_file(path)
    assert str(info.value).startswith(f"{path}:3:")


@pytest.mark.parametrize("kind", ["tag", "laughs", "stars", "lazy"])
def test_command_line_exits_2_without_a_traceback(tmp_path, kind):
    rules = tmp_path / "rules"
    rules.mkdir()
    text = {"tag": "prefix: x\nrules: !!python/object/apply:os.system ['true']\n",
            "laughs": _laughs(),
            "stars": ENTRY.format(match='"[neighbourhoodz]' + " *" * 3000 + '"'),
            "lazy": ENTRY.format(match='"[neighbourhoodz]' + " *?" * 26 + '"')}[kind]
    _pack(rules, text)
    doc = tmp_path / "a.txt"
    doc.write_text("A neighbourhoodz here.\n")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", "--grammar", "off",
                           "--rules", str(rules), str(doc)], capture_output=True, text=True,
                          timeout=60, env={"AUDITOR_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert f"{rules / 'x.yaml'}:" in proc.stderr


def test_oversized_pack_is_refused(tmp_path, monkeypatch):
    from auditor.lexicon import loader as lexicon

    monkeypatch.setattr(lexicon, "MAX_PACK_BYTES", 100)
    path = _pack(tmp_path, ENTRY.format(match='"[neighbourhoodz]"') + "#" * 200 + "\n")
    with pytest.raises(RulesError, match="larger than"):
        load_file(path)
