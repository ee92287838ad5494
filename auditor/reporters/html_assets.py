"""The HTML report's fixed parts: its style sheet, its one small script, and the
Content-Security-Policy that allows that script (by its SHA-256) and nothing else: no other
script, no fetch of any kind, so a missed escape could neither run code nor load anything.

The script only improves a page that works without it: it unhides the verdict filters,
filters the summary rows and the documents by verdict, sorts the summary by a column when its
header is clicked, and opens a collapsed document when a link (or the address) points into it.
The address can carry a view: `report.html#filter=spun,review&sort=words` (sorted descending).
"""
from __future__ import annotations

import base64
import hashlib

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
table.findings td.quote{min-width:7rem;overflow-wrap:anywhere}
table.summary th{white-space:normal}table.summary td.path{min-width:12rem}
#summary{overflow-x:auto}
table.findings td.msg{overflow-wrap:anywhere;width:45%}
.verdict{display:inline-block;padding:0 .5em;border-radius:.8em;font-weight:600;font-size:.9em}
.v-spun{background:#fde2e1;color:#a4161a}.v-review{background:#fff1c2;color:#7a5600}
.v-clean{background:#dcf5e3;color:#17683a}.v-error{background:#f3e0f7;color:#7b1f8c}
.v-empty{background:#eceef1;color:#667085}
.sev{font-weight:600}.sev-error{color:#b42318}.sev-warning{color:#8a6100}
.sev-suggestion{color:#0e6f84}
details.doc,article.family{background:#fff;border:1px solid #dde1e7;border-radius:8px;
 padding:.2rem 1.2rem;margin:.6rem 0}
details.doc{content-visibility:auto;contain-intrinsic-size:auto 3rem}
details.doc[open]{padding-bottom:1rem}
details.doc>summary{cursor:pointer;padding:.5rem 0;list-style-position:outside}
details.doc>summary h3{display:inline;margin:0;font-size:1.05rem}
details.doc>summary .stats{display:block;color:#475467;font-size:.9em}
details.doc table,article.family table{background:#fcfcfd}
td.path,.path{overflow-wrap:anywhere}
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
.slot .alt{color:#475467}.slot .proposed,.legend .proposed{color:#17683a;font-weight:700;
 text-decoration:underline}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin:.4rem 0}
.filters label{cursor:pointer}.filters[hidden]{display:none}
th[data-sort]{cursor:pointer}th[data-sort]::after{content:" \\2195";color:#98a2b3}
th[aria-sort=ascending]::after{content:" \\2191";color:#1d2330}
th[aria-sort=descending]::after{content:" \\2193";color:#1d2330}
:target{outline:2px solid #1f5fbf;outline-offset:1px}
"""

SCRIPT = """
(function () {
  "use strict";
  var summary = document.querySelector("table.summary");
  var filters = document.querySelector(".filters");
  var body = summary && summary.tBodies[0];
  var boxes = filters ? filters.querySelectorAll("input[type=checkbox]") : [];
  function params() {
    var out = {};
    decodeURIComponent(location.hash.slice(1)).split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) { out[part.slice(0, eq)] = part.slice(eq + 1); }
    });
    return out;
  }
  function reveal() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    if (target) { target.scrollIntoView(); }
  }
  function apply() {
    var on = {}, count = 0;
    boxes.forEach(function (box) { on[box.value] = box.checked; });
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = !on[row.dataset.verdict];
      if (!row.hidden) { count += 1; }
    });
    document.querySelectorAll("details.doc").forEach(function (doc) {
      doc.hidden = !on[doc.dataset.verdict];
    });
    filters.querySelector(".shown").textContent = count + " of " + body.rows.length + " shown";
  }
  function sortBy(th, down) {
    var column = th.cellIndex, numeric = th.dataset.sort === "number";
    summary.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.key, y = b.cells[column].dataset.key;
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return (down ? -order : order) || a.dataset.index - b.dataset.index;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function fromAddress() {
    // #filter=spun,review and #sort=words (descending) set the view; any other #id opens
    // the document it points into.
    var view = params();
    if (view.filter === undefined && view.sort === undefined) { reveal(); return; }
    if (view.filter !== undefined && filters) {
      var wanted = view.filter.split(",");
      boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
      apply();
    }
    var th = view.sort && summary && summary.querySelector("th[data-name=" + JSON.stringify(
      view.sort) + "]");
    if (th) { sortBy(th, true); }
  }
  if (summary && filters) {
    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    filters.hidden = false;
    apply();
    summary.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () {
        sortBy(th, th.getAttribute("aria-sort") !== "descending");
      });
    });
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{SCRIPT_HASH}'; "
       "base-uri 'none'; form-action 'none'")
