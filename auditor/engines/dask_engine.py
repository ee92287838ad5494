"""`auditor batch --engine dask`: the folder audit on a Dask cluster (`dask.distributed`).

- Every worker builds the spaCy pipeline and loads the tables once, when it starts
  (`AuditorPlugin`, a WorkerPlugin; a worker that restarts builds them again), not per task.
- The sources are listed in the client (`auditor.sources.plan`) and split into partitions
  of `per_partition` documents (a web archive is one partition); a task reads and audits
  one partition on a worker. Partitions of about 100 documents take a few seconds each:
  long enough that scheduling costs nothing, short enough to balance two workers or two
  hundred, and to lose little when a worker dies.
- Results stream out: with `folder` (Parquet), each task writes its partition's part files
  itself and returns a count; otherwise each partition's results come back to the client
  as it finishes (`as_completed`) and are handed on at once. Nothing gathers the batch.
- Signatures stay on the workers, and families are found there
  (`auditor.engines.dask_families`).
- A worker that dies costs its tasks in flight, which Dask runs again elsewhere (and
  recomputes lost results from their lineage). A partition's part files have fixed names,
  so a partition audited twice is written once; a partition's results reach the client
  once.
- `resume`: the documents already in the Parquet output (same path, same content hash)
  are skipped; the families are then found across this run's and the earlier runs'
  signatures.

The per-document time budget (auditor.util.timebudget) relies on SIGALRM in a main thread, so
it does not apply to documents audited in Dask's worker threads.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from distributed import WorkerPlugin

from .. import sources
from ..core.errors import DocumentError
from ..core.runner import Options, _error_result


class AuditorPlugin(WorkerPlugin):
    """Built once per worker: the Runner (spaCy pipeline, lexicon, tables)."""

    def __init__(self, options: Options):
        self.options = options
        self.name = "auditor-" + hashlib.sha256(repr(options).encode()).hexdigest()[:12]
        self.runner = None

    def setup(self, worker) -> None:
        from ..core.runner import Runner
        self.runner = Runner(self.options)
        if self.options.families:
            from ..families import minhash as families  # noqa: F401

    def teardown(self, worker) -> None:
        if self.runner is not None:
            self.runner.close()


def _plugin(name: str) -> AuditorPlugin:
    from distributed import get_worker
    return get_worker().plugins[name]


@dataclass
class Partial:
    """What a partition's task returns."""
    index: int
    count: int  # documents audited
    skipped: int  # already in the output (resume)
    tally: object  # auditor.core.policy.Tally of the partition's documents
    results: list | None  # the results, when they go back to the client
    signatures: object  # a dask_families.SigBlock


def audit_partition(partition, plugin: str, folder: str | None, run: str, skip,
                    policy) -> Partial:
    from ..reporters import parquet_report
    from .dask_families import make_block

    runner = _plugin(plugin).runner
    results, refs, skipped = [], [], 0
    for ref, doc in sources.read(partition):
        if skip and parquet_report.resume_key(ref.path, None if isinstance(
                doc, DocumentError) else parquet_report.text_hash(doc.content)) in skip:
            skipped += 1
            continue
        if isinstance(doc, DocumentError):
            result = _error_result(ref.path, str(doc))
        else:
            result = runner.audit_document(doc)
        results.append(result)
        refs.append(ref)
    signed = [(r, ref) for r, ref in zip(results, refs) if r.signature is not None]
    block = make_block(partition.index, [r.path for r, _ in signed], [ref for _, ref in signed],
                       [(r.words, r.scores) for r, _ in signed], [r.signature for r, _ in signed])
    from ..core.policy import Tally
    tally = Tally(policy)
    for r in results:
        tally.add(r)
    if folder is not None:
        parquet_report.write_results(folder, f"{run}-{partition.index:06d}", results, refs)
        out = None
    else:
        for r in results:
            r.signature = None
        out = results
    return Partial(partition.index, len(results), skipped, tally, out, block)


def _results_of(partial: Partial) -> Partial:
    return Partial(partial.index, partial.count, partial.skipped, partial.tally,
                   partial.results, None)


def _add(total, part) -> None:
    """Merge one partition's Tally into the run's."""
    total.documents += part.documents
    total.findings += part.findings
    total.finding_files += part.finding_files
    for verdict, n in part.by_verdict.items():
        total.by_verdict[verdict] = total.by_verdict.get(verdict, 0) + n


def _signatures_of(partial: Partial):
    return partial.signatures


def describe_families(plugin: str, groups: list, timeout: float = sources.http.TIMEOUT
                      ) -> list:
    """Align each family and choose its source (batch.describe), on a worker: (family or
    None, {path: (words, scores)} of its members)."""
    from ..families import batch
    nlp = _plugin(plugin).runner.nlp
    out = []
    for members in groups:
        template = batch.template_of([ref for _, ref, _ in members], nlp,
                                     load=lambda ref: sources.load(ref, timeout))
        out.append((None if template is None else batch.describe(template, 0),
                    {path: meta for path, _, meta in members}))
    return out


def load_signatures(index: int, folder: str, part: str):
    """An earlier run's signatures (resume) as a block."""
    import numpy as np

    from ..reporters.parquet_report import read_part
    from .dask_families import make_block

    rows = read_part(folder, "signatures", part)
    refs = [sources.Ref(r["path"], r["url"], r["offset"]) for r in rows]
    meta = [(r["words"], json.loads(r["scores"])) for r in rows]
    values = [np.frombuffer(r["signature"], dtype=np.uint64) for r in rows]
    return make_block(index, [r.path for r in refs], refs, meta, values)


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int):
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def run(partitions: list, options: Options, *, scheduler: str | None = None, workers: int = 2,
        folder: str | None = None, resume: bool = False, threshold: float | None = None,
        policy=None, http_timeout: float = sources.http.TIMEOUT
        ) -> Iterator[tuple[str, object]]:
    """Audit the partitions (`auditor.sources.plan`); yields ("document", DocumentResult) as
    partitions finish (not with `folder`: the workers write them), then ("family", dict) in order, then ("done", dict)
    with the counts and the run's `tally` under `policy` (auditor.core.policy).
    `http_timeout`: how long a family member's http(s) server may stay silent when it is
    read again (the partitions carry their own)."""
    from distributed import as_completed

    from ..core.policy import Policy, Tally
    from ..reporters import parquet_report
    policy = policy or Policy()
    run_id = parquet_report.run_id()
    with connect(scheduler, workers) as client:
        plugin = AuditorPlugin(options)
        client.register_plugin(plugin, name=plugin.name)
        skip = None
        if resume and folder is not None:
            parquet_report.drop_incomplete(folder)
            keys = parquet_report.done_keys(folder)
            skip = client.scatter(keys, broadcast=True) if keys else None
        audits = [client.submit(audit_partition, p, plugin.name, folder, run_id, skip, policy,
                                key=f"audit-{run_id}-{p.index}") for p in partitions]
        signatures = [client.submit(_signatures_of, a) for a in audits]
        outs = [client.submit(_results_of, a) for a in audits]
        del audits
        totals = {"documents": 0, "skipped": 0, "partitions": len(partitions),
                  "tally": Tally(policy)}
        for future in as_completed(outs):
            partial = future.result()
            future.release()
            totals["documents"] += partial.count
            totals["skipped"] += partial.skipped
            _add(totals["tally"], partial.tally)
            for result in partial.results or ():
                yield "document", result
        if options.families:
            blocks = _blocks(client, signatures, folder if resume else None, run_id)
            yield from _families(client, plugin.name, blocks, threshold, http_timeout)
        yield "done", totals


def _blocks(client, signatures: list, folder: str | None, run_id: str) -> list:
    """This run's signature blocks merged up to BLOCK_ROWS, plus earlier runs' (resume)."""
    from ..reporters.parquet_report import part_names
    from .dask_families import BLOCK_ROWS, concat

    sizes = client.gather([client.submit(lambda b: len(b.paths), s) for s in signatures])
    groups, current, rows = [], [], 0
    for future, size in zip(signatures, sizes):
        if current and rows + size > BLOCK_ROWS:
            groups.append(current)
            current, rows = [], 0
        current.append(future)
        rows += size
    if current:
        groups.append(current)
    blocks = [client.submit(concat, i, *group) for i, group in enumerate(groups)]
    if folder is not None:
        earlier = [p for p in part_names(folder, "signatures") if not p.startswith(run_id)]
        blocks += [client.submit(load_signatures, len(blocks) + i, folder, p)
                   for i, p in enumerate(earlier)]
    return blocks


def _families(client, plugin: str, blocks: list, threshold: float | None,
              timeout: float, per_task: int = 8) -> Iterator[tuple[str, dict]]:
    from ..core import scoring
    from ..families import minhash as families
    from .dask_families import cluster

    threshold = families.DEFAULT_THRESHOLD if threshold is None else threshold
    groups = cluster(client, blocks, threshold)
    tasks = [client.submit(describe_families, plugin, groups[i:i + per_task], timeout)
             for i in range(0, len(groups), per_task)]
    number = 0
    for task in tasks:  # in order: families are numbered like the local engine's
        for family, members in task.result():
            if family is not None:
                number += 1
                family["id"] = number
                family["member_scores"] = scoring.family_verdicts(family, members)
                yield "family", family
        task.release()
