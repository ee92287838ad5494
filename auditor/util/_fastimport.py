"""Faster start-up for the `auditor` command (not for `import auditor` in other programs).

`import spacy` runs `from .cli.info import info`, which imports spaCy's whole command line
(typer, weasel, httpx, ...): 0.3-0.4 s of a one-file check that never uses it. Before spaCy
is imported, the command installs stand-ins for `spacy.cli` and `spacy.cli.info`: the first
imports the real package the moment any attribute of it is used; the second offers `info`,
which does the same when called. Nothing else changes.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class _DeferredPackage(types.ModuleType):
    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(_real(self.__name__), attr)


def _real(name: str):
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        if isinstance(sys.modules[key], (_DeferredPackage, _InfoStub)):
            del sys.modules[key]
    return importlib.import_module(name)


class _InfoStub(types.ModuleType):
    @staticmethod
    def info(*args, **kwargs):
        return _real("spacy.cli.info").info(*args, **kwargs)


def defer_spacy_cli() -> None:
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    package = _DeferredPackage("spacy.cli")
    package.__path__ = [p + "/cli" for p in spec.submodule_search_locations]
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = _InfoStub("spacy.cli.info")
