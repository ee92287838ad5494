"""Detectors. Spin detectors are spaCy components (see `swaps`); grammar and readability
work on the document text."""
