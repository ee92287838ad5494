"""PDF through pypdf: hyphenation at line ends repaired, running heads and page footers
dropped, findings at page and line; encrypted and damaged files are per-file errors. The
PDFs are written by fpdf2."""
from __future__ import annotations

import io

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from auditor.inputs.pdf import read

from .inputs_common import check_result, finding, runner  # noqa: F401

PAGES = [
    "Peer groups can promote a sense of neighbor-\nhood. The searchings for suggest that it "
    "helps people\novercome mental health preconception. This is an exam-\nple of a well-\n"
    "known line.",
    "A second page talks about gardens and the soil.\nVolunteers water the beds every "
    "morning.",
    "The third page ends the article.",
]


def make_pdf(pages=PAGES) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.set_auto_page_break(False)
    pdf.set_title("Community Gardens")
    for number, body in enumerate(pages, 1):
        pdf.add_page()
        pdf.cell(0, 10, "Journal of Community Studies", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 8, body)
        pdf.set_y(-20)
        pdf.cell(0, 10, f"Page {number} of {len(pages)}", align="C")
    return bytes(pdf.output())


def test_hyphens_joined_and_page_furniture_dropped():
    got = read(make_pdf(), "a.pdf")
    assert got.title == "Community Gardens" and got.format == "pdf"
    assert "Journal of Community" not in got.content and "Page " not in got.content
    assert "a sense of neighborhood. The searchings" in got.content
    assert "This is an example of a well-known line." in got.content  # a compound keeps it
    assert got.content.startswith("Peer groups") and "Volunteers water" in got.content
    where = {w: got.source_map.locate(got.content.index(w)).as_dict()
             for w in ("Peer", "neighborhood", "hood.", "example", "Volunteers", "third")}
    assert where["Peer"] == {"page": 1, "line": 2, "column": 1}  # line 1 is the running head
    assert where["neighborhood"] == {"page": 1, "line": 2, "column": 36}
    assert where["example"]["line"] == 4 and where["Volunteers"] == {"page": 2, "line": 3,
                                                                        "column": 1}
    assert where["third"]["page"] == 3


def test_one_page_keeps_its_first_line():
    got = read(make_pdf(PAGES[:1]), "one.pdf")
    assert got.content.startswith("Journal of Community Studies")  # nothing repeats


def test_spun_phrases_found_at_page_and_line(tmp_path, runner):
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf())
    result = runner.audit(str(path))
    check_result(result)
    loc = result.location(finding(result, "neighborhood").start)
    assert (loc["page"], loc["line"]) == (1, 2)
    loc = result.location(finding(result, "preconception").start)
    assert (loc["page"], loc["line"]) == (1, 4)


def test_encrypted_and_damaged_pdfs_are_errors_and_the_batch_goes_on(tmp_path, runner):
    data = make_pdf()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    (tmp_path / "1-locked.pdf").write_bytes(locked.getvalue())
    (tmp_path / "2-damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (tmp_path / "3-good.pdf").write_bytes(data)
    results = list(runner.audit_many(sorted(str(p) for p in tmp_path.iterdir())))
    assert "encrypted PDF" in results[0].error and "password" in results[0].error
    assert "not a readable PDF" in results[1].error
    check_result(results[2])


def test_owner_password_only_opens_with_a_note():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    got = read(out.getvalue(), "owner.pdf")
    assert "neighborhood" in got.content and any("encrypted" in n for n in got.notes)
