"""One self-contained HTML page: the run's counts, a summary table (worst first, filterable by
verdict and sortable), families of near-duplicate documents when given, then per document its
text with findings marked, a findings table, readability and grammar (html_document).

Formats only. Everything that comes from a document, a path or a finding reaches the page
through `html_markup.esc`; the markup around it is fixed. The page loads nothing: inline CSS,
one inline script of ours (html_assets: filters, sorting) and a Content-Security-Policy that
allows only that script by its hash, so even a missed escape could not run a script or fetch
a resource. Documents are collapsed (<details>; open when there is one) and not laid out
until opened, so a report of a thousand documents opens quickly (benchmarks/report_size.py).
The reporter keeps one HTML fragment per document, not the results.
"""
from __future__ import annotations

from typing import TextIO

from ..core.results import DocumentResult
from ..util.termsafe import clean
from . import Reporter
from .html_assets import CSP, CSS, SCRIPT
from .html_document import document_fragment
from .html_families import family_fragment
from .html_markup import esc, plural, tag, token, verdict_badge
from .presentation import VERDICT_RANK, fmt


class HtmlReporter(Reporter):
    def __init__(self, stream: TextIO, show_text: bool = True, title: str = "auditor report",
                 **options):
        super().__init__(stream, show_text=show_text, **options)
        self.title = title
        self._total = 0
        self._rows: list[tuple] = []        # (sort key, summary row HTML)
        self._fragments: list[str] = []     # one <details> per document
        self._anchors: dict[str, str] = {}  # path -> anchor id, for family member links
        self._verdicts: dict[str, int] = {}
        self._families: list[dict] = []
        self._services: dict[str, int] = {}  # grammar unavailable: reason -> documents

    def start(self, total: int) -> None:
        self._total = total

    def document(self, result: DocumentResult) -> None:
        index = len(self._fragments)
        doc_id = f"doc-{index + 1}"
        self._anchors.setdefault(result.path, doc_id)
        self._verdicts[result.verdict] = self._verdicts.get(result.verdict, 0) + 1
        if result.grammar.get("status") == "unavailable":
            reason = result.grammar.get("reason") or "no reason given"
            self._services[reason] = self._services.get(reason, 0) + 1
        self._fragments.append(document_fragment(doc_id, result, self.show_text is not False,
                                                 opened=self._total == 1))
        self._rows.append(self._summary_row(doc_id, result, index))

    def family(self, family: dict) -> None:
        self._families.append(dict(family))

    def finish(self) -> None:
        w = self.stream.write
        w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w(f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n')
        w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        w(f"<title>{esc(self.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n")
        counts = ", ".join(f"{n} {v}" for v, n in self._verdict_counts())
        w(tag("h1", esc(self.title)) + "\n")
        w(tag("p", esc(plural(len(self._fragments), "document")
                       + (f": {counts}" if counts else "")), class_="muted") + "\n")
        for reason, count in self._services.items():
            w(tag("p", esc(f"grammar not checked ({plural(count, 'document')}): {reason}"),
                  class_="muted services") + "\n")
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
        w(f"</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")

    def _verdict_counts(self) -> list[tuple[str, int]]:
        return sorted(self._verdicts.items(), key=lambda item: VERDICT_RANK.get(item[0], 5))

    @staticmethod
    def _summary_row(doc_id: str, result: DocumentResult, index: int) -> tuple:
        """A summary row; each cell's data-key is what the page's script sorts it by."""
        s = result.scores
        per_100 = s.get("grammar_per_100_words")
        grammar = fmt(per_100) if per_100 is not None else result.grammar.get("status") or "-"
        audited = result.verdict != "error"
        grade = s.get("readability_grade") if result.readability else None
        rank = VERDICT_RANK.get(result.verdict, 5)

        def number(value, shown) -> str:
            key = value if isinstance(value, (int, float)) and audited else -1
            return tag("td", esc(shown), class_="num", data_key=key)

        cells = [tag("td", tag("a", esc(result.path), href=f"#{doc_id}"), class_="path",
                     data_key=clean(result.path).lower()),
                 tag("td", verdict_badge(result.verdict), data_key=rank),
                 number(result.words, str(result.words) if audited else "-"),
                 number(s.get("spin_density"), fmt(s.get("spin_density"))),
                 number(s.get("suspect_swaps"), fmt(s.get("suspect_swaps"))),
                 number(per_100, grammar), number(grade, fmt(grade, 1))]
        key = (rank, -(s.get("spin_density") or 0.0), index)
        return key, tag("tr", "".join(cells), class_=f"row-{token(result.verdict)}",
                        data_verdict=token(result.verdict), data_index=index)

    def _filters(self) -> str:
        """Verdict checkboxes, hidden until the page's script shows them (they need it)."""
        boxes = "".join(tag("label", f'<input type="checkbox" value="{token(v)}" checked> '
                            + verdict_badge(v) + esc(f" {n}")) for v, n in self._verdict_counts())
        return tag("div", tag("span", "show:") + boxes + tag("span", "", class_="shown muted"),
                   class_="filters", hidden="")

    def _summary_table(self) -> str:
        columns = (("path", "text"), ("verdict", "number"), ("words", "number"),
                   ("spin density", "number"), ("suspect swaps", "number"),
                   ("grammar /100 words", "number"), ("grade", "number"))
        head = "".join(tag("th", name, data_sort=kind, data_name=token(name), title="sort",
                           class_="num" if name in ("words", "spin density", "suspect swaps")
                           else None) for name, kind in columns)
        rows = "".join(row for _, row in sorted(self._rows, key=lambda r: r[0]))
        caption = f"Summary ({plural(len(self._rows), 'file')}, worst first)"
        return tag("section", tag("h2", esc(caption)) + self._filters()
                   + tag("table", tag("thead", tag("tr", head)) + tag("tbody", rows),
                         class_="summary"), id="summary")
