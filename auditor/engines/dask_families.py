"""Spin families across a Dask cluster: the same families as `auditor.families.minhash.cluster`,
without any process holding every signature.

1. Signatures stay where the documents were audited, in blocks (`SigBlock`); consecutive
   blocks are merged into blocks of at most BLOCK_ROWS signatures.
2. Banding is a shuffle: each block cuts every signature into the b bands of r values that
   datasketch's MinHashLSH uses for the threshold, hashes each band to a 64-bit key and sends
   (key, document) to the shuffle partition `key % P`.
3. Each shuffle partition groups its keys: the documents in one bucket are candidate pairs
   (LSH's candidates: they share a band).
4. Verifying a pair needs both signatures: a two-step join sends each pair, with the first
   document's signature attached by its block, to the second document's block, which keeps
   the pairs whose estimated Jaccard similarity reaches the threshold (`families.cluster`
   with `verify`).
5. Union-find over the verified pairs (document numbers only) gives the families; each
   family's names are looked up in its blocks, and the families are aligned and given a
   likely source by tasks on the workers (`auditor.families.batch.template_of`).

Document numbers are `block << 24 | row`. Band keys are 64-bit hashes of the band's values;
a collision of two different bands (about 1 in 10^10 for a million documents) only adds a
candidate pair, which is still verified.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import getitem

import numpy as np

from ..families import minhash as families

BLOCK_ROWS = 20_000
ROW_BITS = 24
_EMPTY = np.uint64((1 << 32) - 1)


@dataclass
class SigBlock:
    index: int
    paths: list  # names in the report
    refs: list  # auditor.sources.Ref, to read each document again
    meta: list  # (words, scores) of each document, for the family-adjusted verdicts
    values: np.ndarray  # (rows, num_perm) uint32 (MinHash values are below 2**32)

    def gids(self) -> np.ndarray:
        return (np.uint64(self.index) << np.uint64(ROW_BITS)) + np.arange(
            len(self.paths), dtype=np.uint64)


def make_block(index: int, paths: list, refs: list, meta: list, signatures: list) -> SigBlock:
    if not paths:
        return SigBlock(index, [], [], [], np.zeros((0, families.DEFAULT_NUM_PERM), np.uint32))
    values = np.asarray(signatures, dtype=np.uint64).reshape(len(paths), -1)
    return SigBlock(index, list(paths), list(refs), list(meta), values.astype(np.uint32))


def concat(index: int, *blocks: SigBlock) -> SigBlock:
    blocks = [b for b in blocks if len(b.paths)]
    if not blocks:
        return SigBlock(index, [], [], [], np.zeros((0, families.DEFAULT_NUM_PERM), np.uint32))
    return SigBlock(index, [p for b in blocks for p in b.paths],
                    [r for b in blocks for r in b.refs], [m for b in blocks for m in b.meta],
                    np.concatenate([b.values for b in blocks]))


def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's choice of (bands, rows per band) for the threshold."""
    from datasketch import MinHashLSH
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_split(block: SigBlock, bands: int, rows: int, parts: int) -> list[np.ndarray]:
    """(band key, document number) pairs, one array per shuffle partition."""
    values = block.values.astype(np.uint64)
    keep = ~np.all(values == _EMPTY, axis=1)  # a text without words joins no family
    values, gids = values[keep], block.gids()[keep]
    rng = np.random.RandomState(7)
    mult = rng.randint(1, 2**62, size=rows, dtype=np.uint64) | np.uint64(1)
    keys = []
    with np.errstate(over="ignore"):
        for band in range(bands):
            part = values[:, band * rows:(band + 1) * rows]
            key = (part * mult).sum(axis=1, dtype=np.uint64) + np.uint64(band)
            key ^= key >> np.uint64(29)
            key *= np.uint64(0xBF58476D1CE4E5B9)
            key ^= key >> np.uint64(32)
            keys.append(np.stack([key, gids], axis=1))
    pairs = np.concatenate(keys) if keys else np.zeros((0, 2), np.uint64)
    target = pairs[:, 0] % np.uint64(parts)
    return [pairs[target == p] for p in range(parts)]


def candidates(blocks: int, *pieces: np.ndarray) -> list[np.ndarray]:
    """The distinct pairs (a, b), a < b, of documents sharing a bucket, split by a's block."""
    data = np.concatenate(pieces) if pieces else np.zeros((0, 2), np.uint64)
    data = data[np.lexsort((data[:, 1], data[:, 0]))]
    keys, gids = data[:, 0], data[:, 1]
    # for each entry, the end of its bucket; it pairs with every later entry of the bucket
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]][:len(keys)])
    ends = np.r_[starts[1:], len(keys)].astype(np.int64)[:len(starts)]
    end = np.repeat(ends, ends - starts)
    later = end - np.arange(len(keys)) - 1
    first = np.repeat(np.arange(len(keys)), later)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(later) - later, later)
    pairs = np.stack([gids[first], gids[first + 1 + offset]], axis=1)
    pairs = _unique_rows(pairs[pairs[:, 0] != pairs[:, 1]])
    owner = pairs[:, 0] >> np.uint64(ROW_BITS)
    return [pairs[owner == b] for b in range(blocks)]


def _unique_rows(pairs: np.ndarray) -> np.ndarray:
    if len(pairs) == 0:
        return pairs.reshape(0, 2)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    keep = np.r_[True, np.any(pairs[1:] != pairs[:-1], axis=1)]
    return pairs[keep]


def attach(block: SigBlock, blocks: int, *pieces: np.ndarray) -> list[tuple]:
    """The block's pairs with its documents' signatures, split by the other one's block."""
    pairs = _unique_rows(np.concatenate(pieces)) if pieces else np.zeros((0, 2), np.uint64)
    rows = (pairs[:, 0] & np.uint64((1 << ROW_BITS) - 1)).astype(np.int64)
    sigs = block.values[rows]
    owner = pairs[:, 1] >> np.uint64(ROW_BITS)
    return [(pairs[owner == b], sigs[owner == b]) for b in range(blocks)]


def verify(block: SigBlock, threshold: float, *pieces: tuple) -> np.ndarray:
    """The pairs whose estimated Jaccard similarity reaches the threshold."""
    pieces = [p for p in pieces if len(p[0])]
    if not pieces:
        return np.zeros((0, 2), np.uint64)
    pairs = np.concatenate([p[0] for p in pieces])
    sigs = np.concatenate([p[1] for p in pieces])
    rows = (pairs[:, 1] & np.uint64((1 << ROW_BITS) - 1)).astype(np.int64)
    same = np.count_nonzero(sigs == block.values[rows], axis=1) / block.values.shape[1]
    return pairs[same >= threshold]


def union(*verified: np.ndarray) -> list[np.ndarray]:
    """Union-find over the verified pairs: families of two or more document numbers."""
    uf = families._UnionFind()
    for pairs in verified:
        for a, b in pairs.tolist():
            uf.union(a, b)
    groups: dict = {}
    for node in list(uf.parent):
        groups.setdefault(uf.find(node), []).append(node)
    return [np.array(sorted(g), dtype=np.uint64) for g in groups.values() if len(g) > 1]


def names(block: SigBlock, gids: list[int]) -> dict:
    """gid -> (path, ref, meta) for the block's documents among `gids`."""
    base = block.index << ROW_BITS
    return {g: (block.paths[g - base], block.refs[g - base], block.meta[g - base])
            for g in gids}


def cluster(client, blocks: list, threshold: float, num_perm: int = families.DEFAULT_NUM_PERM,
            parts: int | None = None) -> list[list[tuple]]:
    """Families of (path, ref, meta), sorted like `families.cluster`: each by path, the largest
    family first. `blocks` are futures of SigBlocks numbered 0..n-1 (see `coalesce`)."""
    n = len(blocks)
    if n == 0:
        return []
    bands, rows = band_params(threshold, num_perm)
    parts = parts or max(2, n)
    split = [client.submit(band_split, b, bands, rows, parts, pure=False) for b in blocks]
    shuffled = [client.submit(candidates, n, *[client.submit(getitem, s, p) for s in split])
                for p in range(parts)]
    attached = [client.submit(attach, blocks[b], n,
                              *[client.submit(getitem, c, b) for c in shuffled])
                for b in range(n)]
    verified = [client.submit(verify, blocks[b], threshold,
                              *[client.submit(getitem, a, b) for a in attached])
                for b in range(n)]
    groups = client.submit(union, *verified).result()
    del split, shuffled, attached, verified
    wanted: dict[int, list[int]] = {}
    for group in groups:
        for gid in group.tolist():
            wanted.setdefault(gid >> ROW_BITS, []).append(gid)
    found: dict = {}
    for part in client.gather([client.submit(names, blocks[b], gids)
                               for b, gids in wanted.items()]):
        found.update(part)
    named = [sorted((found[g] for g in group.tolist()), key=lambda m: str(m[0]))
             for group in groups]
    return sorted(named, key=lambda g: (-len(g), str(g[0][0])))
