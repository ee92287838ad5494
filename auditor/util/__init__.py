"""Plumbing with no knowledge of spin: the on-disk cache, safe file reading and atomic
writing, the per-document time budget, escaping of hostile text for terminals, and the
command's faster start-up. Nothing here knows about rules, findings or documents (these
modules import only `auditor.core.errors` and `__version__`); a helper that does belongs
with the stage that uses it.
"""
