"""Families of spun copies: clustering, alignment into a template, source proposal, learning."""
from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys

import pytest

from auditor.core import pipeline
from auditor.core.errors import UsageError
from auditor.core.findings import Severity
from auditor.detectors.base import findings_from_doc
from auditor.families import minhash as families
from auditor.families.alignment import build_template, tokenize
from auditor.families.learn import learned_rules, write_learned
from auditor.lexicon.loader import load_file

from .conftest import GOLD, ROOT

SAMPLES = ROOT / "samples"
SEEDS = sorted(SAMPLES.glob("0*.txt"))

VARIANTS = {
    "a": "Peer support groups allow people to meet others in a safe space.",
    "b": "Peer support system allow people to satisfy others in a safe space.",
    "c": "Peer support teams allow people to meet others in a safe space.",
}


@pytest.fixture(scope="module")
def nlp():
    return pipeline.build()


def _texts(paths) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def test_seeds_form_one_family_and_clean_text_stays_out():
    docs = _texts(SAMPLES.glob("*.txt"))
    assert len(docs) == 4
    found = families.find_families(docs.items())
    assert found == [sorted(p.name for p in SEEDS)]


def test_unrelated_and_empty_texts_are_not_grouped():
    docs = {"x": "", "y": "   ", "z": "The cat sat on the mat.",
            "w": "Quarterly revenue rose by four percent in Europe."}
    assert families.find_families(docs.items()) == []


def test_signatures_computed_elsewhere_cluster_the_same():
    """Workers compute signatures in other processes (other hash seeds); the parent clusters."""
    texts = _texts(SEEDS)
    here = {name: families.signature(text) for name, text in texts.items()}
    code = ("import json, sys; from auditor.families import minhash as families; "
            "print(json.dumps(families.signature(sys.stdin.read()).hashvalues.tolist()))")
    name = SEEDS[0].name
    other = subprocess.run([sys.executable, "-c", code], input=texts[name], text=True,
                           capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "123"}, cwd=ROOT)
    assert json.loads(other.stdout) == here[name].hashvalues.tolist()
    shipped = {k: pickle.loads(pickle.dumps(v)) for k, v in here.items()}
    assert families.cluster(shipped) == [sorted(texts)]
    arrays = {k: v.hashvalues.copy() for k, v in here.items()}  # compact numpy signatures
    assert families.cluster(arrays) == [sorted(texts)]
    assert len(pickle.dumps(here[name])) < 2000


def test_near_duplicates_need_the_threshold():
    base = " ".join(f"word{i}" for i in range(300))
    copy = base.replace("word7 ", "other ").replace("word100 ", "x ")
    sig = {"a": families.signature(base), "b": families.signature(copy),
           "c": families.signature(" ".join(f"term{i}" for i in range(300)))}
    assert families.similarity(sig["a"], sig["b"]) > 0.9
    assert families.cluster(sig) == [["a", "b"]]


def test_template_slots_and_counts():
    template = build_template(VARIANTS)
    assert template.pivot == "a"
    slots = [[(alt.text, alt.count) for alt in slot.alternatives] for slot in template.slots]
    assert slots == [[("groups", 1), ("system", 1), ("teams", 1)],
                     [("meet", 2), ("satisfy", 1)]]
    assert template.spintax() == ("Peer support {groups|system|teams} allow people to "
                                  "{meet|satisfy} others in a safe space.")
    assert "{meet (2)|satisfy (1)}" in template.spintax(counts=True)
    span = template.slots[1].spans["b"]
    assert VARIANTS["b"][span[0]:span[1]] == "satisfy"
    assert template.insertions == []


def test_multiword_swap_is_one_slot_and_offsets_point_into_members():
    texts = {"a": "They can connect with them easily.", "b": "They can get in touch with them easily.",
             "c": "They can connect with them easily."}
    template = build_template(texts)
    (slot,) = template.slots
    assert [(a.text, a.members) for a in slot.alternatives] == [("connect", ["a", "c"]),
                                                                ("get in touch", ["b"])]
    start, end = slot.spans["b"]
    assert texts["b"][start:end] == "get in touch"


def test_inserted_keyword_is_reported_with_offsets():
    texts = dict(VARIANTS)
    texts["d"] = "Peer support groups allow people to meet others online therapy in a safe space."
    template = build_template(texts)
    ((member, text, (start, end)),) = template.insertions
    assert (member, text) == ("d", "online therapy")
    assert texts["d"][start:end] == "online therapy"
    assert "online therapy" not in families.propose_source(template)


def test_keyword_inserted_next_to_a_swap_is_split_off():
    texts = {"a": "It is essential to find a group that helps.",
             "b": "It is essential to discover a group that helps.",
             "c": "It is essential to locate cheap flights near me a group that helps."}
    template = build_template(texts)
    assert [(m, t) for m, t, _ in template.insertions] == [("c", "cheap flights near me")]


def test_source_prefers_the_unflagged_wording_over_the_majority(nlp):
    texts = {
        "a": "The study was run by Sheffield Hallam College and it fosters a sense of neighborhood.",
        "b": "The study was run by Sheffield Hallam College and it fosters a sense of neighborhood.",
        "c": "The study was run by Sheffield Hallam University and it fosters a sense of community.",
    }
    template = build_template(texts)
    assert [a.count for s in template.slots for a in s.alternatives] == [2, 1, 2, 1]
    source = families.propose_source(template, nlp)
    assert source == texts["c"]
    # The source carries neither swap the variants differ by, and nothing a report would
    # show. (The context tier makes one hidden suggestion on a word all variants share:
    # "fosters" -> "has", 10.0 nats, just over its 10-nat floor.)
    flagged = findings_from_doc(nlp(source))
    assert not [f for f in flagged if f.text in ("University", "community")]
    assert not [f for f in flagged if f.severity >= Severity.WARNING]


def test_source_prefers_the_natural_wording(nlp):
    """Neither wording is flagged: word frequency decides against the 2-to-1 majority."""
    texts = {"a": "The results were published in a quarterly bulletin.",
             "b": "The results were promulgated in a quarterly bulletin.",
             "c": "The results were promulgated in a quarterly bulletin."}
    template = build_template(texts)
    assert families.propose_source(template, nlp) == texts["a"]


def test_source_of_the_seeds_repairs_the_known_damage(nlp):
    template = build_template(_texts(SEEDS))
    source = families.propose_source(template, nlp)
    assert "Sheffield Hallam University" in source
    assert "sense of community" in source
    assert "searchings for" not in source
    inserted = {text for _, text, _ in template.insertions}
    assert {"find a therapist", "comprehensive mental health care near me"} <= inserted


def test_learned_pack_loads_and_its_examples_pass(tmp_path, nlp):
    template = build_template(_texts(SEEDS))
    families.choose_sources(template, nlp)
    text = learned_rules([template], nlp)
    path = tmp_path / "learned.yaml"
    write_learned(path, text)
    lexicon = load_file(path)
    assert len(lexicon.rules) >= 20
    assert all(r.id.startswith("learned.") and r.examples_flag and r.examples_ok
               for r in lexicon.rules)
    (permit,) = [r for r in lexicon.rules if "[permit]" in r.sources[0]]
    assert permit.original == "enable" and permit.sources[0].startswith("system [permit] people")
    # swaps the default lexicon already reports are not learned again
    assert not any("college" in r.sources[0] for r in lexicon.rules)
    with_pack = pipeline.build(None, (str(path),))
    for rule in lexicon.rules:
        for example in rule.examples_flag:
            assert rule.id in {f.rule_id for f in findings_from_doc(with_pack(example))}
        for example in rule.examples_ok:
            assert rule.id not in {f.rule_id for f in findings_from_doc(with_pack(example))}


def test_learned_rules_from_tiny_family(nlp):
    text = learned_rules([build_template(VARIANTS)], nlp)
    assert text.startswith("prefix: learned")
    assert "match: people to [satisfy] others" in text


def test_write_learned_never_overwrites_without_force(tmp_path):
    path = tmp_path / "rules" / "learned.yaml"
    write_learned(path, "prefix: learned\nrules: []\n")
    with pytest.raises(UsageError, match="--force"):
        write_learned(path, "changed")
    assert path.read_text() == "prefix: learned\nrules: []\n"
    write_learned(path, "prefix: learned\nrules: []\n# new\n", force=True)
    assert path.read_text().endswith("# new\n")


def test_write_learned_gives_the_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_learned(tmp_path / "learned.yaml", "prefix: learned\nrules: []\n")
        os.umask(0o027)
        write_learned(tmp_path / "other.yaml", "prefix: learned\nrules: []\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "learned.yaml").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "other.yaml").stat().st_mode) == 0o640
    assert not list(tmp_path.glob(".*.tmp"))


def test_tokens_keep_offsets():
    text = "It's risk-free,  really."
    assert [(t.text, text[t.start:t.end], t.ws) for t in tokenize(text)] == [
        ("It's", "It's", " "), ("risk-free", "risk-free", ""), (",", ",", "  "),
        ("really", "really", ""), (".", ".", "")]


def test_source_agrees_with_the_gold_original_on_tortured_swaps(nlp):
    """The three seeds against their gold (tests/data/gold, a copy of ../shared/gold): tortured swaps whose slot holds exactly the
    gold span in that copy (the benchmark measures every span; this is the simple subset)."""
    texts = _texts(SEEDS)
    template = build_template(texts)
    families.choose_sources(template, nlp)
    hits = total = 0
    for name in texts:
        spans = json.loads((GOLD / name.replace(".txt", ".json")).read_text())["spans"]
        for g in spans:
            if g["kind"] != "swap" or g["severity"] != "tortured":
                continue
            slot = next((s for s in template.slots if s.spans[name] == (g["start"], g["end"])), None)
            if slot is None:
                continue
            total += 1
            hits += families.norm(template.chosen(slot).text) == families.norm(g["original"])
    assert total >= 30
    assert hits / total >= 0.75, f"{hits}/{total}"


def test_signature_permutations_are_datasketchs():
    """Workers compute signatures without importing datasketch; the parameters must be the
    ones datasketch itself would use, so signatures stay interchangeable."""
    from datasketch import MinHash

    from auditor.families import minhash as families
    a, b = families._permutations(families.DEFAULT_NUM_PERM)
    expected = MinHash(num_perm=families.DEFAULT_NUM_PERM, seed=families.SEED).permutations
    assert (a.ravel() == expected[0]).all() and (b.ravel() == expected[1]).all()
    text = "Peer support groups enable people to meet others with similar experiences."
    assert (families.signature(text).hashvalues == families.signature_values(text)).all()
