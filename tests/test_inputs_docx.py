"""Word documents through python-docx: paragraphs, headings, tables, text boxes, footnotes and
endnotes, each finding at its paragraph number (a text box's with the box's number, notes by
number); comments are not audited; broken files are per-file errors."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from auditor.inputs.docx import read

from .inputs_common import SPUN, check_result, finding, runner  # noqa: F401

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (f'<w:footnotes xmlns:w="{W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>A note on mental health '
             'preconception in towns.</w:t></w:r></w:p></w:footnote></w:footnotes>')


ENDNOTES = (f'<w:endnotes xmlns:w="{W}">'
            '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            '</w:endnote><w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            '<w:continuationSeparator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p>'
            '<w:r><w:t>An endnote about peer</w:t></w:r><w:r><w:tab/><w:t>assistance.</w:t>'
            '</w:r></w:p></w:endnote></w:endnotes>')
NS = {"mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
      "v": "urn:schemas-microsoft-com:vml"}
DECLS = f'xmlns:w="{W}" ' + " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def box(*paragraphs: str) -> str:
    return "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"
                                       for p in paragraphs) + "</w:txbxContent>"


def drawing_box_run(*paragraphs: str) -> str:
    """A run holding a text box as Word writes one: a DrawingML shape (wps) with a VML copy
    of the same text in mc:Fallback for older readers."""
    return (f'<w:r {DECLS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:inline><wp:extent cx="1828800" cy="457200"/><wp:docPr id="1" name="Box 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            f'wordprocessingShape"><wps:wsp><wps:txbx>{box(*paragraphs)}</wps:txbx>'
            '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>'
            '</mc:Choice><mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt">'
            f'<v:textbox>{box(*paragraphs)}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def vml_box_run(*paragraphs: str) -> str:
    """A text box as older Word versions write one: VML only."""
    return (f'<w:r {DECLS}><w:pict><v:shape style="width:144pt;height:36pt"><v:textbox>'
            f'{box(*paragraphs)}</v:textbox></v:shape></w:pict></w:r>')


def add_part(d, name: str, kind: str, xml: str, reltype: str) -> None:
    part = Part(PackURI(f"/word/{name}.xml"), "application/vnd.openxmlformats-officedocument"
                f".wordprocessingml.{kind}+xml", xml.encode(), d.part.package)
    d.part.relate_to(part, reltype)


def make_boxes_notes_comments() -> bytes:
    d = docx.Document()
    d.add_paragraph("Community Gardens", style="Title")  # paragraph 1
    anchor = d.add_paragraph("Gardens bring people together.")  # 2, anchors box 1
    anchor._p.append(parse_xml(drawing_box_run(SPUN, "A second line of the box.")))
    table = d.add_table(rows=1, cols=1)
    cell = table.cell(0, 0).paragraphs[0]  # 3, anchors box 2 (VML only), empty itself
    cell._p.append(parse_xml(vml_box_run("A cell box with sensible knowledge.")))
    commented = d.add_paragraph("The end.")  # 4
    d.add_comment(commented.runs, text="Reviewer: say a sense of neighborhood here?",
                  author="R. Viewer")
    add_part(d, "endnotes", "endnotes", ENDNOTES, RT.ENDNOTES)
    notes = FOOTNOTES.replace("towns.</w:t></w:r>",
                              "towns.</w:t></w:r>" + drawing_box_run("Boxed in a note."))
    add_part(d, "footnotes", "footnotes", notes, RT.FOOTNOTES)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


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


def test_text_boxes_once_each_and_endnotes_with_their_locations():
    got = read(make_boxes_notes_comments(), "boxes.docx")
    assert got.content.split("\n\n")[:-1] == [
        "Community Gardens", "Gardens bring people together.", SPUN,
        "A second line of the box.", "A cell box with sensible knowledge.", "The end.",
        "A note on mental health preconception in towns. Boxed in a note.",
        "An endnote about peer assistance."]
    where = {p: got.source_map.locate(got.content.index(p))
             for p in ("Gardens bring", "Peer", "A second", "A cell box", "The end", "Boxed",
                       "An endnote")}
    assert {p: w.as_dict() for p, w in where.items()} == {
        "Gardens bring": {"paragraph": 2}, "Peer": {"paragraph": 2, "textbox": 1},
        "A second": {"paragraph": 2, "textbox": 1},
        "A cell box": {"paragraph": 3, "textbox": 2}, "The end": {"paragraph": 4},
        "Boxed": {"footnote": 1}, "An endnote": {"endnote": 1}}
    assert where["Peer"].label == "text box 1 (paragraph 2)"
    assert where["An endnote"].label == "endnote 1"


def test_comments_are_not_audited():
    data = make_boxes_notes_comments()
    d = docx.Document(io.BytesIO(data))  # the comment is really there, in its part
    assert [c.text for c in d.comments] == ["Reviewer: say a sense of neighborhood here?"]
    got = read(data, "commented.docx")
    assert "Reviewer" not in got.content and "neighborhood here" not in got.content


def test_findings_in_text_boxes_and_endnotes_point_there(tmp_path, runner):
    path = tmp_path / "boxes.docx"
    path.write_bytes(make_boxes_notes_comments())
    result = runner.audit(str(path))
    check_result(result)
    assert result.location(finding(result, "searchings").start) == {"paragraph": 2,
                                                                     "textbox": 1}
    assert result.where(finding(result, "searchings").start) == "text box 1 (paragraph 2)"
    in_endnote = [f.text for f in result.findings
                  if result.location(f.start) == {"endnote": 1}]
    assert "assistance" in in_endnote, in_endnote  # "peer assistance" (support)


def test_a_box_in_a_box_is_read_once_with_its_own_number():
    inner = drawing_box_run("Inner box.")
    # the outer box's paragraph anchors the inner box, in the shape and in its VML copy
    outer = drawing_box_run("Outer box.").replace("Outer box.</w:t></w:r>",
                                                  "Outer box.</w:t></w:r>" + inner)
    d = docx.Document()
    d.add_paragraph("Host.")._p.append(parse_xml(outer))
    d.add_paragraph("Next.")._p.append(parse_xml(drawing_box_run("Third box.")))
    out = io.BytesIO()
    d.save(out)
    got = read(out.getvalue(), "nested.docx")
    assert got.content.split("\n\n")[:-1] == ["Host.", "Outer box.", "Inner box.", "Next.",
                                              "Third box."]
    assert [got.source_map.locate(got.content.index(w)).label for w in ("Outer", "Inner",
                                                                         "Third")] == [
        "text box 1 (paragraph 1)", "text box 2 (paragraph 1)", "text box 3 (paragraph 2)"]
