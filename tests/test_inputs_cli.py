"""Input formats from the command line: folders pick up every format (or those configured),
--input-format and --stdin-filename, JSON locations, and broken files as per-file errors."""
from __future__ import annotations

import io
import json
import sys

from auditor.cli import main
from auditor.core.errors import ExitCode

from .inputs_common import SPUN
from .test_inputs_docx import make_docx
from .test_inputs_html import PAGE
from .test_inputs_jats import ARTICLE
from .test_inputs_pdf import make_pdf
from .test_inputs_rst import SOURCE


def _json(args, capsys):
    # one process and no time budget: the machine's load is not what these tests measure
    code = main(["check", "--format", "json", "--grammar", "off", "--no-readability",
                 "--jobs", "1", "--time-budget", "0", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def _folder(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "a.txt").write_text(SPUN + "\n")
    (tmp_path / "b.md").write_text("---\ntitle: Gardens\ntags: [x]\n---\n" + SPUN + "\n")
    (tmp_path / "c.html").write_text(PAGE)
    (tmp_path / "d.rst").write_text(SOURCE)
    (tmp_path / "e.docx").write_bytes(make_docx())
    (tmp_path / "f.pdf").write_bytes(make_pdf())
    (tmp_path / "g.nxml").write_text(ARTICLE)
    (tmp_path / "h.docx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "i.xml").write_text("<config><x/></config>")  # not JATS: not picked up
    return tmp_path


def test_a_folder_of_every_format(tmp_path, capsys):
    code, data, _ = _json([str(_folder(tmp_path))], capsys)
    assert code == ExitCode.FINDINGS
    assert data["schema"] == "auditor.report/3"
    docs = {d["path"].rsplit("/", 1)[-1]: d for d in data["documents"]}
    assert sorted(docs) == ["a.txt", "b.md", "c.html", "d.rst", "e.docx", "f.pdf", "g.nxml",
                            "h.docx"]
    assert {n: d["format"] for n, d in docs.items()} == {
        "a.txt": "text", "b.md": "markdown", "c.html": "html", "d.rst": "rst",
        "e.docx": "docx", "f.pdf": "pdf", "g.nxml": "jats", "h.docx": None}
    assert docs["b.md"]["title"] == "Gardens" and docs["f.pdf"]["title"] == "Community Gardens"
    assert "not a readable Word document" in docs["h.docx"]["error"]
    for name, doc in docs.items():
        if name == "h.docx":
            continue
        spin = [f for f in doc["findings"] if "neighborhood" in f["text"]]
        assert spin, name
        keys = set(spin[0]["location"])
        assert keys == {"docx": {"paragraph"}, "pdf": {"page", "line", "column"}}.get(
            doc["format"], {"line", "column"}), (name, spin[0]["location"])
    md = next(f for f in docs["b.md"]["findings"] if "neighborhood" in f["text"])
    assert md["location"] == {"line": md["line"], "column": md["column"]} == {
        "line": 5, "column": SPUN.index("neighborhood") + 1}


def test_configured_formats(tmp_path, capsys):
    folder = _folder(tmp_path / "docs")
    config = tmp_path / ".auditor.toml"
    config.write_text('[auditor]\nformats = ["html", "pdf"]\n')
    _, data, _ = _json(["--config", str(config), str(folder)], capsys)
    assert sorted(d["format"] for d in data["documents"]) == ["html", "pdf"]
    config.write_text('[auditor]\nformats = ["doc"]\n')
    assert main(["check", "--config", str(config), str(folder)]) == ExitCode.USAGE
    assert "unknown format(s) doc" in capsys.readouterr().err


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_format_by_option_or_name(monkeypatch, capsys):
    text = ("Intro with `a sense of neighborhood` in code.\n\n" + SPUN + "\n").encode()
    for args in (["--input-format", "markdown"], ["--stdin-filename", "post.md"], []):
        _stdin(monkeypatch, text)
        _, data, _ = _json([*args, "-"], capsys)
        doc = data["documents"][0]
        early = [f for f in doc["findings"] if f["start"] < 36]
        assert (doc["format"], bool(early)) == (("text", True) if not args
                                                else ("markdown", False)), args
    _stdin(monkeypatch, PAGE.encode())
    _, data, _ = _json(["--stdin-filename", "saved/page.html", "-"], capsys)
    assert data["documents"][0]["format"] == "html"
    assert data["documents"][0]["title"] == "Community Gardens & Health"


def test_input_format_overrides_the_suffix(tmp_path, capsys):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    _, data, _ = _json(["--input-format", "html", str(path)], capsys)
    doc = data["documents"][0]
    assert doc["format"] == "html" and "<p" not in " ".join(f["text"] for f in doc["findings"])


def test_fix_leaves_extracted_formats_alone(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    code = main(["check", "--grammar", "off", "--no-readability", "--jobs", "1",
                 "--time-budget", "0", "--fix", "--format", "json", str(path)])
    err = capsys.readouterr().err
    assert code == ExitCode.FINDINGS and path.read_text() == PAGE
    assert "not fixed: --fix and --diff edit text and Markdown files only" in err


def test_an_unsupported_named_file_says_so_and_the_batch_goes_on(tmp_path, capsys):
    import zipfile

    odt = tmp_path / "draft.odt"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("content.xml", "<office:document-content/>" + "\0" * 100)
    (tmp_path / "ok.txt").write_text(SPUN + "\n")
    _, data, _ = _json([str(odt), str(tmp_path / "ok.txt")], capsys)
    bad, good = data["documents"]
    assert bad["verdict"] == "error" and ".odt is not a supported format" in bad["error"]
    assert ".docx" in bad["error"] and good["findings"]


def test_rich_and_html_reports_show_where_in_the_original(tmp_path, capsys):
    (tmp_path / "a.docx").write_bytes(make_docx())
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "c.pdf").write_bytes(make_pdf())
    args = ["check", "--grammar", "off", "--no-readability", "--jobs", "1", "--time-budget",
            "0", "--fail-on", "never"]
    assert main([*args, "--no-color", str(tmp_path)]) == ExitCode.OK
    out = capsys.readouterr().out
    column = PAGE.split("\n")[10].rindex("neighborhood") + 1  # not the title attribute
    for where in ("paragraph 4", "footnote 1", f"11:{column}", "page 1, line 2"):
        assert where in out, where
    assert main([*args, "--format", "html", "-o", str(tmp_path / "r.html"),
                 str(tmp_path)]) == ExitCode.OK
    page = (tmp_path / "r.html").read_text()
    assert "paragraph 4" in page and "page 1, line 2" in page and f"11:{column}" in page


def test_families_read_members_in_their_input_format(tmp_path, capsys):
    base = ("<html><head><title>Gardens</title></head><body><nav>Home About Contact</nav>"
            "<p>Peer support groups let people meet others with similar experiences. Members "
            "often say that the meetings give them a {} and practical advice about daily "
            "life, work and family. The {} suggest that it helps people overcome mental "
            "health {} and find new friends in the town.</p></body></html>")
    words = [("sense of community", "findings", "stigma"),
             ("sense of neighborhood", "searchings for", "stigma"),
             ("sense of community", "searchings for", "preconception")]
    for i, w in enumerate(words):
        (tmp_path / f"page{i}.txt").write_text(base.format(*w))  # HTML saved as .txt
    code = main(["batch", "--format", "json", "--grammar", "off", "--no-readability",
                 "--jobs", "1", "--time-budget", "0", "--input-format", "html",
                 str(tmp_path)])
    data = json.loads(capsys.readouterr().out)
    assert code == ExitCode.FINDINGS and len(data["families"]) == 1
    template = data["families"][0]["template"]
    assert "<p>" not in template and "nav" not in template and "Peer support" in template


def test_a_reader_that_fails_fails_one_file(tmp_path, capsys, monkeypatch):
    import auditor.inputs.html as reader

    def broken(data, name):
        raise RuntimeError("parser blew up")
    monkeypatch.setattr(reader, "read", broken)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(SPUN + "\n")
    code, data, _ = _json([str(tmp_path)], capsys)
    bad, good = data["documents"]
    assert bad["error"] == "cannot read as html: RuntimeError: parser blew up"
    assert good["findings"] and code == ExitCode.FINDINGS
