"""Spin families in the HTML report: members linked to their documents, the template with
each slot's proposed source wording marked, the slots table and the proposed source text."""
from __future__ import annotations

import re

from .html_markup import esc, plural, tag, verdict_badge
from .presentation import fmt

SLOT = re.compile(r"\{([^{}]*)\}")
FAMILY_KEYS = {"id", "members", "template", "slots", "source_text"}


def template_html(template: str, slots: list) -> str:
    """The template, each slot {proposed|other|…}: the proposed source wording first (also
    when no document has it: a repair), in bold green and underlined, "∅" for no word."""
    out, cursor = [], 0
    for index, match in enumerate(SLOT.finditer(template)):
        slot = slots[index] if index < len(slots) and isinstance(slots[index], dict) else {}
        counts = slot.get("alternatives") or {}
        proposed = slot.get("proposed")
        alts = []
        written = match.group(1).split("|")
        ordered = ([proposed] if proposed is not None else []) \
            + [a for a in written if a != proposed]
        for alt in ordered:
            count = counts.get(alt) if isinstance(counts, dict) else None
            title = f"{alt}: {plural(count, 'document')}" if isinstance(count, int) else alt
            if alt == proposed:
                title = f"proposed source wording; {title}"
            alts.append(tag("span", esc(alt or "∅"), title=title,
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
    parts = [tag("h3", esc(f"family {name} · {plural(len(members), 'document')}"))]
    adjusted = family.get("member_scores") or {}
    items = [tag("li", (tag("a", esc(m), href=f"#{anchors[m]}") if m in anchors else esc(m))
                 + _family_verdict(adjusted.get(m, {}).get("verdict_with_family")))
             for m in members]
    parts.append(tag("ul", "".join(items), class_="members"))
    slots = family.get("slots") or []
    if family.get("template"):
        parts.append(tag("p", "Template: in each {…} the proposed source wording comes first, "
                         + tag("span", "in bold green", class_="proposed") + ".",
                         class_="muted legend"))
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
