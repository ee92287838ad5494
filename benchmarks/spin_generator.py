"""Make a folder of synthetic spun copies, with the true families recorded.

    python benchmarks/spin_generator.py OUT_DIR --docs 10000 [--seed 1]

Sources are passages of the clean corpora in `../shared/corpora/clean` (documents cut at
paragraph breaks into passages of 120-400 words; passages that are near duplicates of one
another, such as templated MedQuAD answers, are dropped so that every source is distinct),
or, without `../shared`, sentences assembled from a small built-in text. Each family is one
source spun into 2-60 copies the way article spinners work: the family gets one spintax
(for each spinnable word, up to three synonyms from `auditor/data/synonyms.tsv.gz`, or
from a small built-in list), and every copy replaces 20-30% (`--rate`) of its words with one of them;
30% of copies also get an SEO keyword inserted mid-sentence, and 20% of families include
the unspun source. The rest of the folder is unrelated documents (other passages, unspun).

Writes `OUT_DIR/*.txt` in shuffled order and `OUT_DIR/labels.json`:
`{file: {"family": source id, "spun": bool}}`; files with the same family are copies of one
source. Everything is deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT.parent / "shared" / "corpora" / "clean"
sys.path.insert(0, str(ROOT))

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been
being it its this that these those he she they we you i me him her them us my your our their his
not no so than then there here what which who whom whose when where why how all any both each
few more most other some such only own same too very can will just do does did done have has had
would should could may might must shall also about into over under again further once up down out
off above below between through during before after while because until against""".split())
BUILTIN_SYNONYMS = {
    "help": ["assist", "aid"], "people": ["individuals", "persons"], "use": ["utilize", "employ"],
    "important": ["essential", "crucial"], "show": ["demonstrate", "display"],
    "find": ["locate", "discover"], "get": ["obtain", "acquire"], "make": ["create", "produce"],
    "need": ["require"], "start": ["begin", "commence"], "large": ["big", "huge"],
    "small": ["little", "tiny"], "many": ["numerous", "several"], "often": ["frequently"],
    "common": ["typical", "usual"], "problem": ["issue", "trouble"], "support": ["assistance"],
    "group": ["team", "system"], "community": ["neighborhood", "area"], "study": ["research"],
    "results": ["outcomes", "findings"], "change": ["alter", "modify"], "new": ["brand-new"],
    "good": ["excellent", "great"], "work": ["job", "task"], "school": ["institution"],
    "time": ["period", "duration"], "city": ["town"], "world": ["globe"], "began": ["started"],
    "developed": ["established", "created"], "provide": ["supply", "offer", "give"],
}
BUILTIN_TEXT = """Peer support groups enable people to meet others with similar experiences and
connect with them in a safe space. The city council began a new programme to help small
businesses find premises near the old market. Researchers developed a simple test that shows
whether the treatment works for most patients. Many schools now use online tools to support
students who need extra help with reading. The river flooded the lower town twice in the last
decade, and the council built a new wall to protect the houses. Good sleep is important for
memory, mood and the immune system."""
KEYWORDS = ["online therapy", "best vpn deals", "cheap flights near me", "cbt therapy",
            "buy instagram followers", "personal injury lawyer", "weight loss pills",
            "find a therapist", "crypto trading app", "home insurance quotes"]
_TOKEN = re.compile(r"([^\W\d_]+(?:'[^\W\d_]+)?)")


def load_synonyms() -> dict[str, list[str]]:
    path = ROOT / "auditor" / "data" / "synonyms.tsv.gz"
    if not path.exists():
        return dict(BUILTIN_SYNONYMS)
    table = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            word, rest = line.rstrip("\n").split("\t", 1)
            options = [w for w in rest.split() if w.isalpha()]
            if options and word not in STOP:
                table[word] = options
    return table


def _passages(text: str, low: int = 120, high: int = 400) -> list[str]:
    out, current = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        current.append(para.strip())
        size = sum(len(p.split()) for p in current)
        if size >= high or (size >= low * 2):
            out.append("\n\n".join(current))
            current = []
    if current and sum(len(p.split()) for p in current) >= low:
        out.append("\n\n".join(current))
    return out


def load_sources(rng: random.Random, needed: int) -> tuple[list[str], str]:
    """Distinct source passages: (texts, where they come from)."""
    if CLEAN.is_dir():
        from auditor.families import minhash as families
        passages = []
        for path in sorted(CLEAN.glob("*/*.txt")):
            passages += _passages(path.read_text(encoding="utf-8"))
        signatures = {i: families.signature(p) for i, p in enumerate(passages)}
        drop = {i for fam in families.cluster(signatures, 0.1) for i in fam}
        kept = [p for i, p in enumerate(passages) if i not in drop]
        rng.shuffle(kept)
        return kept, f"{len(kept)} distinct passages of {CLEAN}"
    sentences = [s.strip() for s in re.split(r"(?<=\.)\s+", BUILTIN_TEXT) if s.strip()]
    words = BUILTIN_TEXT.lower().split()
    out = []
    for _ in range(needed):  # shuffled sentences with random words: unrelated to each other
        body = [rng.choice(sentences) + " " + " ".join(rng.sample(words, 12)) + "."
                for _ in range(12)]
        out.append(" ".join(body))
    return out, "built-in text (../shared is absent)"


class Spinner:
    def __init__(self, synonyms: dict[str, list[str]], rng: random.Random,
                 rate: tuple[float, float] = (0.20, 0.30)):
        self.synonyms, self.rng, self.rate = synonyms, rng, rate

    def spintax(self, text: str) -> dict[str, list[str]]:
        words = {w.lower() for w in _TOKEN.findall(text)}
        return {w: self.rng.sample(self.synonyms[w], min(3, len(self.synonyms[w])))
                for w in sorted(words) if w in self.synonyms}

    def spin(self, text: str, spintax: dict[str, list[str]], keyword: bool) -> str:
        parts = _TOKEN.split(text)
        words = [i for i in range(1, len(parts), 2)]
        eligible = [i for i in words if parts[i].lower() in spintax]
        rate = self.rng.uniform(*self.rate)
        p = min(1.0, rate * len(words) / max(1, len(eligible)))
        for i in eligible:
            if self.rng.random() < p:
                new = self.rng.choice(spintax[parts[i].lower()])
                parts[i] = new.capitalize() if parts[i][:1].isupper() else new
        if keyword and len(words) > 20:
            i = self.rng.choice(words[5:-5])
            parts[i] += " " + self.rng.choice(KEYWORDS)
        return "".join(parts)


def family_sizes(rng: random.Random, docs: int, families: int) -> list[int]:
    sizes = [2] * families
    weights = [rng.paretovariate(1.5) for _ in range(families)]
    total = sum(weights)
    extra = docs - 2 * families
    for k in range(families):
        sizes[k] += min(58, int(extra * weights[k] / total))
    k = 0
    while sum(sizes) < docs:  # hand out what rounding and the cap left over
        if sizes[k % families] < 60:
            sizes[k % families] += 1
        k += 1
    return sizes


def generate(out: Path, docs: int, seed: int = 1, unrelated: float = 0.2,
             mean_family: float = 12.0, rate: tuple[float, float] = (0.20, 0.30)) -> dict:
    """Write the folder; returns a summary (counts, source of the text)."""
    rng = random.Random(seed)
    sources, origin = load_sources(rng, docs)
    n_unrelated = min(round(docs * unrelated), len(sources) // 2)
    n_families = max(1, min(len(sources) - n_unrelated, round((docs - n_unrelated) / mean_family)))
    n_families = min(n_families, (docs - n_unrelated) // 2)
    sizes = family_sizes(rng, docs - n_unrelated, n_families)
    spinner = Spinner(load_synonyms(), rng, rate)
    items = []
    for f, size in enumerate(sizes):
        source = sources[f]
        spintax = spinner.spintax(source)
        with_source = rng.random() < 0.2
        for c in range(size):
            if with_source and c == 0:
                items.append((f"src{f}", False, source))
            else:
                items.append((f"src{f}", True, spinner.spin(source, spintax, rng.random() < 0.3)))
    for u in range(n_unrelated):
        items.append((f"src{n_families + u}", False, sources[n_families + u]))
    rng.shuffle(items)
    out.mkdir(parents=True, exist_ok=True)
    labels = {}
    for i, (family, spun, text) in enumerate(items):
        name = f"doc{i:06d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        labels[name] = {"family": family, "spun": spun}
    (out / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return {"docs": len(items), "families": n_families, "unrelated": n_unrelated,
            "largest": max(sizes), "origin": origin}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--unrelated", type=float, default=0.2,
                        help="share of documents that belong to no family (default 0.2)")
    parser.add_argument("--rate", type=float, nargs=2, default=(0.20, 0.30), metavar=("LO", "HI"),
                        help="each copy replaces a share of its words drawn from [LO, HI] "
                             "(default 0.2 0.3)")
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.docs, args.seed, args.unrelated,
                              rate=tuple(args.rate))))


if __name__ == "__main__":
    main()
