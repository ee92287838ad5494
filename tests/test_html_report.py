"""The HTML reporter: escaping, no external resources, marks that point at the right text,
the summary order, families; and the page as headless Chromium parses it."""
from __future__ import annotations

import base64
import hashlib
import html
import io
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor.core.findings import Finding, Severity
from auditor.core.results import DocumentResult
from auditor.inputs.document import Document
from auditor.reporters.html_assets import SCRIPT as PAGE_SCRIPT
from auditor.reporters.html_report import HtmlReporter

SPUN = ("How Does Art Therapy Work\n\nPeer groups can promote a sense of neighborhood. "
        "The searchings for suggest that the scheme,\nrun by Sheffield Hallam College, helps "
        "people overcome mental health preconception.\n")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
XSS = (f"Peer groups promote a sense of neighborhood.\n{SCRIPT} and {IMG} then "
       "\"quotes\" & 'apostrophes' at https://example.com/x.png\n")
FAMILY = {"id": 1, "members": ["spun.txt", "other/spun-copy.txt"], "similarity": 0.3456,
          "method": "<minhash>",
          "template": "Peer support {groups|system|teams} allow <b>people</b> to {meet|satisfy}.",
          "slots": [{"alternatives": {"groups": 3, "system": 2, "teams": 1},
                     "proposed": "groups"},
                    {"alternatives": {"meet": 2, "satisfy": 2}, "proposed": "meet"}],
          "source_text": f"Peer support groups allow people to meet.\n{SCRIPT}"}


def finding(content, phrase, original, kind="swap", severity=Severity.ERROR,
            rule="idiom.test", message=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = content.index(phrase, start + 1)
    return Finding(rule, kind, severity, start, start + len(phrase), phrase,
                   message or f"'{phrase}' looks like a swap for '{original}'", original,
                   evidence=f"matched '{phrase}'")


def result(path, content, findings=(), verdict="spun", density=3.0, **kw):
    spin = sum(1 for f in findings if f.kind == "swap")
    values = dict(words=len(content.split()), verdict=verdict,
                  scores={"spin_density": density, "suspect_swaps": spin,
                          "grammar_per_100_words": None, "readability_grade": 9.0},
                  readability={"flesch_reading_ease": 61.2, "textstat_words": len(content.split()),
                               "smog_index": None},
                  grammar={"status": "unavailable", "reason": "no <local> LanguageTool",
                           "server": None, "issues": 0})
    values.update(kw)
    return DocumentResult(path=path, document=Document(path=path, content=content),
                          findings=sorted(findings, key=lambda f: (f.start, f.end)), **values)


def spun_result(path="spun.txt"):
    return result(path, SPUN, [
        finding(SPUN, "neighborhood", "sense of community", rule="idiom.sense-of-community"),
        finding(SPUN, "searchings for", "findings", rule="artefact.searchings"),
        finding(SPUN, "Sheffield Hallam College", "Sheffield Hallam University",
                rule="inst.sheffield-hallam-college"),
        finding(SPUN, "preconception", "stigma", severity=Severity.WARNING),
        finding(SPUN, "helps", "help", kind="grammar", severity=Severity.SUGGESTION,
                rule="lt.AGREEMENT", message="Possible agreement error")],
        density=8.0)


def xss_result(path=f"{SCRIPT}.txt"):
    return result(path, XSS, [
        finding(XSS, "neighborhood", f"community {IMG}",
                message=f"swap <b>bold</b> {SCRIPT} \"quoted\""),
        finding(XSS, "alert(1)", "x", kind="grammar", severity=Severity.WARNING,
                message=IMG, occurrence=1)],
        verdict="review", density=1.0, notes=[f"note with {IMG}"])


def error_result(path=f"bad{IMG}.bin"):
    reason = f"binary file {SCRIPT}; not audited"
    return DocumentResult(path=path, document=None, verdict="error", error=reason,
                          findings=[Finding("input.unreadable", "error", Severity.ERROR, 0, 0,
                                            "", reason)])


def render(*results, families=(), **options) -> str:
    stream = io.StringIO()
    reporter = HtmlReporter(stream, **options)
    reporter.start(len(results))
    for r in results:
        reporter.document(r)
    for family in families:
        reporter.family(family)
    reporter.finish()
    return stream.getvalue()


class Dom(HTMLParser):
    """Elements of a page as an HTML parser sees them: tag, attrs, the text inside, and
    `bare`, that text without the <sup> finding numbers."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, name, attrs):
        element = {"tag": name, "attrs": dict(attrs), "text": "", "bare": "",
                   "within": list(self._open)}
        self.elements.append(element)
        if name not in ("meta", "br", "img", "link", "input", "hr"):
            self._open.append(element)

    def handle_endtag(self, name):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == name:
                del self._open[i:]
                break

    def handle_data(self, data):
        in_sup = any(e["tag"] == "sup" for e in self._open)
        for element in self._open:
            element["text"] += data
            if not in_sup:
                element["bare"] += data

    def find(self, name, cls=None):
        return [e for e in self.elements if e["tag"] == name
                and (cls is None or cls in e["attrs"].get("class", "").split())]


def marks(dom: Dom) -> list[str]:
    return [m["text"] for m in dom.find("mark")]


def summary_paths(dom: Dom) -> list[str]:
    table = dom.find("table", "summary")[0]
    rows = [e for e in dom.find("td", "path")]
    assert all(r["text"] in table["text"] for r in rows)
    return [r["text"] for r in rows]


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section", "article",
                "div", "h1", "h2", "h3", "p", "a", "span", "ul", "li", "pre", "mark", "sup",
                "table", "caption", "thead", "tbody", "tr", "th", "td", "code", "br", "details",
                "summary", "label", "input", "script"}


# --- escaping ---------------------------------------------------------------------------

def without_our_script(page: str) -> str:
    """The page less its one script of ours (html_assets.SCRIPT), which must be there once."""
    ours = f"<script>{PAGE_SCRIPT}</script>"
    assert page.count(ours) == 1
    return page.replace(ours, "")


def test_document_text_path_messages_are_escaped():
    page = render(spun_result(), xss_result(), error_result(), families=[FAMILY])
    assert "<script" not in without_our_script(page).lower()
    assert "<img" not in page.lower()
    assert not re.search(r"<b>", page)                 # "<b>" from messages and templates
    escaped = html.escape(SCRIPT, quote=True)
    assert escaped == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert page.count(escaped) >= 5  # path, summary, text, message, error, source text
    assert html.escape(IMG, quote=True) in page
    assert "&quot;quotes&quot; &amp; &#x27;apostrophes&#x27;" in page


def test_page_parses_to_our_elements_only():
    dom = Dom(render(spun_result(), xss_result(), error_result(), families=[FAMILY]))
    assert {e["tag"] for e in dom.elements} <= ALLOWED_TAGS
    for element in dom.elements:
        assert not any(name.startswith("on") for name in element["attrs"]), element
    assert [s["text"] for s in dom.find("script")] == [PAGE_SCRIPT]  # ours, once
    assert {i["attrs"].get("type") for i in dom.find("input")} == {"checkbox"}
    # The payload is text: it is inside the document's <pre> and in the mark tooltips.
    pre = dom.find("pre", "text")[1]["bare"]
    assert f"{SCRIPT} and {IMG}" in pre
    titles = [m["attrs"]["title"] for m in dom.find("mark")]
    assert any(SCRIPT in t and f"likely original: community {IMG}" in t for t in titles)


def test_no_external_resources():
    page = without_our_script(render(spun_result(), xss_result(), error_result(),
                                     families=[FAMILY]))
    assert not re.search(r"""\b(?:src|href|action|formaction|poster|srcset|data)\s*=\s*["']?"""
                         r"""\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(|@import|<link|<script|<iframe|<object|<embed", page, re.I)
    dom = Dom(page)
    hrefs = [e["attrs"]["href"] for e in dom.elements if "href" in e["attrs"]]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert not any("src" in e["attrs"] for e in dom.elements)
    # A content security policy forbids fetches and every script but ours (by its hash) even
    # if an escape were missed.
    csp = [e["attrs"]["content"] for e in dom.find("meta")
           if e["attrs"].get("http-equiv") == "Content-Security-Policy"]
    digest = base64.b64encode(hashlib.sha256(PAGE_SCRIPT.encode()).digest()).decode()
    directives = dict(d.strip().split(" ", 1) for d in csp[0].split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert "//" not in PAGE_SCRIPT.replace("// ", "") and "fetch" not in PAGE_SCRIPT
    # The document's own URL is shown as text, never linked.
    assert "https://example.com/x.png" in dom.find("pre", "text")[1]["text"]


# --- content ----------------------------------------------------------------------------

def test_marks_cover_the_findings_and_the_text_survives_verbatim():
    dom = Dom(render(spun_result()))
    assert marks(dom) == ["neighborhood", "searchings for", "Sheffield Hallam College",
                          "helps", "preconception"]
    classes = [m["attrs"]["class"] for m in dom.find("mark")]
    assert classes == ["k-swap s-error", "k-swap s-error", "k-swap s-error",
                       "k-grammar s-suggestion", "k-swap s-warning"]
    assert [s["text"] for s in dom.find("sup", "ref")] == ["1", "2", "3", "4", "5"]
    first = dom.find("mark")[0]["attrs"]["title"]
    assert "[1] error swap: 'neighborhood' looks like a swap for 'sense of community'" in first
    assert "likely original: sense of community" in first
    # Without its numbers the <pre> holds the document verbatim (after the extra "\n").
    assert dom.find("pre", "text")[0]["bare"] == "\n" + SPUN


def test_overlapping_findings_share_one_mark_with_both_numbers():
    content = "They get in touch with them."
    r = result("o.txt", content, [finding(content, "get in touch", "connect"),
                                  finding(content, "touch with", "contact",
                                          severity=Severity.WARNING)])
    dom = Dom(render(r))
    assert marks(dom) == ["get in touch with"]
    assert dom.find("sup", "ref")[0]["text"] == "1,2"
    rows = dom.find("table", "findings")[0]["text"]
    assert "1:6" in rows and "1:13" in rows


def test_findings_table_columns():
    page = render(spun_result())
    dom = Dom(page)
    headers = [th["text"] for th in dom.find("th")][7:15]
    assert headers == ["#", "line:col", "severity", "kind", "text", "likely original",
                       "rule id", "message"]
    row = [tr for tr in dom.find("tr") if tr["attrs"].get("id") == "doc-1-f3"][0]
    cells = [td["text"] for td in dom.find("td") if any(e is row for e in td["within"])]
    assert cells[:7] == ["3", "4:8", "error", "swap", "Sheffield Hallam College",
                         "Sheffield Hallam University", "inst.sheffield-hallam-college"]
    assert cells[7].startswith("'Sheffield Hallam College' looks like a swap for")
    # Number links go from the table to the mark and from the mark to the row.
    assert 'href="#doc-1-m3"' in page and 'href="#doc-1-f3"' in page


def test_summary_is_ranked_worst_first():
    results = [result("clean.txt", "Fine prose.", verdict="clean", density=0.0),
               result("review.txt", "Meh.", verdict="review", density=0.8),
               result("spun-low.txt", "x", verdict="spun", density=2.5),
               result("empty.txt", "", verdict="empty", density=0.0),
               error_result("broken.bin"),
               result("spun-high.txt", "y", verdict="spun", density=9.0)]
    dom = Dom(render(*results))
    assert summary_paths(dom) == ["spun-high.txt", "spun-low.txt", "review.txt", "broken.bin",
                                  "clean.txt", "empty.txt"]
    summary = dom.find("table", "summary")[0]["text"]
    assert "9.00" in summary and "Summary" not in summary
    assert "Summary (6 files, worst first)" in dom.find("h2")[0]["text"]
    # Document sections keep the input order.
    assert [a["text"] for a in dom.find("a", "path")][:2] == ["clean.txt", "review.txt"]


def test_error_empty_notes_and_panels():
    empty = result("empty.txt", "  \n", verdict="empty", density=0.0)
    dom = Dom(render(error_result("bad.bin"), empty, xss_result()))
    assert f"binary file {SCRIPT}; not audited" in dom.find("p", "error-msg")[0]["text"]
    notes = [li["text"] for li in dom.find("li")]
    assert "note: nothing to audit" in notes and f"note: note with {IMG}" in notes
    assert len(dom.find("pre", "text")) == 1  # neither the error nor the empty file
    kv = " ".join(t["text"] for t in dom.find("table", "kv"))
    assert "Flesch reading ease" in kv and "61.20" in kv and "n/a" in kv
    assert "Words" not in kv  # one word count: the document's, in its summary line
    assert "no <local> LanguageTool" not in kv  # said once for the run, above the summary
    services = [p["text"] for p in dom.find("p", "services")]
    assert services == ["grammar not checked (2 documents): no <local> LanguageTool"]


def test_show_text_false_omits_the_text():
    dom = Dom(render(spun_result(), show_text=False, color=False))
    assert not dom.find("pre") and not dom.find("mark")
    assert len(dom.find("table", "findings")) == 1


def test_families_section_only_when_given():
    assert 'id="families"' not in render(spun_result())
    page = render(spun_result(), families=[FAMILY])
    dom = Dom(page)
    section = [e for e in dom.find("section") if e["attrs"].get("id") == "families"][0]
    assert "Families (1)" in section["text"] and "family 1 · 2 documents" in section["text"]
    members = [li for li in dom.find("li") if li["text"] in FAMILY["members"]]
    assert [m["text"] for m in members] == FAMILY["members"]
    assert 'href="#doc-1">spun.txt</a>' in page  # audited member links to its document
    template = dom.find("p", "template")[0]["text"]
    assert template == "Peer support {groups|system|teams} allow <b>people</b> to {meet|satisfy}."
    assert [p["text"] for p in dom.find("span", "proposed")] == ["in bold green", "groups",
                                                                 "meet"]
    assert "the proposed source wording comes first" in dom.find("p", "legend")[0]["text"]
    # The proposed wording comes first even when the documents list it later, or lack it.
    later = dict(FAMILY, template="a {x|y} b {p|q} c.",
                 slots=[{"alternatives": {"x": 2, "y": 1}, "proposed": "y"},
                        {"alternatives": {"p": 1, "q": 1}, "proposed": "r"}])
    assert Dom(render(families=[later])).find("p", "template")[0]["text"] == "a {y|x} b {r|p|q} c."
    assert "groups ×3, system ×2, teams ×1" in dom.find("table", "slots")[0]["text"]
    assert SCRIPT in dom.find("pre", "source")[0]["text"]
    assert "similarity: 0.35 · method: <minhash>" in section["text"]  # other fields shown


# --- in a browser -----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") \
    or shutil.which("google-chrome")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="auditor-chromium-") as profile:
        return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium, chromium-browser or google-chrome "
                    "on PATH (Debian: apt-get install chromium)")
def test_chromium_renders_findings_and_payload_as_text(tmp_path: Path):
    hostile = XSS.replace(IMG, "<img src=x onerror=\"document.body.dataset.pwned=1\">") \
        + "<script>document.body.dataset.pwned = 2</script>\n"
    page = render(spun_result(), xss_result(), result(
        "hostile.txt", hostile, [finding(hostile, "neighborhood", "community")],
        verdict="review", density=0.9), families=[FAMILY])
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")

    done = chromium("--dump-dom", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Dom(done.stdout)
    assert dom.find("table", "summary"), done.stdout[:2000]
    assert summary_paths(dom) == ["spun.txt", f"{SCRIPT}.txt", "hostile.txt"]
    assert marks(dom)[:5] == ["neighborhood", "searchings for", "Sheffield Hallam College",
                              "helps", "preconception"]
    assert "neighborhood" in marks(dom)[5:] and "alert(1)" in marks(dom)
    # The payloads are text: no script, img or event handler made it into the DOM ...
    assert [s["text"] for s in dom.find("script")] == [PAGE_SCRIPT] and not dom.find("img")
    assert not any(n.startswith("on") for e in dom.elements for n in e["attrs"])
    assert "data-pwned" not in dom.find("body")[0]["attrs"]
    texts = [p["bare"] for p in dom.find("pre", "text")]
    assert f"{SCRIPT} and {IMG}" in texts[1]
    assert "<script>document.body.dataset.pwned = 2</script>" in texts[2]
    assert f"{SCRIPT}.txt" in [a["text"] for a in dom.find("a", "path")]

    shot = tmp_path / "report.png"
    done = chromium(f"--screenshot={shot}", "--window-size=1200,1600", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page, not a blank image


# --- a report for people: words, plurals, collapsed documents, filters --------------------

def test_evidence_in_words_and_plurals():
    r = spun_result()
    r.findings[0] = Finding("idiom.sense-of-community", "swap", Severity.ERROR,
                            r.findings[0].start, r.findings[0].end, "neighborhood",
                            "spun", "community",
                            evidence="matched '~sense|~feeling of [neighborhood|neighbourhood]' "
                                     "in 'Peer groups can promote a sense of neighborhood.'")
    dom = Dom(render(r))
    evidence = [e["text"] for e in dom.find("span", "evidence")]
    assert evidence[0] == "matched the phrase 'sense of neighborhood'"  # the text is above
    assert not any("|" in e or "~" in e for e in evidence)
    assert dom.find("p", "muted")[0]["text"] == "1 document: 1 spun"
    assert "Summary (1 file, worst first)" in dom.find("h2")[0]["text"]
    assert "5 findings" in dom.find("span", "stats")[0]["text"]
    one = dict(FAMILY, members=["spun.txt"])
    page = render(spun_result(), families=[one])
    assert "family 1 · 1 document<" in page and "1 documents" not in page
    assert 'title="proposed source wording; meet: 2 documents"' in page


def test_documents_are_collapsed_unless_there_is_one():
    one = Dom(render(spun_result()))
    assert [d["attrs"].get("open") for d in one.find("details", "doc")] == [""]
    many = Dom(render(spun_result(), xss_result(), error_result()))
    docs = many.find("details", "doc")
    assert [d["attrs"].get("open") for d in docs] == [None, None, None]
    assert [d["attrs"]["data-verdict"] for d in docs] == ["spun", "review", "error"]
    # The path, verdict and numbers are in the summary line of a collapsed document.
    head = many.find("summary")[0]["text"]
    assert head.startswith("spun.txt spun") and "5 findings" in head


def test_summary_rows_carry_sort_keys_and_filters_wait_for_the_script():
    dom = Dom(render(spun_result(), xss_result(), error_result()))
    rows = [tr for tr in dom.find("tr") if "data-verdict" in tr["attrs"]]
    assert [r["attrs"]["data-verdict"] for r in rows] == ["spun", "review", "error"]
    keys = [td["attrs"].get("data-key") for td in dom.find("td")
            if any(e is rows[2] for e in td["within"])]
    assert keys[1:5] == ["2", "-1", "-1", "-1"]  # error: rank 2, no numbers
    filters = dom.find("div", "filters")[0]
    assert "hidden" in filters["attrs"]  # useless without the script, which unhides them
    assert [i["attrs"]["value"] for i in dom.find("input")] == ["spun", "review", "error"]
    assert [th["attrs"].get("data-name") for th in dom.find("th")][:7] == [
        "path", "verdict", "words", "spin-density", "suspect-swaps", "grammar-100-words",
        "grade"]


HOSTILE_NAME = "evil\u202eatad\u202c<script>x</script>\x1b[31m\u05e9\u05dc\u05d5\u05dd.txt"
HOSTILE = ("\u05e9\u05dc\u05d5\u05dd \u202eesrever\u202c and a sense of neighborhood.\n"
           + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6 + "\n"
           + "<script>document.body.dataset.pwned = 3</script> bell\x07 esc\x1b[2J done\n")


def hostile_result():
    return result(HOSTILE_NAME, HOSTILE, [finding(HOSTILE, "neighborhood", "community"),
                                          finding(HOSTILE, "Pneumono", "long word")],
                  verdict="spun", density=4.0)


def test_hostile_names_and_text_are_shown_not_obeyed():
    page = render(hostile_result(), spun_result())
    assert "\u202e" not in page and "\x1b" not in page and "\x07" not in page
    assert "&lt;U+202E&gt;" in page and "\u241b" in page  # shown visibly
    assert "<script>x" not in without_our_script(page)


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "html"


def artefact(name: str) -> Path:
    """Where a browser check saves what it saw (test-artifacts/, ignored by git; CI keeps
    it as the job's artefacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium, chromium-browser or google-chrome "
                    "on PATH (Debian: apt-get install chromium)")
def test_chromium_filters_sorts_and_opens_documents(tmp_path: Path):
    results = [result(f"doc-{i}.txt", f"Words {'x ' * i}.", verdict=v, density=d)
               for i, (v, d) in enumerate([("clean", 0.1), ("spun", 3.0), ("review", 2.1),
                                           ("spun", 5.0), ("clean", 0.0)])]
    results.append(hostile_result())
    report = tmp_path / "report.html"
    report.write_text(render(*results), encoding="utf-8")
    # The view in the address: only spun and review rows, sorted by words, largest first.
    done = chromium("--dump-dom", report.as_uri() + "#filter=spun,review&sort=words")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Dom(done.stdout)
    rows = [tr for tr in dom.find("tr") if "data-verdict" in tr["attrs"]]
    paths = {id(td["within"][-1]): td["text"] for td in dom.find("td", "path")}
    shown = [paths[id(r)] for r in rows if "hidden" not in r["attrs"]]
    assert shown[0].startswith("evil") and shown[1:] == ["doc-3.txt", "doc-2.txt", "doc-1.txt"]
    assert all(r["attrs"]["data-verdict"] == "clean" for r in rows if "hidden" in r["attrs"])
    assert "hidden" not in dom.find("div", "filters")[0]["attrs"]
    assert dom.find("span", "shown")[0]["text"] == "4 of 6 shown"
    docs = {d["attrs"]["id"]: d["attrs"] for d in dom.find("details", "doc")}
    assert "hidden" in docs["doc-1"] and "hidden" not in docs["doc-2"]
    # A link into a collapsed document opens it.
    done = chromium("--dump-dom", report.as_uri() + "#doc-6-f1")
    opened = [d["attrs"]["id"] for d in Dom(done.stdout).find("details", "doc")
              if "open" in d["attrs"]]
    assert opened == ["doc-6"]
    shot = artefact("filtered.png")
    done = chromium(f"--screenshot={shot}", "--window-size=1200,900",
                    report.as_uri() + "#filter=spun,review&sort=words")
    assert done.returncode == 0 and shot.read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium, chromium-browser or google-chrome "
                    "on PATH (Debian: apt-get install chromium)")
def test_chromium_renders_a_hostile_document(tmp_path: Path):
    report = tmp_path / "hostile.html"
    report.write_text(render(hostile_result()), encoding="utf-8")
    done = chromium("--dump-dom", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Dom(done.stdout)
    assert "data-pwned" not in dom.find("body")[0]["attrs"]
    assert [s["text"] for s in dom.find("script")] == [PAGE_SCRIPT]
    text = dom.find("pre", "text")[0]["bare"]
    assert "<U+202E>esrever<U+202C>" in text and "\u241b[2J" in text and "\u2407" in text
    assert "<script>document.body.dataset.pwned = 3</script>" in text
    assert dom.find("a", "path")[0]["text"].startswith("evil<U+202E>atad<U+202C><script>")
    shot = artefact("hostile.png")
    done = chromium(f"--screenshot={shot}", "--window-size=900,1200", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000
