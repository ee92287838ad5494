"""`--format sarif`: one SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), what
GitHub code scanning and other CI tools read.

One run; `tool.driver.rules` describes every rule the results use, from the rule registry (id,
short and full description, the rule's help as text and Markdown, default level, and a
`helpUri` into the published rules.md when the package declares a Documentation URL: SARIF
requires an absolute URI there, so without one it is left out); each result has its
rule, level, message and a physical location (1-based line and column of the start and of the
character after the end, in Unicode code points: `columnKind`, plus the character offset and
length when the audited text is the file itself), and a `fix` when the finding has a
replacement for exactly the flagged text. A document that could not be read is a result of
its input rule pointing at the file. Verdicts and scores go in the run's `properties`.
"""
from __future__ import annotations

import json
import re

from .. import __version__
from ..core.findings import Severity
from ..core.results import DocumentResult
from . import Reporter
from .presentation import file_offsets, file_region

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def region(result: DocumentResult, f) -> dict | None:
    where = file_region(result, f)
    if where is None:
        return None
    out = {"startLine": where["line"], "startColumn": where["column"],
           "endLine": where["end_line"], "endColumn": where["end_column"]}
    offsets = file_offsets(result, f)
    if offsets is not None:
        out["charOffset"], out["charLength"] = offsets
    if f.text:
        out["snippet"] = {"text": f.text}
    return out


def rule_descriptor(rule_id: str, info, f) -> dict:
    """A reportingDescriptor for `rule_id` from its registry entry (`info`; a family entry
    for lt.X ids), or from the finding when no entry is known."""
    if info is None:
        return {"id": rule_id, "shortDescription": {"text": f.message},
                "defaultConfiguration": {"level": LEVEL[f.severity]}}
    full = info.summary
    if info.original:
        full += f" (likely original: {info.original})"
    if info.detail:
        full += f". {info.detail}"
    descriptor = {"id": rule_id, "name": info.anchor,
                  "shortDescription": {"text": info.summary},
                  "fullDescription": {"text": full}, "help": rule_help(info),
                  "defaultConfiguration": {"level": LEVEL[info.severity]},
                  "properties": {"kind": str(info.kind), "defined_in": info.defined_in,
                                 "tags": [str(info.kind), rule_id.split(".", 1)[0]]}}
    uri = info.absolute_help_uri
    if uri is not None:
        descriptor["helpUri"] = uri
    return descriptor


HELP_EXAMPLES = 3  # examples of each sort in a rule's help


def rule_help(info) -> dict:
    """A multiformatMessageString: the rule's registry entry as plain text and as Markdown
    (what code scanning shows as the rule's help), examples included."""
    name = f"{info.id}.*" if info.family else info.id
    facts = [("Likely original", info.original), ("Note", info.detail)]
    facts += [("Flags", ex) for ex in info.flag[:HELP_EXAMPLES]]
    facts += [("Not flagged", ex) for ex in info.ok[:HELP_EXAMPLES]]
    facts += [("Kind", f"{info.kind}, default severity {info.severity.label}"),
              ("Defined in", info.defined_in),
              ("Documented in", f"auditor's {info.help_uri}")]
    facts = [(label, " ".join(str(value).split())) for label, value in facts if value]
    text = "\n".join([f"{name}: {info.summary}"] + [f"{label}: {value}" for label, value in facts])
    markdown = "\n".join([f"**{_md(name)}**: {_md(info.summary)}", ""]
                         + [f"- {label}: {_md(value)}" for label, value in facts])
    return {"text": text, "markdown": markdown}


def _md(text: str) -> str:
    """Plain text safe in Markdown: the characters that would format or open HTML escaped
    (rule packs are data from anywhere)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", text)


class SarifReporter(Reporter):
    def __init__(self, stream, **options):
        super().__init__(stream, **options)
        self.results: list[dict] = []
        self.rules: dict[str, dict] = {}
        self.documents: list[dict] = []
        self._registry = None

    def _rule_index(self, f) -> int:
        if f.rule_id not in self.rules:
            if self._registry is None:
                from ..core import registry
                self._registry = registry.load(tuple(self.rule_dirs))
            self.rules[f.rule_id] = rule_descriptor(f.rule_id, self._registry.get(f.rule_id), f)
        return list(self.rules).index(f.rule_id)

    def document(self, result: DocumentResult) -> None:
        self.documents.append({"path": result.path, "verdict": str(result.verdict),
                               "words": result.words, "scores": result.scores,
                               "error": result.error})
        for f in result.findings:
            self.results.append(self._result(result, f))

    def family(self, family: dict) -> None:
        for path, adjusted in (family.get("member_scores") or {}).items():
            for doc in self.documents:
                if doc["path"] == path:
                    doc["verdict_with_family"] = str(adjusted["verdict_with_family"])

    def _result(self, result: DocumentResult, f) -> dict:
        artifact = {"uri": _uri(result.path)}
        physical = {"artifactLocation": artifact}
        where = region(result, f)
        if where is not None:
            physical["region"] = where
        out = {"ruleId": f.rule_id, "ruleIndex": self._rule_index(f), "level": LEVEL[f.severity],
               "message": {"text": f.message}, "locations": [{"physicalLocation": physical}],
               "properties": {"kind": str(f.kind), "confidence": round(f.confidence, 3),
                              "suggestion": f.suggestion, "evidence": f.evidence}}
        if f.replacement and where is not None and f.end > f.start:
            deleted = {k: where[k] for k in ("startLine", "startColumn", "endLine", "endColumn",
                                              "charOffset", "charLength") if k in where}
            out["fixes"] = [{
                "description": {"text": f"replace {f.text!r} with {f.replacement!r}"},
                "artifactChanges": [{"artifactLocation": dict(artifact), "replacements": [
                    {"deletedRegion": deleted, "insertedContent": {"text": f.replacement}}]}]}]
        return out

    def finish(self) -> None:
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "auditor", "version": __version__,
                                "semanticVersion": __version__,
                                "rules": list(self.rules.values())}},
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "properties": {"documents": self.documents},
        }]}
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


def _uri(path: str) -> str:
    """A relative URI reference for a path (what code scanning matches against the
    repository): forward slashes, percent-encoded where a URI needs it."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")
