"""auditor: find synonym swaps left by article spinners, with grammar and readability.

Public API::

    from auditor import Runner, Options
    with Runner(Options(grammar="off")) as runner:
        result = runner.audit("draft.md")
"""
__version__ = "0.1.0"

from .runner import Options, Runner  # noqa: E402

__all__ = ["Options", "Runner", "__version__"]
