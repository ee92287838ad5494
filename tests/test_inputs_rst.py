"""reStructuredText through docutils: titles and paragraphs audited, code, literals and
directives that are not prose left out, findings at line and column in the source."""
from __future__ import annotations

from auditor.inputs.rst import read

from .inputs_common import SPUN, check_result, finding, runner  # noqa: F401

SOURCE = f"""=================
Community Gardens
=================

{SPUN.replace("a sense of neighborhood", "a *sense of neighborhood*")}

.. code-block:: python

   mental_health_preconception = "a sense of neighborhood"

Use ``searchings for`` with care [#]_.

- A list item with `a link <https://example.org/x>`_ in it.

.. note:: An admonition paragraph.

::

    a literal block: searchings for

.. include:: /etc/passwd

.. raw:: html

   <p>raw searchings for</p>

.. [#] A footnote text.

.. a comment with searchings for
"""


def test_prose_only():
    got = read(SOURCE.encode(), "a.rst")
    assert got.title == "Community Gardens" and got.format == "rst"
    paragraphs = got.content.split("\n\n")
    assert paragraphs[0] == "Community Gardens" and paragraphs[1] == SPUN
    assert "Use with care" in " ".join(got.content.split())
    for kept in ("A list item with a link in it.", "An admonition paragraph.",
                 "A footnote text."):
        assert kept in got.content
    for hidden in ("mental_health", "literal block", "passwd", "raw", "comment",
                   "example.org", "searchings for with"):
        assert hidden not in got.content, hidden
    assert got.content.count("searchings") == 1


def test_findings_at_line_and_column(tmp_path, runner):
    path = tmp_path / "a.rst"
    path.write_text(SOURCE, encoding="utf-8")
    result = runner.audit(str(path))
    check_result(result)
    lines = SOURCE.split("\n")
    for word in ("neighborhood", "searchings", "preconception"):
        f = finding(result, word)
        loc = result.location(f.start)
        assert lines[loc["line"] - 1][loc["column"] - 1:].startswith(f.text), (word, loc)
        assert loc["line"] == 5


def test_suppression_comments_still_apply(tmp_path, runner):
    path = tmp_path / "quoted.rst"
    path.write_text(SOURCE.replace("\n\nPeer groups", "\n\n.. auditor-disable-next-line idiom "
                                   "-- quoting a spun page\n\nPeer groups"), encoding="utf-8")
    rules = {f.rule_id.split(".")[0] for f in runner.audit(str(path)).findings}
    assert "idiom" not in rules and "artefact" in rules
