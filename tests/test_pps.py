"""Importing the Problematic Paper Screener's tortured-phrase table (auditor.lexicon.pps)."""
from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from auditor.core import pipeline
from auditor.core.errors import UsageError
from auditor.core.findings import Severity
from auditor.detectors.base import findings_from_doc
from auditor.lexicon.loader import load_file
from auditor.lexicon.pps import Skip, import_pps, parse_query

SAMPLE = Path(__file__).parent / "data" / "pps_sample.csv"
HEADER = "Fingerprint - Tortured Phrase,Expected Text,Nb Retrieved Papers\n"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("pps") / "pps.yaml"
    summary = import_pps(SAMPLE, out)
    return summary, out, load_file(out).by_id()


@pytest.fixture(scope="module")
def nlp(imported):
    return pipeline.build(None, (str(imported[1]),), default_rules=False)


def _ids(nlp, text: str) -> set[str]:
    return {f.rule_id for f in findings_from_doc(nlp(text))}


def _csv(tmp_path: Path, body: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_sample_summary_counts_every_skip_reason(imported):
    summary, out, rules = imported
    assert (summary.rows, summary.imported, summary.uncertain) == (20, 12, 2)
    assert {reason: len(items) for reason, items in summary.skipped.items()} == {
        "NOT cannot be expressed": 1,
        "proximity or fuzzy ~ not supported": 1,
        "wildcard * not supported": 1,
        "grouping with ( ) not supported": 1,
        "single word without an AND context term (too broad)": 1,
        "duplicate of an earlier fingerprint": 1,
        "phrase not expressible in the pattern language": 1,
        "empty fingerprint": 1,
    }
    text = summary.render()
    assert text.startswith(f"imported 12 of 20 fingerprints into {out} (prefix pps); skipped 8")
    assert "2 imported as 'warning'" in text
    assert 'skipped 1, NOT cannot be expressed: "flag to commotion" NOT "signal"' in text
    assert 'skipped 1, proximity or fuzzy ~ not supported: "haze figuring"~2' in text


def test_render_shows_a_few_examples_per_reason(tmp_path):
    body = "".join(f'"""w{i}""",x,1\n' for i in range(5))
    summary = import_pps(_csv(tmp_path, body), tmp_path / "o.yaml")
    line = summary.render().splitlines()[1]
    assert line == ('  skipped 5, single word without an AND context term (too broad): '
                    '"w0", "w1", "w2", … (+2)')


def test_output_loads_with_ids_and_patterns(imported):
    _, _, rules = imported
    assert sorted(rules) == sorted([
        "pps.counterfeit-consciousness", "pps.irregular-woodland", "pps.man-made-consciousness",
        "pps.gullible-bayes-classifier", "pps.bosom", "pps.bosom-2", "pps.colossal-information",
        "pps.arbitrary-timberland", "pps.signal-to-clamor", "pps.kind-sweetheart",
        "pps.straight-relapse", "pps.profound-learning"])
    src = {rid: r.sources for rid, r in rules.items()}
    assert src["pps.counterfeit-consciousness"] == ("counterfeit consciousness",)  # quoted
    assert src["pps.irregular-woodland"] == ("irregular woodland",)  # unquoted
    assert src["pps.man-made-consciousness"] == ("man - made consciousness",)  # hyphen
    assert src["pps.gullible-bayes-classifier"] == ("gullible bayes ' classifier",)  # punctuation
    assert src["pps.arbitrary-timberland"] == ("arbitrary timberland", "haphazard backwoods")  # OR
    assert src["pps.signal-to-clamor"] == ("signal to clamor",)  # ~0 is the exact phrase
    assert src["pps.profound-learning"] == ("profound learning",)  # curly quotes
    assert rules["pps.bosom"].requires == ("breast",)
    assert rules["pps.bosom-2"].requires == ("chest",)  # same phrase, other context: id suffix
    assert rules["pps.colossal-information"].requires == ("data", "mining")
    assert rules["pps.counterfeit-consciousness"].original == "artificial intelligence"
    assert all(r.prefix == "pps" and r.examples_flag and r.examples_ok for r in rules.values())


def test_severity_and_confidence(imported):
    _, _, rules = imported
    assert rules["pps.counterfeit-consciousness"].severity is Severity.ERROR
    assert rules["pps.counterfeit-consciousness"].confidence == 1.0  # 1021 papers
    assert rules["pps.man-made-consciousness"].confidence == 0.8  # 3 papers
    unknown, unsure = rules["pps.kind-sweetheart"], rules["pps.straight-relapse"]
    assert (unknown.severity, unknown.original) == (Severity.WARNING, "?")
    assert (unsure.severity, unsure.original) == (Severity.WARNING, "linear regression (?)")
    assert "uncertain" in unsure.note and "uncertain" in unsure.render_message("x")


def test_generated_examples_pass_the_real_pipeline(imported, nlp):
    _, _, rules = imported
    for rule in rules.values():
        for text in rule.examples_flag:
            assert rule.id in _ids(nlp, text), f"{rule.id} should flag {text!r}"
        for text in rule.examples_ok:
            assert rule.id not in _ids(nlp, text), f"{rule.id} should not flag {text!r}"


@pytest.mark.parametrize("text, expected", [
    ("The bosom was examined.", set()),
    ("The bosom was examined for breast lesions.", {"pps.bosom"}),
    ("Pain in the bosom and the chest.", {"pps.bosom-2"}),
    ("Colossal information is everywhere.", set()),
    ("Colossal information needs data.", set()),
    ("Colossal information needs data mining.", {"pps.colossal-information"}),
    ("We trained a gullible Bayes' classifier.", {"pps.gullible-bayes-classifier"}),
    ("Progress in man-made consciousness.", {"pps.man-made-consciousness"}),
    ("A haphazard backwoods model.", {"pps.arbitrary-timberland"}),
    ("A random forest and deep learning.", set()),
])
def test_and_context_and_tokenization_end_to_end(nlp, text, expected):
    assert _ids(nlp, text) == expected


@pytest.mark.parametrize("query, phrases, context", [
    ('"counterfeit consciousness"', ["counterfeit consciousness"], []),
    ("counterfeit consciousness", ["counterfeit consciousness"], []),
    ('"bosom" AND "breast"', ["bosom"], ["breast"]),
    ('bosom AND breast cancer', ["bosom"], ["breast cancer"]),
    ('"a b" AND "c" AND "d e"', ["a b"], ["c", "d e"]),
    ('"a b" OR "c d" OR "e f"', ["a b", "c d", "e f"], []),
    ('"a b"~0', ["a b"], []),
])
def test_parse_query(query, phrases, context):
    assert parse_query(query) == (phrases, context)


@pytest.mark.parametrize("query, reason", [
    ('"a b" NOT "c"', "NOT"),
    ('"a b"~3', "proximity"),
    ("a~2 b", "proximity"),
    ('"a b" AND ("c" OR "d")', "grouping"),
    ('"a b" AND "c" OR "d"', "mixed AND/OR"),
    ('"a b*"', "wildcard"),
    ('"a b" AND', "unparseable"),
    ('"a b" "c d"', "unparseable"),
    ('""', "unparseable"),
])
def test_parse_query_rejects(query, reason):
    with pytest.raises(Skip, match=reason):
        parse_query(query)


def test_id_collisions_and_nested_duplicates(tmp_path):
    body = ('"man made consciousness",artificial intelligence,1\n'
            '"man-made consciousness",artificial intelligence,1\n'
            '"bosom peril" AND "breast",breast cancer,1\n'
            '"bosom peril" AND "breast" AND "tumour",breast cancer,1\n'
            '"Bosom  peril" AND "breast",breast cancer,1\n')
    out = tmp_path / "o.yaml"
    summary = import_pps(_csv(tmp_path, body), out)
    assert sorted(load_file(out).by_id()) == [
        "pps.bosom-peril", "pps.man-made-consciousness", "pps.man-made-consciousness-2"]
    assert len(summary.skipped["duplicate of an earlier fingerprint"]) == 2


def test_ok_example_never_contains_the_phrase(tmp_path):
    out = tmp_path / "o.yaml"
    import_pps(_csv(tmp_path, '"deep profound learning",deep profound learning net,1\n'), out)
    rule = load_file(out).rules[0]
    assert "profound" not in " ".join(rule.examples_ok)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_delimiters_and_encodings(tmp_path, imported, delimiter, encoding):
    with SAMPLE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    path = tmp_path / "in.csv"
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    if encoding == "utf-16":
        assert path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    summary = import_pps(path, tmp_path / "o.yaml")
    assert summary.imported == imported[0].imported
    assert summary.skipped == imported[0].skipped
    assert sorted(load_file(tmp_path / "o.yaml").by_id()) == sorted(imported[2])


def test_never_overwrites_without_force(tmp_path):
    out = tmp_path / "pps.yaml"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(UsageError, match=r"pps\.yaml already exists; pass --force"):
        import_pps(SAMPLE, out)
    assert out.read_text(encoding="utf-8") == "precious"
    assert import_pps(SAMPLE, out, force=True).imported == 12
    assert len(load_file(out).rules) == 12


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Fingerprint - Tortured Phrase;Other\n\"a b\";x\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        import_pps(path, tmp_path / "o.yaml")
    assert "'Expected Text', 'Nb Retrieved Papers'" in str(err.value)
    assert "'Fingerprint - Tortured Phrase'," not in str(err.value).split("(found")[0]
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize("content, message", [
    (b"", "missing column"),
    (b"\n\n", "missing column"),
    ("Fingerprint - Tortured Phrase,Expected Text,Nb Retrieved Papers\n\"caf\xe9 x\",y,1\n"
     .encode("latin-1"), "not UTF-8"),
])
def test_bad_csv(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UsageError, match=message):
        import_pps(path, tmp_path / "o.yaml")


def test_missing_input_file(tmp_path):
    with pytest.raises(UsageError, match="cannot read"):
        import_pps(tmp_path / "nope.csv", tmp_path / "o.yaml")


def test_empty_table_writes_a_loadable_pack(tmp_path):
    out = tmp_path / "o.yaml"
    assert import_pps(_csv(tmp_path, ""), out).imported == 0
    assert load_file(out).rules == []


def test_cli_import_pps_and_use_the_pack(tmp_path, capsys):
    from auditor.cli import main
    out = tmp_path / "packs" / "pps.yaml"
    out.parent.mkdir()
    assert main(["rules", "import-pps", str(SAMPLE), "-o", str(out)]) == 0
    assert "imported" in capsys.readouterr().out
    assert main(["rules", "import-pps", str(SAMPLE), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["rules", "import-pps", str(SAMPLE), "-o", str(out), "--force"]) == 0
    doc = tmp_path / "paper.txt"
    doc.write_text("We trained a profound learning model with counterfeit consciousness.\n")
    capsys.readouterr()
    assert main(["check", "--format", "json", "--grammar", "off", "--rules", str(out.parent),
                 str(doc)]) == 1
    import json
    ids = {f["rule_id"] for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]}
    assert ids & {"tortured.artificial-intelligence", "tortured.deep-learning"} or \
        any(i.startswith("pps.") for i in ids)
