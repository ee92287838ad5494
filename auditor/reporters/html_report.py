"""One self-contained HTML page: a summary table (worst first), families of near-duplicate
documents when given, then per document its text with findings marked, a findings table,
readability and grammar.

Formats only. Everything that comes from a document, a path or a finding reaches the page
through `esc` (html.escape with quote=True); the markup around it is fixed. The page loads
nothing: inline CSS, no script, no fonts or images, and a Content-Security-Policy that
forbids everything but inline styles, so even a missed escape could not run a script or
fetch a resource. The reporter keeps one HTML fragment per document, not the results.
"""
from __future__ import annotations

import html
import re
from typing import TextIO

from ..findings import KIND_GRAMMAR, Finding
from ..results import DocumentResult
from ..termsafe import BIDI, has_bidi
from . import Reporter
from .presentation import READABILITY, VERDICT_RANK, fmt, grammar_summary

SLOT = re.compile(r"\{([^{}]*)\}")
FAMILY_KEYS = {"id", "members", "template", "slots", "source_text"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;
 color:#1d2330;background:#f6f7f9;margin:0;padding:1.5rem 2rem 4rem}
main{max-width:1100px;margin:0 auto}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .6rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:#1f5fbf}
.muted,.label{color:#667085}
table{border-collapse:collapse;background:#fff;width:100%;margin:.4rem 0 1rem}
th,td{border-bottom:1px solid #e3e6eb;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.path{word-break:break-all}
table.findings td{overflow-wrap:break-word}
table.findings td.msg{overflow-wrap:anywhere;width:45%}
.verdict{display:inline-block;padding:0 .5em;border-radius:.8em;font-weight:600;font-size:.9em}
.v-spun{background:#fde2e1;color:#a4161a}.v-review{background:#fff1c2;color:#7a5600}
.v-clean{background:#dcf5e3;color:#17683a}.v-error{background:#f3e0f7;color:#7b1f8c}
.v-empty{background:#eceef1;color:#667085}
.sev{font-weight:600}.sev-error{color:#b42318}.sev-warning{color:#8a6100}
.sev-suggestion{color:#0e6f84}
article.doc,article.family{background:#fff;border:1px solid #dde1e7;border-radius:8px;
 padding:.2rem 1.2rem 1rem;margin:1.2rem 0}
article.doc table,article.family table{background:#fcfcfd}
.stats{margin:.2rem 0}.error-msg{color:#b42318;font-weight:600}
ul.notes{margin:.3rem 0;padding-left:1.2rem;font-style:italic;color:#475467}
pre.text,pre.source{white-space:pre-wrap;overflow-wrap:anywhere;background:#fbfbf8;
 border:1px solid #e6e4da;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0;
 font:15px/1.65 Georgia,"Liberation Serif","Times New Roman",serif}
mark{border-radius:3px;padding:0 .1em;color:inherit}
mark.s-error{background:#ffc9c6}mark.s-warning{background:#ffe58a}
mark.s-suggestion{background:#bdeef7}
mark.k-grammar{background:none;text-decoration:underline wavy #9b3fb5;
 text-decoration-skip-ink:none;text-underline-offset:3px}
sup.ref{font:600 10px/1 system-ui,sans-serif;margin-left:1px}
sup.ref a{text-decoration:none}
.panels{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.panels table{width:auto;min-width:18rem}
.panels caption,table caption{text-align:left;font-weight:600;padding:.2rem 0}
.evidence{color:#667085;font-size:.85em}
code{font:13px ui-monospace,"Liberation Mono",Menlo,monospace}
.template{white-space:pre-wrap;background:#fbfbf8;border:1px solid #e6e4da;border-radius:6px;
 padding:.6rem 1rem}
.slot{background:#e8eefc;border-radius:3px;padding:0 .15em}
.slot .alt{color:#475467}.slot .proposed{color:#17683a;font-weight:700}
:target{outline:2px solid #1f5fbf;outline-offset:1px}
"""


def esc(value) -> str:
    """HTML-escaped text; bidirectional overrides shown as `<U+202E>` so they cannot reorder
    what the reader sees (see auditor.termsafe)."""
    text = "" if value is None else str(value)
    if has_bidi(text):
        text = "".join(f"<U+{ord(ch):04X}>" if ch in BIDI else ch for ch in text)
    return html.escape(text, quote=True)


def token(value) -> str:
    """A value safe inside a class name."""
    return re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()) or "x"


def tag(name: str, body: str, **attrs) -> str:
    """<name attrs>body</name>; attribute values are escaped, `body` must already be HTML."""
    parts = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"'
                    for k, v in attrs.items() if v is not None)
    return f"<{name}{parts}>{body}</{name}>"


def verdict_badge(verdict: str) -> str:
    return tag("span", esc(verdict), class_=f"verdict v-{token(verdict)}")


def tooltip(numbered: list[tuple[int, Finding]]) -> str:
    lines = []
    for number, f in numbered:
        line = f"[{number}] {f.severity.label} {f.kind}: {f.message}"
        if f.suggestion:
            line += f"\nlikely original: {f.suggestion}"
        lines.append(line)
    return "\n".join(lines)


def mark_groups(numbered: list[tuple[int, Finding]], limit: int) -> list[list]:
    """Merge overlapping marked spans: [[start, end, [(number, finding), ...]], ...]."""
    groups: list[list] = []
    spans = sorted(((n, f) for n, f in numbered if f.has_span),
                   key=lambda item: (item[1].start, item[1].end))
    for number, f in spans:
        start, end = min(max(f.start, 0), limit), min(f.end, limit)
        if groups and start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append((number, f))
        else:
            groups.append([start, end, [(number, f)]])
    return groups


def annotated_text(doc_id: str, content: str, numbered: list[tuple[int, Finding]]
                   ) -> tuple[str, dict[int, str]]:
    """The text escaped, each finding span in <mark> with numbered links to its table row.
    Returns the HTML and {finding number: id of the mark that shows it}."""
    out, cursor, mark_ids = [], 0, {}
    for start, end, members in mark_groups(numbered, len(content)):
        # A group is styled by its most telling member: spin before grammar, then severity.
        lead = max((f for _, f in members), key=lambda f: (f.kind != KIND_GRAMMAR, f.severity))
        mark_id = f"{doc_id}-m{members[0][0]}"
        for number, _ in members:
            mark_ids[number] = mark_id
        refs = ",".join(tag("a", str(n), href=f"#{doc_id}-f{n}") for n, _ in members)
        out.append(esc(content[cursor:start]))
        out.append(tag("mark", esc(content[start:end]), id=mark_id, title=tooltip(members),
                       class_=f"k-{token(lead.kind)} s-{token(lead.severity.label)}"))
        out.append(tag("sup", refs, class_="ref"))
        cursor = end
    out.append(esc(content[cursor:]))
    return "".join(out), mark_ids


def findings_table(doc_id: str, result: DocumentResult, numbered: list[tuple[int, Finding]],
                   mark_ids: dict[int, str]) -> str:
    head = "".join(tag("th", name, class_="num" if name == "#" else None) for name in (
        "#", "line:col", "severity", "kind", "text", "likely original", "rule id", "message"))
    rows = []
    for number, f in numbered:
        line, col = result.position(f.start)
        sev = f.severity.label
        link = tag("a", str(number), href=f"#{mark_ids[number]}") if number in mark_ids \
            else str(number)
        message = esc(f.message)
        if f.evidence:
            message += "<br>" + tag("span", esc(f.evidence), class_="evidence")
        cells = (tag("td", link, class_="num"), tag("td", f"{line}:{col}", class_="num"),
                 tag("td", esc(sev), class_=f"sev sev-{token(sev)}"), tag("td", esc(f.kind)),
                 tag("td", esc(f.text)), tag("td", esc(f.suggestion)),
                 tag("td", tag("code", esc(f.rule_id))), tag("td", message, class_="msg"))
        rows.append(tag("tr", "".join(cells), id=f"{doc_id}-f{number}"))
    caption = tag("caption", f"findings ({len(numbered)})")
    return tag("table", caption + tag("thead", tag("tr", head)) + tag("tbody", "".join(rows)),
               class_="findings")


def key_value_table(caption: str, rows: list[tuple[str, object]]) -> str:
    body = "".join(tag("tr", tag("th", esc(k), class_="label") + tag("td", esc(v)))
                   for k, v in rows)
    return tag("table", tag("caption", esc(caption)) + tag("tbody", body), class_="kv")


def readability_table(readability: dict) -> str:
    if not readability:
        return key_value_table("readability", [("status", "not computed")])
    keys = list(READABILITY) + [k for k in readability if k not in READABILITY]
    return key_value_table("readability", [(READABILITY.get(k, k), fmt(readability.get(k)))
                                           for k in keys])


def grammar_table(result: DocumentResult) -> str:
    grammar = result.grammar
    issues = grammar.get("issues")
    if not isinstance(issues, int):
        issues = sum(1 for f in result.findings if f.kind == KIND_GRAMMAR)
    return key_value_table("grammar", [("status", grammar.get("status") or "unavailable"),
                                       ("reason", grammar.get("reason") or "-"),
                                       ("server", grammar.get("server") or "-"),
                                       ("issues", issues)])


def document_fragment(doc_id: str, result: DocumentResult, show_text: bool = True) -> str:
    s = result.scores
    parts = [tag("h3", tag("a", esc(result.path), href=f"#{doc_id}", class_="path")
                 + " " + verdict_badge(result.verdict))]
    if result.verdict == "error":
        parts.append(tag("p", esc(result.error or "unknown error"), class_="error-msg"))
    elif result.verdict != "empty":
        parts.append(tag("p", esc(
            f"{result.words} words · spin density: {fmt(s.get('spin_density'))} · suspect "
            f"swaps: {fmt(s.get('suspect_swaps'))} · grammar: {grammar_summary(result)} · "
            f"grade: {fmt(s.get('readability_grade'), 1)}"), class_="stats"))
    notes = list(result.notes)
    if result.verdict == "empty" and not any("nothing to audit" in n for n in notes):
        notes.append("nothing to audit")
    if notes:
        parts.append(tag("ul", "".join(tag("li", "note: " + esc(n)) for n in notes),
                         class_="notes"))
    numbered = list(enumerate(sorted(result.findings, key=lambda f: (f.start, f.end)), 1))
    mark_ids: dict[int, str] = {}
    if show_text and result.verdict not in ("error", "empty"):
        text, mark_ids = annotated_text(doc_id, result.content, numbered)
        # "\n": the HTML parser drops a newline right after <pre>, not the text's own.
        parts.append(tag("pre", "\n" + text, class_="text"))
    if numbered:
        parts.append(findings_table(doc_id, result, numbered, mark_ids))
    elif result.verdict not in ("error", "empty"):
        parts.append(tag("p", "no findings", class_="muted"))
    if result.verdict not in ("error", "empty"):
        parts.append(tag("div", readability_table(result.readability) + grammar_table(result),
                         class_="panels"))
    return tag("article", "".join(parts), class_="doc", id=doc_id)


def template_html(template: str, slots: list) -> str:
    out, cursor = [], 0
    for index, match in enumerate(SLOT.finditer(template)):
        slot = slots[index] if index < len(slots) and isinstance(slots[index], dict) else {}
        counts = slot.get("alternatives") or {}
        proposed = slot.get("proposed")
        alts = []
        for alt in match.group(1).split("|"):
            count = counts.get(alt) if isinstance(counts, dict) else None
            title = f"{alt}: {count} document(s)" if count is not None else alt
            alts.append(tag("span", esc(alt), title=title,
                            class_="alt proposed" if alt == proposed else "alt"))
        out.append(esc(template[cursor:match.start()]))
        out.append(tag("span", "{" + "|".join(alts) + "}", class_="slot",
                       title=f"slot {index + 1}; proposed original: {proposed or '?'}"))
        cursor = match.end()
    out.append(esc(template[cursor:]))
    return "".join(out)


def slots_table(slots: list) -> str:
    rows = []
    for index, slot in enumerate(slots, 1):
        slot = slot if isinstance(slot, dict) else {"alternatives": slot}
        alternatives = slot.get("alternatives") or {}
        if isinstance(alternatives, dict):
            shown = ", ".join(f"{alt} ×{count}" for alt, count in alternatives.items())
        else:
            shown = ", ".join(str(alt) for alt in alternatives)
        rows.append(tag("tr", tag("td", str(index), class_="num") + tag("td", esc(shown))
                        + tag("td", esc(slot.get("proposed") or "-"))))
    head = tag("tr", tag("th", "#", class_="num") + tag("th", "alternatives (documents)")
               + tag("th", "proposed original"))
    return tag("table", tag("thead", head) + tag("tbody", "".join(rows)), class_="slots")


def _family_verdict(verdict) -> str:
    return f" · verdict with the family: {verdict_badge(verdict)}" if verdict else ""


def family_fragment(index: int, family: dict, anchors: dict[str, str]) -> str:
    members = [str(m) for m in family.get("members") or []]
    name = family.get("id", index)
    parts = [tag("h3", esc(f"family {name} · {len(members)} documents"))]
    adjusted = family.get("member_scores") or {}
    items = [tag("li", (tag("a", esc(m), href=f"#{anchors[m]}") if m in anchors else esc(m))
                 + _family_verdict(adjusted.get(m, {}).get("verdict_with_family")))
             for m in members]
    parts.append(tag("ul", "".join(items), class_="members"))
    slots = family.get("slots") or []
    if family.get("template"):
        parts.append(tag("p", template_html(str(family["template"]), slots), class_="template"))
    if slots:
        parts.append(slots_table(slots))
    extra = [(k, v) for k, v in family.items() if k not in FAMILY_KEYS
             and isinstance(v, (str, int, float, bool))]
    if extra:
        parts.append(tag("p", esc(" · ".join(f"{k}: {fmt(v)}" for k, v in extra)),
                         class_="muted"))
    if family.get("source_text"):
        parts.append(tag("details", tag("summary", "proposed source text")
                         + tag("pre", "\n" + esc(family["source_text"]), class_="source")))
    return tag("article", "".join(parts), class_="family", id=f"family-{index}")


class HtmlReporter(Reporter):
    def __init__(self, stream: TextIO, show_text: bool = True, title: str = "auditor report",
                 **options):
        super().__init__(stream, show_text=show_text, **options)
        self.title = title
        self._total = 0
        self._rows: list[tuple] = []        # (sort key, summary row HTML)
        self._fragments: list[str] = []     # one <article> per document
        self._anchors: dict[str, str] = {}  # path -> anchor id, for family member links
        self._verdicts: dict[str, int] = {}
        self._families: list[dict] = []

    def start(self, total: int) -> None:
        self._total = total

    def document(self, result: DocumentResult) -> None:
        index = len(self._fragments)
        doc_id = f"doc-{index + 1}"
        self._anchors.setdefault(result.path, doc_id)
        self._verdicts[result.verdict] = self._verdicts.get(result.verdict, 0) + 1
        self._fragments.append(document_fragment(doc_id, result, self.show_text is not False))
        self._rows.append(self._summary_row(doc_id, result, index))

    def family(self, family: dict) -> None:
        self._families.append(dict(family))

    def finish(self) -> None:
        w = self.stream.write
        w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w(f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n')
        w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        w(f"<title>{esc(self.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n")
        counts = ", ".join(f"{n} {v}" for v, n in sorted(
            self._verdicts.items(), key=lambda item: VERDICT_RANK.get(item[0], 5)))
        w(tag("h1", esc(self.title)) + "\n")
        w(tag("p", esc(f"{len(self._fragments)} documents" + (f": {counts}" if counts else "")),
              class_="muted") + "\n")
        if self.run_outcome is not None:  # the verdict counts alone do not say the run failed
            summary, failed = self.run_outcome
            w(tag("p", esc(summary), class_="outcome " + ("v-error" if failed else "v-clean"))
              + "\n")
        w(self._summary_table() + "\n")
        if self._families:
            w(tag("section", tag("h2", esc(f"Families ({len(self._families)})")) + "\n"
                  + "\n".join(family_fragment(i, f, self._anchors)
                              for i, f in enumerate(self._families, 1)), id="families") + "\n")
        if self._fragments:
            w('<section id="documents">\n<h2>Documents</h2>\n')
            for fragment in self._fragments:
                w(fragment + "\n")
            w("</section>\n")
        w("</main>\n</body>\n</html>\n")

    @staticmethod
    def _summary_row(doc_id: str, result: DocumentResult, index: int) -> tuple:
        s = result.scores
        per_100 = s.get("grammar_per_100_words")
        grammar = fmt(per_100) if per_100 is not None else result.grammar.get("status") or "-"
        words = "-" if result.verdict == "error" else str(result.words)
        cells = [tag("td", tag("a", esc(result.path), href=f"#{doc_id}"), class_="path"),
                 tag("td", verdict_badge(result.verdict))]
        cells += [tag("td", esc(v), class_="num") for v in (
            words, fmt(s.get("spin_density")), fmt(s.get("suspect_swaps")))]
        cells += [tag("td", esc(grammar)), tag("td", esc(fmt(s.get("readability_grade"), 1)))]
        key = (VERDICT_RANK.get(result.verdict, 5), -(s.get("spin_density") or 0.0), index)
        return key, tag("tr", "".join(cells), class_=f"row-{token(result.verdict)}")

    def _summary_table(self) -> str:
        head = "".join(tag("th", name, class_="num" if name in ("words", "spin density",
                                                                "suspect swaps") else None)
                       for name in ("path", "verdict", "words", "spin density", "suspect swaps",
                                    "grammar /100 words", "grade"))
        rows = "".join(row for _, row in sorted(self._rows, key=lambda r: r[0]))
        caption = f"Summary ({len(self._rows)} files, worst first)"
        return tag("section", tag("h2", esc(caption)) + tag("table", tag("thead", tag("tr", head))
                   + tag("tbody", rows), class_="summary"), id="summary")
