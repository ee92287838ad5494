"""The expression inventory and synonym relation: the loader on the shipped tables, and the
pure functions of scripts/build_tables.py on a small fake WordNet (WordNet itself is not
needed: the suite cannot assume it is installed)."""
from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

from auditor.lexicon import inventory

ROOT = Path(__file__).resolve().parent.parent


def _load_build_tables():
    spec = importlib.util.spec_from_file_location("build_tables", ROOT / "scripts" / "build_tables.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_tables", module)     # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


bt = _load_build_tables()

# --- the shipped tables ----------------------------------------------------------------


@pytest.mark.parametrize("text, source", [
    ("sense of community", "curated"),
    ("artificial intelligence", "curated"),
    ("random forest", "curated"),
    ("signal - to - noise", "curated"),
    ("findings suggest", "curated"),
    ("sheffield hallam university", "curated"),
    ("a cappella", "wordnet-phrase"),
    ("take a breather", "wordnet-phrase"),
])
def test_known_expressions_and_their_source(text, source):
    expr = tuple(text.split(" "))
    assert expr in inventory.expressions()
    assert inventory.expression_source(expr) == source


@pytest.mark.parametrize("text", [
    "sense of neighborhood",        # the spun forms are not expressions
    "counterfeit consciousness",
    "irregular woodland",
    "sheffield hallam college",
    "abraham lincoln",              # proper names from WordNet are dropped
])
def test_unknown_expressions(text):
    expr = tuple(text.split(" "))
    assert expr not in inventory.expressions()
    assert inventory.expression_source(expr) is None


def test_expressions_are_lowercase_multi_token_tuples():
    exprs = inventory.expressions()
    assert len(exprs) > 40_000
    assert all(len(e) >= 2 for e in exprs)
    assert all(" ".join(e) == " ".join(e).lower() for e in exprs)
    assert all(tok and " " not in tok for e in exprs for tok in e)


@pytest.mark.parametrize("word, synonym", [
    ("community", "neighborhood"),   # curated spinner thesaurus
    ("findings", "searchings"),
    ("artificial", "counterfeit"),
    ("intelligence", "consciousness"),
    ("deep", "profound"),
    ("forest", "woodland"),          # WordNet
    ("large", "big"),
])
def test_synonyms_are_symmetric(word, synonym):
    assert synonym in inventory.synonyms(word)
    assert word in inventory.synonyms(synonym)
    assert inventory.are_synonyms(word, synonym) and inventory.are_synonyms(synonym, word)


def test_synonyms_edge_cases():
    assert inventory.synonyms("qwxzv") == frozenset()
    assert inventory.synonyms("Community") == inventory.synonyms("community")
    assert not inventory.are_synonyms("community", "community")
    assert not inventory.are_synonyms("forest", "cancer")
    assert isinstance(inventory.synonyms("forest"), frozenset)


def test_licence_notice_ships_with_the_tables():
    text = (ROOT / "auditor" / "data" / "WORDNET_LICENSE.txt").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in text


# --- scripts/build_tables.py on a fake WordNet -----------------------------------------

LICENCE_HEADER = (
    "  1 This software and database is being provided to you, the LICENSEE, by  \n"
    "  2 Princeton University under the following license.  \n"
    "  3 WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.  \n"
)
DATA_NOUN = LICENCE_HEADER + (
    "00000001 03 n 02 forest 0 woodland 0 000 | the trees and other plants in a large area  \n"
    "00000002 03 n 03 heart_attack 0 coronary 0 Abraham_Lincoln 0 000 | a sudden failure  \n"
    "00000003 03 n 02 signal-to-noise_ratio 0 catch-22 0 000 | a ratio  \n"
    "00000004 03 n 03 timber 0 woods 0 Forest 0 000 | trees in an area  \n"
)
DATA_ADJ = LICENCE_HEADER + (
    "00000001 00 a 02 big(a) 0 large 0 000 | above average in size  \n"
    "00000002 00 s 02 ad_hoc(ip) 0 improvised 0 000 | for a purpose  \n"
)
INDEX_NOUN = LICENCE_HEADER + (
    "forest n 2 1 @ 2 0 00000001 00000004  \n"
    "woodland n 1 1 @ 1 0 00000001  \n"
    "timber n 1 1 @ 1 0 00000004  \n"
    "woods n 1 1 @ 1 0 00000004  \n"
    "coronary n 1 1 @ 1 0 00000002  \n"
)
INDEX_ADJ = LICENCE_HEADER + (
    "big a 1 1 & 1 0 00000001  \n"
    "large a 1 1 & 1 0 00000001  \n"
    "improvised a 1 1 & 1 0 00000002  \n"
)


@pytest.fixture
def fake_wordnet(tmp_path):
    wn = tmp_path / "wordnet"
    wn.mkdir()
    files = {"data.noun": DATA_NOUN, "data.adj": DATA_ADJ, "index.noun": INDEX_NOUN,
             "index.adj": INDEX_ADJ}
    for pos in ("verb", "adv"):
        files[f"data.{pos}"] = files[f"index.{pos}"] = LICENCE_HEADER
    for name, text in files.items():
        (wn / name).write_text(text, encoding="utf-8")
    return wn


def test_parse_data_line():
    assert bt.parse_data_line("  1 This software and database", "n") is None
    synset = bt.parse_data_line("00000002 00 s 02 ad_hoc(ip) 0 improvised 0 000 | gloss  ", "a")
    assert synset == bt.Synset("a", "00000002", ("ad_hoc", "improvised"))
    # the word count is hexadecimal
    line = "00000009 03 n 0a " + " ".join(f"w{i} 0" for i in range(10)) + " 000 | gloss"
    assert len(bt.parse_data_line(line, "n").words) == 10


def test_parse_index_line():
    assert bt.parse_index_line("forest n 2 1 @ 2 0 00000001 00000004  ") == (
        "forest", "n", ("00000001", "00000004"))
    assert bt.parse_index_line("  2 Princeton University") is None


def test_wordnet_expressions_keep_lowercase_multiword_lemmas(fake_wordnet):
    synsets, _ = bt.read_wordnet(fake_wordnet)
    lemmas = bt.wordnet_expression_lemmas(synsets.values())
    assert lemmas == {"heart attack", "signal-to-noise ratio", "ad hoc"}   # no names, no digits


def test_wordnet_synonyms_single_words_symmetric_and_capped(fake_wordnet):
    synsets, index = bt.read_wordnet(fake_wordnet)
    relation = bt.wordnet_synonyms(synsets, index)
    assert relation["forest"] == {"woodland", "timber", "woods"}
    assert "forest" in relation["woods"] and "large" in relation["big"]
    assert "Forest" not in relation.get("timber", set())
    # the cap keeps the most frequent sense first (woodland before timber, woods)
    capped = bt.wordnet_synonyms(synsets, index, cap=1)
    assert capped["forest"] == {"woodland"} and "forest" not in capped["timber"]
    assert "big" not in bt.wordnet_synonyms(synsets, index, keep=lambda w: w != "large")


def test_curated_files_and_errors(tmp_path):
    thesaurus = tmp_path / "thesaurus.txt"
    thesaurus.write_text("# spinner swaps\ncommunity: neighborhood area  # inline comment\n"
                         "-area: country\n", encoding="utf-8")
    add, remove = bt.read_thesaurus(thesaurus)
    assert add["community"] == {"neighborhood", "area"} and add["area"] == {"community"}
    assert remove == {frozenset({"area", "country"})}
    thesaurus.write_text("ok: fine\ncommunity neighborhood\n", encoding="utf-8")
    with pytest.raises(bt.InputError, match=r"thesaurus.txt:2:"):
        bt.read_thesaurus(thesaurus)
    thesaurus.write_text("big: large data\nrandom: ad-hoc\n", encoding="utf-8")
    with pytest.raises(bt.InputError, match=r":2: 'ad-hoc' is not a single lowercase word"):
        bt.read_thesaurus(thesaurus)

    expressions = tmp_path / "expressions.txt"
    expressions.write_text("# c\nSense of  Community\n\nforest\n", encoding="utf-8")
    curated = bt.read_curated_expressions(expressions)
    assert curated == [(2, "sense of community"), (4, "forest")]
    with pytest.raises(bt.InputError, match=r":4: 'forest' is a single token"):
        bt.expression_table(set(), curated, bt.tokenizer())


def test_expression_table_tokenises_like_spacy():
    table, overlap = bt.expression_table({"signal-to-noise ratio", "heart attack", "x-ray"},
                                         [(1, "heart attack"), (2, "alzheimer's disease")],
                                         bt.tokenizer())
    assert table == {"signal - to - noise ratio": "wordnet", "heart attack": "curated",
                     "x - ray": "wordnet", "alzheimer 's disease": "curated"}
    assert overlap == 1


def test_build_is_reproducible(fake_wordnet, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "expressions.txt").write_text("sense of community\nbig data\n", encoding="utf-8")
    (rules / "thesaurus.txt").write_text("community: neighborhood\n-big: large\n", encoding="utf-8")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        assert bt.main(["--wordnet", str(fake_wordnet), "--rules", str(rules), "--out", str(out)]) == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    files = outputs[0]
    assert set(files) == {"expressions.tsv.gz", "synonyms.tsv.gz", "WORDNET_LICENSE.txt"}
    rows = gzip.decompress(files["expressions.tsv.gz"]).decode().splitlines()
    assert rows[0].startswith("# built by scripts/build_tables.py")
    assert "sense of community\tcurated" in rows and "heart attack\twordnet" in rows
    synonyms = dict(r.split("\t") for r in gzip.decompress(files["synonyms.tsv.gz"]).decode().splitlines()[1:])
    assert synonyms["neighborhood"] == "<community"   # a spinner's swap for 'community'
    assert synonyms["community"] == "neighborhood"
    assert "large" not in synonyms.get("big", "").split()        # removed by '-big: large'
    assert files["WORDNET_LICENSE.txt"].decode().startswith("This software and database")


def test_build_without_wordnet_fails_with_a_hint(tmp_path, capsys):
    assert bt.main(["--wordnet", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "wordnet-base" in capsys.readouterr().err


def test_spinner_originals_follow_the_thesaurus_direction():
    assert "community" in inventory.spinner_originals("neighborhood")
    assert "neighborhood" not in inventory.spinner_originals("community")
    assert inventory.spinner_originals("neighborhood") <= inventory.synonyms("neighborhood")
    assert not any(s.startswith("<") for s in inventory.synonyms("neighborhood"))
