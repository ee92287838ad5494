"""auditor: find synonym swaps left by article spinners, with grammar and readability.

Public API::

    from auditor import Runner, Options
    with Runner(Options(grammar="off")) as runner:
        result = runner.audit("draft.md")
"""
__version__ = "0.1.0"

__all__ = ["Options", "Runner", "__version__"]


def __getattr__(name: str):
    # Imported on first use, so that `import auditor.cli` does not import spaCy before the
    # command has set itself up (see auditor.util._fastimport).
    if name in ("Options", "Runner"):
        from .core import runner
        return getattr(runner, name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")
