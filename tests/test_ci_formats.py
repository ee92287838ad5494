"""The formats CI tools read: SARIF 2.1.0 (validated against the official schema shipped in
tests/data), GitHub Actions annotations (escaping tested with hostile names and messages) and
the one-line-per-finding format."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from auditor.cli import main
from auditor.core.findings import Finding, Severity
from auditor.core.results import DocumentResult
from auditor.inputs import document
from auditor.reporters import make_reporter
from auditor.reporters.github_report import escape_data, escape_property

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))
SPUN = ("It fosters a sense of neighborhood — café owners say so.\r\n"
        "The lookings were many: he tooked the bus.\r\n")


def _sarif(argv, capsys) -> dict:
    code = main(["check", "--isolated", "--grammar", "off", "-f", "sarif", *argv])
    assert code in (0, 1)
    log = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def _offset(content: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", content)]
    return starts[line - 1] + column - 1


def test_the_shipped_schema_is_the_official_one():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(SCHEMA)


def test_an_invalid_log_is_caught_by_the_validator():
    """The validation can fail: a result without a message is refused."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"ruleId": "a"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(bad)


def test_sarif_results_point_at_the_flagged_text(tmp_path, capsys, monkeypatch):
    from auditor.core import registry

    monkeypatch.setattr(registry, "docs_url", lambda: None)  # no Documentation URL declared
    path = tmp_path / "spun.txt"
    path.write_bytes(SPUN.encode("utf-8"))
    log = _sarif([str(path)], capsys)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"idiom.sense-of-community", "rare.plural-gerund", "rare.double-inflection"} <= set(ids)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        # no Documentation URL in the package metadata: SARIF's helpUri must be absolute, so
        # there is none, and the rule's help travels in the log
        assert "helpUri" not in rule
        assert rule["help"]["text"].startswith(f"{rule['id']}: ")
        assert f"docs/rules.md#{rule['name']}" in rule["help"]["text"]
        assert rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    idiom = rules[ids.index("idiom.sense-of-community")]["help"]
    assert "Likely original: sense of community" in idiom["text"]
    assert "Flags: Peer groups can promote a sense of neighborhood." in idiom["text"]
    assert "- Likely original: sense of community" in idiom["markdown"]
    content = path.read_bytes().decode("utf-8")
    assert run["results"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        start = _offset(content, region["startLine"], region["startColumn"])
        end = _offset(content, region["endLine"], region["endColumn"])
        assert (start, end - start) == (region["charOffset"], region["charLength"])
        assert content[start:end] == region["snippet"]["text"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(path)


def test_sarif_fixes_replace_exactly_the_flagged_text(tmp_path, capsys):
    path = tmp_path / "spun.txt"
    path.write_bytes(SPUN.encode("utf-8"))
    log = _sarif([str(path)], capsys)
    fixed = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert fixed
    content = path.read_bytes().decode("utf-8")
    for result in fixed:
        (change,) = result["fixes"][0]["artifactChanges"]
        (rep,) = change["replacements"]
        deleted = rep["deletedRegion"]
        new = (content[:deleted["charOffset"]] + rep["insertedContent"]["text"]
               + content[deleted["charOffset"] + deleted["charLength"]:])
        assert new != content
    by_rule = {r["ruleId"]: r for r in fixed}
    rep = by_rule["idiom.sense-of-community"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert rep["insertedContent"]["text"] == "community"


def test_sarif_for_an_unreadable_file_and_several_documents(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "ok.md").write_text("# Notes\n\nA sense of neighborhood.\n", encoding="utf-8")
    log = _sarif([str(tmp_path)], capsys)
    run = log["runs"][0]
    unreadable = [r for r in run["results"] if r["ruleId"] == "input.unreadable"]
    assert len(unreadable) == 1 and "region" not in unreadable[0]["locations"][0]["physicalLocation"]
    verdicts = {Path(d["path"]).name: d["verdict"] for d in run["properties"]["documents"]}
    assert verdicts["bad.txt"] == "error" and verdicts["ok.md"] in ("review", "spun", "clean")


def _result(tmp_path: Path, name: str, finding: Finding, text: str = "Some text here.\n"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = document.load(str(path))
    return DocumentResult(path=str(path), document=doc, findings=[finding], verdict="clean")


def test_sarif_describes_languagetool_ids_by_their_family(tmp_path, monkeypatch):
    from auditor.core import registry

    monkeypatch.setattr(registry, "docs_url", lambda: None)
    f = Finding("lt.MORFOLOGIK_RULE_EN_US", "grammar", Severity.WARNING, 5, 9, "text", "typo?")
    stream = io.StringIO()
    reporter = make_reporter("sarif", stream)
    reporter.start(1)
    reporter.document(_result(tmp_path, "a.txt", f))
    reporter.finish()
    log = json.loads(stream.getvalue())
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "lt.MORFOLOGIK_RULE_EN_US" and "LanguageTool" in rule["shortDescription"]["text"]
    assert "helpUri" not in rule and rule["help"]["text"].startswith("lt.*: ")
    assert "docs/rules.md#lt" in rule["help"]["text"]


def test_sarif_help_uri_is_absolute_from_the_documentation_url(tmp_path, capsys, monkeypatch):
    from urllib.parse import urlsplit

    from auditor.core import registry

    monkeypatch.setattr(registry, "docs_url", lambda: "https://example.org/auditor/docs/")
    path = tmp_path / "spun.txt"
    path.write_bytes(SPUN.encode("utf-8"))
    rules = _sarif([str(path)], capsys)["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["idiom.sense-of-community"]["helpUri"] == \
        "https://example.org/auditor/docs/rules.md#idiom-sense-of-community"
    for rule in rules:
        parts = urlsplit(rule["helpUri"])  # an absolute URI, as SARIF requires
        assert (parts.scheme, parts.netloc, parts.fragment) == ("https", "example.org",
                                                                rule["name"])
        assert rule["help"]["text"]


def _metadata(*urls):
    from email.message import Message

    meta = Message()
    for url in urls:
        meta["Project-URL"] = url
    return lambda name: meta


@pytest.mark.parametrize("urls, expected", [
    (("Homepage, https://example.org", "Documentation, https://example.org/docs"),
     "https://example.org/docs/"),
    (("docs, https://example.org/a/docs/",), "https://example.org/a/docs/"),
    (("Homepage, https://example.org",), None),
    (("Documentation, docs/",), None),  # not absolute: no helpUri
    (("Documentation, javascript:alert(1)",), None),
    ((), None),
])
def test_docs_url_comes_from_the_project_urls(monkeypatch, urls, expected):
    from importlib import metadata

    from auditor.core import registry

    monkeypatch.setattr(metadata, "metadata", _metadata(*urls))
    registry.docs_url.cache_clear()
    try:
        assert registry.docs_url() == expected
    finally:
        registry.docs_url.cache_clear()


def test_rule_help_markdown_escapes_what_a_rule_pack_says():
    from auditor.core.registry import RuleInfo
    from auditor.reporters.sarif_report import rule_help

    info = RuleInfo(id="pack.x", kind="swap", severity=Severity.WARNING,
                    summary="<img src=x onerror=alert(1)> *bold* [link](http://e)",
                    defined_in="rules/pack.yaml:1", flag=("a `b`",))
    help_ = rule_help(info)
    assert "<img" not in help_["markdown"] and "&lt;img" in help_["markdown"]
    assert "\\*bold\\*" in help_["markdown"] and "\\[link\\]\\(http://e\\)" in help_["markdown"]
    assert help_["text"].startswith("pack.x: <img src=x onerror=alert(1)>")  # text is text
    assert "Flags: a `b`" in help_["text"]


HOSTILE_NAME = "we,ird:na%me\nline2\r::error x=1\x1b[31m.txt"
HOSTILE_MESSAGE = "bad: a,b 100% %0A\r\nnext line\n::error file=x::pwned \x1b]0;t\x07"


def _unescape(value: str) -> str:
    """What the Actions runner does to a value (actions/runner's ActionCommand)."""
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, ch)
    return value


def test_github_escaping_rules():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"  # data keeps : and ,


def test_github_annotation_with_hostile_name_and_message(tmp_path):
    f = Finding("idiom.x", "swap", Severity.WARNING, 5, 9, "text", HOSTILE_MESSAGE)
    result = _result(tmp_path, HOSTILE_NAME, f)
    stream = io.StringIO()
    reporter = make_reporter("github", stream)
    reporter.document(result)
    out = stream.getvalue()
    assert out.count("\n") == 1 and out.endswith("\n") and "\r" not in out  # one command
    assert "\x1b" not in out and "\x07" not in out
    m = re.fullmatch(r"::warning ([^:]*)::(.*)\n", out)
    assert m, out
    props = dict(p.split("=", 1) for p in m.group(1).split(","))
    assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}
    assert _unescape(props["file"]) == str(tmp_path / HOSTILE_NAME).replace(
        "\x1b", "\u241b").replace("\r::", "\u240d::")  # a lone CR and ESC shown, not sent
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("1", "6", "1", "10")
    assert _unescape(props["title"]) == "auditor idiom.x"
    message = _unescape(m.group(2))
    assert message.startswith("bad: a,b 100% %0A\r\nnext line\n::error file=x::pwned")


def test_github_format_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "spun.txt"
    path.write_bytes(SPUN.encode("utf-8"))
    assert main(["check", "--isolated", "--grammar", "off", "-f", "github", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    assert any(line.startswith("::error ") and "title=auditor idiom.sense-of-community::" in line
               for line in lines)


def test_line_format(tmp_path, capsys):
    path = tmp_path / "spun.txt"
    path.write_bytes(SPUN.encode("utf-8"))
    clean = tmp_path / "clean.txt"
    clean.write_text("Plain words.\n", encoding="utf-8")
    main(["check", "--isolated", "--grammar", "off", "-f", "line", str(path), str(clean)])
    lines = capsys.readouterr().out.splitlines()
    assert f"{path}:1:23: error idiom.sense-of-community " in lines[0]
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: (error|warning|suggestion) \S+ ", line)
               for line in lines)
    assert f"{path}:2:5: warning rare.plural-gerund" in "\n".join(lines)


def test_line_format_cleans_hostile_names(tmp_path):
    f = Finding("idiom.x", "swap", Severity.WARNING, 0, 4, "Some", "m\x1b[2J")
    stream = io.StringIO()
    make_reporter("line", stream).document(_result(tmp_path, "a\nb\x1b.txt", f))
    out = stream.getvalue()
    assert out.count("\n") == 1 and "\x1b" not in out and out.endswith(":1:1: warning idiom.x m\u241b[2J\n")
