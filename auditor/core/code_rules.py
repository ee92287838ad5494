"""The rules defined in code, not in rules/*.yaml: one entry per id a tier can emit, with its
examples (each `flag` text must produce the id through the full pipeline, each `ok` text must
not; tests/test_registry.py runs them like the YAML rules' examples). The tiers take their ids
and kinds from here (through auditor.core.registry.code_rule), so an id cannot exist in a tier
without an entry.

A `family` entry is a prefix whose ids are made at run time (LanguageTool's rule ids), a
`runner` entry is raised by the runner about a whole input rather than found in text (its
examples are the tests named in `tested_by`)."""
from __future__ import annotations

from .findings import KIND_ERROR, KIND_GRAMMAR, KIND_NOTE, KIND_SWAP, Severity

KIND_CONSISTENCY = "consistency"
KIND_INSERTION = "insertion"
KIND_TITLE = "title"
KIND_BOILERPLATE = "boilerplate"

# An on-topic page for the page tier's examples (the tier needs a page to judge a title by);
# the page tier's tests use it too.
ON_TOPIC_PAGE = """Composting turns kitchen scraps and garden waste into rich soil. A compost heap needs
green material, such as vegetable peelings and grass clippings, and brown material, such as
dry leaves, cardboard and straw. Turning the compost heap every few weeks lets air reach
the microbes that break the waste down, and a heap kept as damp as a wrung-out sponge
breaks down fastest.

Most gardeners start with a simple bin in a shady corner of the garden. Compost is ready
when it is dark, crumbly and smells of earth, usually after six months to a year. Spread
the finished compost on vegetable beds in spring, or use it to improve heavy clay soil.
Avoid adding meat, dairy or cooked food, which attract rats, and keep weeds with seeds out
of the heap unless it gets hot enough to kill them. A good compost heap saves money on
fertiliser and keeps garden waste out of landfill.
"""
_FORM = "Leave a Reply\n\nYour email address will not be published. Required fields are marked *"


def _rule(id, kind, severity, summary, file, flag=(), ok=(), original="", detail="",
          family=False, tested_by=""):
    return {"id": id, "kind": kind, "severity": severity, "summary": summary,
            "defined_in": f"auditor/{file}", "flag": tuple(flag), "ok": tuple(ok),
            "original": original, "detail": detail, "family": family, "tested_by": tested_by}


CODE_RULES = (
    _rule("rare.double-inflection", KIND_SWAP, Severity.ERROR,
          "an inflection added to a form that is already inflected ('tooked')",
          "detectors/rare.py", ["He tooked the bus.", "They wented home."],
          ["He took the bus.", "They went home."]),
    _rule("rare.regularized-irregular", KIND_SWAP, Severity.WARNING,
          "a regular past of an irregular verb ('teached' for 'taught')",
          "detectors/rare.py", ["He teached the class.", "She bringed a cake."],
          ["He taught the class.", "She brought a cake."]),
    _rule("rare.inflected-non-word", KIND_SWAP, Severity.WARNING,
          "a common word with a suffix it never takes ('efficientness')",
          "detectors/rare.py", ["Its efficientness is low."], ["Its efficiency is low."]),
    _rule("rare.plural-gerund", KIND_SWAP, Severity.WARNING,
          "a gerund in the plural where English has none ('searchings')",
          "detectors/rare.py", ["The lookings were many."],
          ["Second helpings, the washings, old teachings and sayings."]),
    _rule("nearmiss.curated-expression", KIND_SWAP, Severity.ERROR,
          "a known expression with one word swapped for a spinner's synonym",
          "detectors/nearmiss.py",
          ["For those fighting with psychological illness, this can be transformative."],
          ["For those fighting with mental illness, this can be transformative."],
          detail="an error when the curated spinner thesaurus lists the swap, a suggestion "
                 "otherwise"),
    _rule("nearmiss.wordnet-expression", KIND_SWAP, Severity.SUGGESTION,
          "a WordNet expression with one word swapped for a synonym",
          "detectors/nearmiss.py",
          ["They are a source of comfort and strength for them throughout tough times."],
          ["They are a source of comfort and strength for them throughout hard times."]),
    _rule("context.unlikely-word", KIND_SWAP, Severity.SUGGESTION,
          "a word the reference corpus never sees where a likely original is common",
          "detectors/context.py",
          ["Program individuals can additionally acquire solution to certain concerns such "
           "as what to do if they really feel lightheaded when eating."],
          ["Members can also get answers to questions such as what to do if they feel dizzy "
           "when eating."],
          detail="severity from the evidence in nats (auditor.core.scoring.context_severity)"),
    _rule("context.unlikely-term", KIND_SWAP, Severity.SUGGESTION,
          "a two-word term the reference corpus never sees where a likely original is common",
          "detectors/context.py",
          ["Stigma is an intricate problem that comes from societal standards and social "
           "attitudes."],
          ["Stigma is a complex problem that comes from social norms and public attitudes."],
          detail="severity from the evidence in nats (auditor.core.scoring.context_severity)"),
    _rule("consistency.term-variants", KIND_CONSISTENCY, Severity.WARNING,
          "one term written with different synonyms for one slot in a document",
          "detectors/consistency.py",
          ["Peer support groups help people. Peer support system meet weekly. Peer support "
           "system offer a sense of belonging. Peer support groups are free."],
          ["Peer support groups help people. Peer support groups meet weekly. Peer support "
           "groups offer a sense of belonging. Peer support groups are free."]),
    _rule("page.inserted-keyword", KIND_INSERTION, Severity.ERROR,
          "a search keyword pasted into a sentence, breaking its grammar",
          "detectors/insertions.py",
          ["It is wise to locate affordable garden design services near me a bin that has a "
           "lid."],
          ["It is wise to locate a bin that has a lid."]),
    _rule("page.off-topic-title", KIND_TITLE, Severity.WARNING,
          "a title about something other than the page (a search query pasted on top)",
          "detectors/page_lines.py",
          ["Best Car Insurance Quotes Online\n\n" + ON_TOPIC_PAGE],
          ["How to Start a Compost Heap\n" + ON_TOPIC_PAGE]),
    _rule("page.boilerplate", KIND_BOILERPLATE, Severity.WARNING,
          "web-page furniture copied with the article (comment forms, share links)",
          "detectors/page_lines.py",
          ["How to Start a Compost Heap\n" + ON_TOPIC_PAGE + "\n\n\n" + _FORM],
          ["How to Start a Compost Heap\n" + ON_TOPIC_PAGE]),
    _rule("lt", KIND_GRAMMAR, Severity.WARNING,
          "LanguageTool grammar and style matches: lt.<LanguageTool rule id>",
          "checks/grammar.py", family=True, tested_by="tests/test_grammar.py",
          detail="ids are LanguageTool's own (lt.MORFOLOGIK_RULE_EN_US, ...); a warning for "
                 "grammar and typo categories, a suggestion for style"),
    _rule("input.unreadable", KIND_ERROR, Severity.ERROR,
          "an input that cannot be read or decoded (the run goes on with the others)",
          "core/runner.py", tested_by="tests/test_hostile_inputs.py"),
    _rule("input.time-budget", KIND_ERROR, Severity.ERROR,
          "a document that took longer than its time budget (--time-budget)",
          "core/runner.py", tested_by="tests/test_time_budget.py"),
    _rule("input.worker-died", KIND_ERROR, Severity.ERROR,
          "the worker process auditing a document died (out of memory or crashed)",
          "engines/parallel.py", tested_by="tests/test_parallel.py"),
    _rule("suppression.missing-reason", KIND_NOTE, Severity.WARNING,
          "an inline suppression without ' -- reason' or ': reason' (it still applies)",
          "core/suppressions.py", tested_by="tests/test_suppressions.py"),
    _rule("suppression.unknown-rule", KIND_NOTE, Severity.WARNING,
          "an inline suppression naming no known rule id or prefix (it suppresses nothing)",
          "core/suppressions.py", tested_by="tests/test_suppressions.py"),
    _rule("suppression.invalid", KIND_NOTE, Severity.WARNING,
          "an inline suppression directive that names no rule",
          "core/suppressions.py", tested_by="tests/test_suppressions.py"),
    _rule("suppression.unused", KIND_NOTE, Severity.WARNING,
          "an inline suppression that matched no finding (with --report-unused-suppressions)",
          "core/suppressions.py", tested_by="tests/test_suppressions.py"),
)
