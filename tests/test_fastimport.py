"""The command defers spaCy's own CLI import; spaCy keeps working, and its CLI still
loads the moment something uses it."""
from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from auditor.util._fastimport import defer_spacy_cli
defer_spacy_cli()
import spacy
nlp = spacy.blank("en")
assert "typer" not in sys.modules, "spaCy's CLI was imported"
from spacy.cli import download
assert callable(download) and "typer" in sys.modules
print("ok")
"""


def test_spacy_cli_is_deferred_not_broken():
    proc = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_importing_the_cli_module_does_not_import_spacy():
    code = "import sys, auditor.cli; print('spacy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.strip() == "False", proc.stderr
