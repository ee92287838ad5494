"""Spin families: copies of one source article across a batch.

`minhash` signs each document and clusters the signatures, `alignment` aligns a family's
members word by word into a template, `batch` turns families into folder-level results,
and `learn` writes a rule pack from the phrases a spinner swaps. (The Dask version lives
in `auditor.engines.dask_families`.)
"""
