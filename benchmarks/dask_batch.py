#!/usr/bin/env python3
"""The Dask engine at scale, on this machine.

    python benchmarks/dask_batch.py audit --docs 10000 --workers 1 [--keep DIR]
    python benchmarks/dask_batch.py cluster --signatures 1000000 --workers 2

`audit`: generates N documents (benchmarks/spin_generator.py: families of spun copies and
unrelated documents), starts a LocalCluster of W worker processes (one thread each), and
runs `auditor batch --engine dask --format parquet` on it in this process (grammar off).
Records the cluster's start (each worker builds the spaCy pipeline once), wall time of the
audit with families and of its two stages (the audit stage ends when the last partition's
part file appears; the families stage is the rest), documents and words per second, peak
RSS of each worker process and
of this process (client and scheduler), sampled every 0.2 s with psutil, and the families'
purity and recall against the generator's labels.

`cluster`: the families stage alone on N synthetic signatures made on the workers in
blocks of 20,000 (no block is ever sent to the client): 80% of documents fall in families
of 5 whose members keep each of the source's 128 MinHash values with probability 0.6 (two
copies agree on about 36% of values, like spun copies at 20-30% swaps), 20% are unrelated.
Members of a family are spread over all blocks. Times LSH banding, the shuffle, the
verifying join and union-find, and reports families found against the 0.8 N / 5 expected.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


class Sampler(threading.Thread):
    """Peak RSS per process of this process's tree (workers live under their nannies)."""

    def __init__(self, progress: Path | None = None, parts: int = 0) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, tuple[str, int]] = {}
        self.stop = threading.Event()
        self.progress = progress  # a documents/ folder: its part files are counted
        self.parts = parts  # how many there will be: the audit stage ends with the last
        self.audited_at: float | None = None  # perf_counter() when it appeared
        self.cpu: dict[int, float] = {}  # worker pid -> CPU seconds (user + system) so far
        self.cpu_audited: float | None = None  # the workers' CPU seconds at audited_at
        self.began = time.perf_counter()

    def run(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            for p in [me, *me.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss
                    kind = "client+scheduler" if p.pid == me.pid else (
                        "worker" if p.children() == [] else "nanny")
                    _, old = self.peaks.get(p.pid, (kind, 0))
                    self.peaks[p.pid] = (kind, max(old, rss))
                    if kind == "worker":
                        t = p.cpu_times()
                        self.cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            time.sleep(0.2)
            if self.audited_at is None and self.parts and self.progress is not None \
                    and self.progress.exists() \
                    and len(list(self.progress.glob("part-*"))) >= self.parts:
                self.audited_at = time.perf_counter()
                self.cpu_audited = sum(self.cpu.values())
            ticks = int((time.perf_counter() - self.began) / 30)
            if self.progress is not None and ticks > getattr(self, "_ticks", 0):
                self._ticks = ticks  # a line every 30 s, for a run stopped before its end
                parts = len(list(self.progress.glob("part-*"))) if self.progress.exists() else 0
                print(json.dumps({"elapsed_s": round(time.perf_counter() - self.began),
                                  "parts_done": parts, "peaks_mb": self.summary()}),
                      file=sys.stderr, flush=True)

    def summary(self) -> dict:
        out: dict[str, list[int]] = {}
        for kind, peak in self.peaks.values():
            out.setdefault(kind, []).append(peak // 2**20)
        return out


def local_cluster(workers: int):
    from distributed import LocalCluster
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address=":0", silence_logs=logging.ERROR)


def audit(args) -> dict:
    from distributed import Client
    from families import scores
    from spin_generator import generate

    from auditor import sources
    from auditor.core.runner import Options
    from auditor.engines import dask_engine

    folder = args.keep or Path(tempfile.mkdtemp(prefix="auditor-dask-")) / "docs"
    if not (folder / "labels.json").exists():
        generate(folder, args.docs, seed=args.seed)
    labels = json.loads((folder / "labels.json").read_text())
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in folder.glob("*.txt"))
    out = Path(tempfile.mkdtemp(prefix="auditor-dask-out-"))
    partitions = sources.plan([str(folder)], args.partition_docs)
    sampler = Sampler(out / "documents", len(partitions))
    sampler.start()
    began = time.perf_counter()
    with local_cluster(args.workers) as cluster, Client(cluster) as client:
        options = Options(grammar="off", families=True, time_budget=None)
        plugin = dask_engine.AuditorPlugin(options)
        client.register_plugin(plugin, name=plugin.name)  # time the pipeline builds apart
        started = time.perf_counter() - began
        t0 = time.perf_counter()
        found, done, first_family = [], None, None
        for kind, item in dask_engine.run(partitions, options,
                                          scheduler=cluster.scheduler_address,
                                          folder=str(out)):
            if kind == "family":
                first_family = first_family or time.perf_counter()
                found.append([Path(m).name for m in item["members"]])
            elif kind == "done":
                done = item
        wall = time.perf_counter() - t0
    sampler.stop.set()
    s = scores(found, labels)
    mem = sampler.summary()
    audited = sampler.audited_at - t0 if sampler.audited_at else None
    return {"docs": done["documents"], "words": words, "workers": args.workers,
            "cluster_start_s": round(started, 1), "wall_s": round(wall, 1),
            # the audit stage ends when the last partition's part file appears; the families
            # stage (shuffle, union-find, alignment and source proposal) is the rest
            "audit_stage_s": audited and round(audited, 1),
            "families_stage_s": audited and round(wall - audited, 1),
            "first_family_after_s": first_family and round(first_family - t0 - audited, 1)
            if audited else None,
            # CPU seconds of the worker processes: less moved by other jobs than wall time
            "families_stage_worker_cpu_s": audited and round(
                sum(sampler.cpu.values()) - sampler.cpu_audited, 1),
            "docs_per_s": round(done["documents"] / wall, 1),
            "words_per_s": round(words / wall),
            "peak_worker_mb": mem.get("worker"), "peak_client_scheduler_mb":
            mem.get("client+scheduler"), "families_found": s["found_families"],
            "families_true": s["true_families"], "purity": round(s["purity"], 3),
            "recall": round(s["recall"], 3)}


BLOCK = 20_000
FAMILY = 5
KEEP = 0.6
NUM_PERM = 128


def synthetic_block(index: int, total: int, seed: int):
    """Block `index` of `total` synthetic signatures (see the module docstring)."""
    from auditor.engines.dask_families import make_block

    start, stop = index * BLOCK, min(total, (index + 1) * BLOCK)
    g = np.arange(start, stop, dtype=np.int64)
    spread = (g * 7_919_923) % total  # a bijection when gcd(7919923, total) == 1
    in_family = spread < int(total * 0.8)
    family = spread // FAMILY
    rng = np.random.default_rng([seed, index])
    values = rng.integers(0, 2**32 - 1, size=(len(g), NUM_PERM), dtype=np.uint64)
    for row in np.flatnonzero(in_family):
        source = np.random.default_rng([seed, 10**9 + int(family[row])]).integers(
            0, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
        keep = rng.random(NUM_PERM) < KEEP
        values[row, keep] = source[keep]
    names = [f"{int(x)}" for x in g]
    return make_block(index, names, names, [None] * len(names), values)


def cluster_stage(args) -> dict:
    from distributed import Client, wait

    from auditor.engines import dask_families

    total = args.signatures
    sampler = Sampler()
    sampler.start()
    with local_cluster(args.workers) as cluster, Client(cluster) as client:
        t0 = time.perf_counter()
        blocks = [client.submit(synthetic_block, i, total, args.seed, pure=False)
                  for i in range(-(-total // BLOCK))]
        wait(blocks)
        made = time.perf_counter() - t0
        t1 = time.perf_counter()
        found = dask_families.cluster(client, blocks, 0.2)
        clustered = time.perf_counter() - t1
    sampler.stop.set()
    sizes = np.bincount([len(f) for f in found]) if found else np.zeros(1, int)
    mem = sampler.summary()
    return {"signatures": total, "workers": args.workers, "blocks": len(blocks),
            "make_signatures_s": round(made, 1), "cluster_s": round(clustered, 1),
            "families_found": len(found), "families_expected": int(total * 0.8) // FAMILY,
            "family_sizes": {i: int(n) for i, n in enumerate(sizes) if n},
            "peak_worker_mb": mem.get("worker"),
            "peak_client_scheduler_mb": mem.get("client+scheduler")}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("audit")
    a.add_argument("--docs", type=int, default=10_000)
    a.add_argument("--workers", type=int, default=2)
    a.add_argument("--partition-docs", type=int, default=100)
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--keep", type=Path, help="generate into (and reuse) this folder")
    c = sub.add_parser("cluster")
    c.add_argument("--signatures", type=int, default=1_000_000)
    c.add_argument("--workers", type=int, default=2)
    c.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    result = audit(args) if args.mode == "audit" else cluster_stage(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
