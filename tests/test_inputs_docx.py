"""Word documents through python-docx: paragraphs, headings, tables and footnotes, each
finding at its paragraph number (footnotes by number); broken files are per-file errors."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from auditor.inputs.docx import read

from .inputs_common import SPUN, check_result, finding, runner  # noqa: F401

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (f'<w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>A note on mental health '
             'preconception in towns.</w:t></w:r></w:p></w:footnote></w:footnotes>')


def make_docx(footnotes: bool = True, notes_xml: str = FOOTNOTES) -> bytes:
    d = docx.Document()
    d.add_paragraph("Community Gardens", style="Title")  # paragraph 1
    d.add_heading("Why gardens help", level=1)  # 2
    d.add_paragraph("")  # 3 (empty: counted, not audited)
    d.add_paragraph(SPUN)  # 4
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Beds"  # 5
    table.cell(0, 1).text = "Tools"  # 6
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "A merged cell about a sense of neighborhood."  # 7 (once)
    d.add_paragraph("The end.")  # 8
    if footnotes:
        part = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-"
                    "officedocument.wordprocessingml.footnotes+xml", notes_xml.encode(),
                    d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_paragraphs_tables_and_footnotes_in_order():
    got = read(make_docx(), "a.docx")
    assert got.title == "Community Gardens" and got.format == "docx"
    assert got.content.split("\n\n")[:-1] == [
        "Community Gardens", "Why gardens help", SPUN, "Beds", "Tools",
        "A merged cell about a sense of neighborhood.", "The end.",
        "A note on mental health preconception in towns."]
    where = {p: got.source_map.locate(got.content.index(p)).as_dict()
             for p in ("Why", "Peer", "Tools", "merged", "The end", "A note")}
    assert where == {"Why": {"paragraph": 2}, "Peer": {"paragraph": 4},
                     "Tools": {"paragraph": 6}, "merged": {"paragraph": 7},
                     "The end": {"paragraph": 8}, "A note": {"footnote": 1}}


def test_spun_phrases_found_at_their_paragraphs(tmp_path, runner):
    path = tmp_path / "a.docx"
    path.write_bytes(make_docx())
    result = runner.audit(str(path))
    check_result(result)
    assert result.location(finding(result, "searchings").start) == {"paragraph": 4}
    notes = [f for f in result.findings if result.location(f.start) == {"footnote": 1}]
    assert any("preconception" in f.text for f in notes)


def test_broken_and_protected_files_are_errors_and_the_batch_goes_on(tmp_path, runner):
    good = make_docx(footnotes=False)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good[: len(good) // 2])
    not_word = tmp_path / "other.docx"
    with zipfile.ZipFile(not_word, "w") as z:
        z.writestr("hello.txt", "not a Word document")
    protected = tmp_path / "protected.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "good.docx").write_bytes(good)
    results = list(runner.audit_many([str(truncated), str(not_word), str(protected),
                                      str(tmp_path / "good.docx")]))
    assert [r.verdict for r in results[:3]] == ["error"] * 3
    assert "not a readable Word document" in results[0].error
    assert "not a readable Word document" in results[1].error
    assert "password-protected" in results[2].error
    check_result(results[3])


def test_damaged_footnotes_are_skipped_not_fatal():
    odd = FOOTNOTES.replace('w:id="1"', 'w:id="one"')
    got = read(make_docx(notes_xml=odd), "odd.docx")
    assert "A note on" not in got.content and SPUN in got.content
    broken = read(make_docx(notes_xml=FOOTNOTES[:-20]), "broken.docx")
    assert SPUN in broken.content
