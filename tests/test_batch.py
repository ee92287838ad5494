"""Folder audits (`auditor batch`): families in every format, learned rule packs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.lexicon.loader import load_file



SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def folder(tmp_path):
    # the three spun copies shipped in samples/ (byte for byte ../shared/seeds), so these
    # tests run in CI too
    for path in sorted(SAMPLES.glob("0*.txt")):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "other.txt").write_text(
        "Community gardens turn vacant lots into shared green space. Residents share tools "
        "and seedlings, and over a season these small exchanges build trust.\n")
    return tmp_path


def test_json_reports_the_family_with_template_and_source(folder, capsys):
    assert main(["batch", "--format", "json", "--grammar", "off", str(folder)]) == 1
    data = json.loads(capsys.readouterr().out)
    (family,) = data["families"]
    assert sorted(Path(m).name for m in family["members"]) == sorted(
        p.name for p in folder.glob("0*.txt"))
    assert "{" in family["template"] and family["slots"]
    assert "Sheffield Hallam University" in family["source_text"]
    assert any("near me" in i["text"] for i in family["insertions"])
    assert set(family["swapped_slots"]) == set(family["members"])
    # the family raises each member's spin evidence; the unrelated text is untouched
    docs = {Path(d["path"]).name: d for d in data["documents"]}
    for member in family["members"]:
        scores = docs[Path(member).name]["scores"]
        assert scores["family"] == 1 and scores["family_swapped_slots"] > 10
        assert scores["spin_density_with_family"] > scores["spin_density"]
        assert docs[Path(member).name]["verdict_with_family"] == "spun"
    assert "family" not in docs["other.txt"]["scores"]


def test_jsonl_and_rich_and_no_families(folder, capsys):
    main(["batch", "--format", "jsonl", "--grammar", "off", "-j", "2", str(folder)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["type"] for line in lines] == ["document"] * 4 + ["family"]
    main(["batch", "--grammar", "off", "--no-text", str(folder)])
    out = capsys.readouterr().out
    assert "family 1: 3 near-duplicate documents" in out
    assert out.index("verdict") < out.index("family 1")
    main(["batch", "--format", "json", "--grammar", "off", "--no-families", str(folder)])
    assert json.loads(capsys.readouterr().out)["families"] == []
    main(["check", "--format", "json", "--grammar", "off", str(folder)])
    assert json.loads(capsys.readouterr().out)["families"] == []
    main(["check", "--format", "json", "--grammar", "off", "--families", str(folder)])
    assert len(json.loads(capsys.readouterr().out)["families"]) == 1


def test_learn_writes_a_loadable_pack_and_refuses_to_overwrite(folder, tmp_path, capsys):
    out = tmp_path / "learned" / "learned.yaml"
    out.parent.mkdir()
    assert main(["learn", str(folder), "-o", str(out)]) == 0
    assert "rules written" in capsys.readouterr().out
    rules = load_file(out).rules
    assert rules and all(r.id.startswith("learned.") for r in rules)
    before = out.read_bytes()
    assert main(["learn", str(folder), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
