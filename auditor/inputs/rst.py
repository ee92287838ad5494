"""reStructuredText (.rst .rest), parsed by docutils: the prose of the document tree.

Audited, each as a paragraph: titles, paragraphs (in lists, block quotes, tables, admonitions
and footnotes too), lines of line blocks, definition-list terms, captions and rubrics.
Not audited: literal and doctest blocks, code, math, raw, comments, substitution and link
target definitions, inline literals, footnote and citation reference marks, and docutils'
own messages. Suppression comments (`.. auditor-disable…`) stay in the audited text for
auditor.core.suppressions. Words map back to line and column in the source
(auditor.inputs.align). The document title is the one docutils promotes from the first section
title.

docutils runs without file inclusion, raw output or messages on stderr: a document cannot
make auditor read other files.
"""
from __future__ import annotations

import io

from ..core.errors import DocumentError
from . import AuditText
from .align import Aligner
from .document import decode, mask_plain
from .sourcemap import TextBuilder

BLOCKS = ("title", "subtitle", "paragraph", "line", "term", "caption", "rubric",
          "attribution")
SKIPPED = ("literal_block", "doctest_block", "comment", "raw", "math_block",
           "substitution_definition", "target", "system_message", "problematic", "pending")
SKIPPED_INLINE = ("literal", "math", "footnote_reference", "citation_reference", "code",
                  "problematic", "system_message", "target", "raw")
SETTINGS = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False,
            "raw_enabled": False, "input_encoding": "unicode", "traceback": False,
            "syntax_highlight": "none", "smart_quotes": False}


def read(data: bytes, name: str) -> AuditText:
    source, encoding, notes = decode(data)
    tree = _parse(source, name)
    builder = TextBuilder(source)
    aligner = Aligner(source, markup=False)
    for node, prose in _blocks(tree):
        if node.__class__.__name__ == "comment" and node.astext().startswith("auditor-"):
            # a suppression comment stays, a paragraph of its own, for auditor.core.suppressions
            at = source.find("auditor-", aligner.cursor)
            builder.paragraph()
            builder.add(".. " + node.astext(), max(at - 3, 0), 0)
            builder.paragraph()
            aligner.feed(None, node.astext())
            continue
        if not prose:
            aligner.feed(None, node.astext())
            continue
        builder.paragraph()
        for text, audited in _prose(node):
            aligner.feed(builder if audited else None, text)
            if not audited:
                builder.space(aligner.cursor)
    builder.paragraph()
    content = builder.text()
    title = " ".join(tree.get("title", "").split()) or None
    return AuditText(content=content, text=mask_plain(content), format="rst", title=title,
                     encoding=encoding, notes=notes, source_map=builder.source_map())


def _parse(source: str, name: str):
    from docutils.core import publish_doctree

    settings = dict(SETTINGS, warning_stream=io.StringIO())
    try:
        return publish_doctree(source, source_path=name, settings_overrides=settings)
    except Exception as exc:  # docutils raises its own errors for severe problems
        raise DocumentError(f"not readable as reStructuredText: {type(exc).__name__}: "
                            f"{exc}") from None


def _blocks(tree):
    """(node, is prose) for the text blocks and skipped blocks, in document order."""
    stack = list(reversed(tree.children))
    while stack:
        node = stack.pop()
        name = node.__class__.__name__
        if name in SKIPPED:
            yield node, False
        elif name in BLOCKS:
            yield node, True
        elif hasattr(node, "children"):
            stack.extend(reversed(node.children))


def _prose(node) -> list[tuple[str, bool]]:
    """The pieces of text of a block in order, each with whether it is audited (inline
    literals, math and reference marks are not)."""
    from docutils import nodes

    parts = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, nodes.Text):
            parts.append((str(item), True))
        elif item.__class__.__name__ in ("footnote_reference", "citation_reference"):
            continue  # "[1]": no word, no space
        elif item.__class__.__name__ in SKIPPED_INLINE:
            parts.append((item.astext(), False))
        else:
            stack.extend(reversed(item.children))
    return parts
