"""Cost of loading the generated tables: time and memory added to a process, from a warm
on-disk cache (every run after the first) and from a cold one (the first run after install).

    pip install .[bench]
    python benchmarks/tables.py [--runs 3]

Each measurement is a fresh Python process that imports auditor's modules first, then loads
(1) the generated tables (the expression inventory and synonym relation that
`scripts/build_tables.py` makes, and the near-miss index built from them), which the 1 s /
300 MB target of the near-miss issue is about, and (2) all other data a run needs: the lemma
table, wordfreq's English table, the CMU pronouncing dictionary (the last two are SQLite
tables queried in place) and pyphen's hyphenation patterns, and (3) the context model
(`auditor/data/context`, memory-mapped, not cached: cold and warm are alike). A cold cache is the first run
after installing (or upgrading) auditor; every later run reads the cache.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

MAX_S, MAX_MB = 1.0, 300

CHILD = r"""
import json, time, psutil
from auditor.lexicon import frequency, inventory, lemmas
from auditor.detectors import nearmiss
process = psutil.Process()
rss0, t0 = process.memory_info().rss, time.perf_counter()
# the tables scripts/build_tables.py generates, and the near-miss index built from them
inventory.expression_table()
inventory.words_with_synonyms()
inventory.synonyms("community")
nearmiss._index()
rss1, t1 = process.memory_info().rss, time.perf_counter()
# the other data every run needs: lemmas, word frequencies, pronunciations, hyphenation
lemmas.table()
lemmas.listed_forms("take")
frequency.zipf("community")
from auditor.checks import readability  # fills pyphen's dictionary cache on import
readability._cmu().get("community")
rss2, t2 = process.memory_info().rss, time.perf_counter()
# the context model (memory-mapped arrays and tries: only the pages touched are read)
from auditor.lexicon import langmodel, thesaurus
langmodel.count("sense of community")
langmodel.count("our github repository")
thesaurus.original_ids("storehouse")
thesaurus.term_words()
rss3, t3 = process.memory_info().rss, time.perf_counter()
print(json.dumps({"generated": [t1 - t0, (rss1 - rss0) / 2**20],
                  "all": [t2 - t0, (rss2 - rss0) / 2**20],
                  "context": [t3 - t2, (rss3 - rss2) / 2**20]}))
"""


def measure(cache_dir: str) -> dict:
    env = {**os.environ, "AUDITOR_CACHE_DIR": cache_dir}
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(measure(cache))  # empty cache: tables built from the shipped files
            warm.append(measure(cache))  # the same cache, now filled
    for cache, rows in (("warm cache", warm), ("cold cache", cold)):
        for group, label in (("generated", "generated tables"), ("all", "all data"),
                             ("context", "context model")):
            seconds = min(r[group][0] for r in rows)
            mb = max(r[group][1] for r in rows)
            verdict = "PASS" if seconds < MAX_S and mb < MAX_MB else "FAIL"
            print(f"{cache}, {label}: {seconds:.2f} s (best of {args.runs}), +{mb:.0f} MB "
                  f"(largest) [targets < {MAX_S:g} s, < {MAX_MB} MB: {verdict}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
