"""One document of the HTML report: a <details> element whose summary line (path, verdict,
numbers) is always visible, and inside it the text with findings marked, the findings table
(evidence in words) and the panels for what was computed."""
from __future__ import annotations

from ..core.findings import KIND_GRAMMAR, Finding
from ..core.results import DocumentResult
from .evidence import in_words
from .html_markup import esc, plural, tag, token, verdict_badge
from .presentation import HIDDEN_READABILITY, READABILITY, fmt, grammar_summary


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
        sev = f.severity.label
        link = tag("a", str(number), href=f"#{mark_ids[number]}") if number in mark_ids \
            else str(number)
        message = esc(f.message)
        if f.evidence:
            # The sentence only when the text is not on the page (no marks to link to).
            message += "<br>" + tag("span", esc(in_words(f.evidence, f.text, not mark_ids)),
                                    class_="evidence")
        cells = (tag("td", link, class_="num"), tag("td", esc(result.where(f.start)), class_="num"),
                 tag("td", esc(sev), class_=f"sev sev-{token(sev)}"), tag("td", esc(f.kind)),
                 tag("td", esc(f.text), class_="quote"), tag("td", esc(f.suggestion)),
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
    # the document's word count is in the summary line (one count, the runner's)
    keys = [k for k in READABILITY if k not in HIDDEN_READABILITY] \
        + [k for k in readability if k not in READABILITY]
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


def stats_line(result: DocumentResult) -> str:
    """Words, spin, findings; grammar and grade only when they were computed."""
    s = result.scores
    parts = [plural(result.words, "word"), f"spin density: {fmt(s.get('spin_density'))}",
             f"suspect swaps: {fmt(s.get('suspect_swaps'))}",
             plural(len(result.findings), "finding")]
    status = result.grammar.get("status")
    if status not in (None, "off"):
        parts.append(f"grammar: {grammar_summary(result) if status == 'ok' else status}")
    if result.readability:
        parts.append(f"grade: {fmt(s.get('readability_grade'), 1)}")
    return " · ".join(parts)


def document_fragment(doc_id: str, result: DocumentResult, show_text: bool = True,
                      opened: bool = False) -> str:
    """One document as a <details> element: the summary line (path, verdict, numbers) is
    always visible; text, findings and panels show when it is opened."""
    audited = result.verdict not in ("error", "empty")
    head = tag("h3", tag("a", esc(result.path), href=f"#{doc_id}", class_="path")
               + " " + verdict_badge(result.verdict))
    if audited:
        head += tag("span", esc(stats_line(result)), class_="stats")
    parts = [tag("summary", head)]
    if result.verdict == "error":
        parts.append(tag("p", esc(result.error or "unknown error"), class_="error-msg"))
    notes = list(result.notes)
    if result.verdict == "empty" and not any("nothing to audit" in n for n in notes):
        notes.append("nothing to audit")
    if notes:
        parts.append(tag("ul", "".join(tag("li", "note: " + esc(n)) for n in notes),
                         class_="notes"))
    numbered = list(enumerate(sorted(result.findings, key=lambda f: (f.start, f.end)), 1))
    mark_ids: dict[int, str] = {}
    if show_text and audited:
        text, mark_ids = annotated_text(doc_id, result.content, numbered)
        # "\n": the HTML parser drops a newline right after <pre>, not the text's own.
        parts.append(tag("pre", "\n" + text, class_="text"))
    if numbered:
        parts.append(findings_table(doc_id, result, numbered, mark_ids))
    elif audited:
        parts.append(tag("p", "no findings", class_="muted"))
    panels = []
    if audited and result.readability:
        panels.append(readability_table(result.readability))
    if audited and result.grammar.get("status") == "ok":
        panels.append(grammar_table(result))
    if panels:
        parts.append(tag("div", "".join(panels), class_="panels"))
    return tag("details", "".join(parts), class_="doc", id=doc_id,
               data_verdict=token(result.verdict), open="" if opened else None)
