"""Reading input: decoding, Markdown masking with stable offsets, line:column."""
from __future__ import annotations

import codecs
import os
import signal

import pytest

from auditor.core.errors import DocumentError, UsageError
from auditor.inputs import document


def _load(tmp_path, name: str, data: bytes) -> document.Document:
    path = tmp_path / name
    path.write_bytes(data)
    return document.load(str(path))


def test_utf8_with_and_without_bom(tmp_path):
    plain = _load(tmp_path, "a.txt", "café au lait".encode())
    bom = _load(tmp_path, "b.txt", codecs.BOM_UTF8 + "café au lait".encode())
    assert plain.content == bom.content == "café au lait"
    assert plain.notes == bom.notes == []


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = _load(tmp_path, "a.txt", bom + "naïve résumé".encode(codec))
    assert doc.content == "naïve résumé"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_with_a_note(tmp_path, codec):
    text = "Peer groups can promote a sense of neighborhood. Naïve résumé, Ā, 中.\n"
    doc = _load(tmp_path, "a.txt", text.encode(codec))
    assert doc.content == text and doc.encoding == codec
    assert any("no byte order mark" in n and codec.upper() in n for n in doc.notes)


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,                      # NULs and everything else in both positions
    b"\x00\x00\x00\x01" * 200,                  # NUL in both positions
    "odd length".encode("utf-16-le") + b"x",    # not whole code units
    "\x01\x02\x03\x04".encode("utf-16-le") * 100,  # control characters, not text
    b"\x00\xff" * 50,                             # 'ÿÿÿ…' as UTF-16-BE: not text either
])
def test_nul_patterns_that_are_not_utf16_text_stay_binary(tmp_path, data):
    with pytest.raises(DocumentError, match="binary"):
        _load(tmp_path, "a.txt", data)


def test_legacy_single_byte_fallback_is_noted(tmp_path):
    doc = _load(tmp_path, "a.txt", "It’s a café".encode("cp1252"))
    assert doc.content == "It’s a café"
    assert doc.encoding == "cp1252"
    assert any("Windows-1252" in n for n in doc.notes)


def test_binary_file_is_an_error(tmp_path):
    with pytest.raises(DocumentError, match="binary"):
        _load(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)


def test_missing_file_is_a_document_error():
    with pytest.raises(DocumentError, match="cannot read"):
        document.load("/nonexistent/file.txt")


def test_blank_documents(tmp_path):
    assert _load(tmp_path, "a.txt", b"").is_blank
    assert _load(tmp_path, "b.txt", b"  \n\t\n ").is_blank


def test_markdown_masks_code_urls_and_comments_keeping_offsets():
    content = ("# Title\n\nA sense of neighborhood.\n\n```python\nsense of neighborhood = 1\n```\n\n"
               "Use `sense of area` inline. See https://example.com/sense-of-area and "
               "[a link](http://x.org/y).\n<!-- sense of neighborhood -->\n\n"
               "    indented code block\n")
    masked = document.mask_markdown(content)
    assert len(masked) == len(content)
    assert masked.count("\n") == content.count("\n")
    assert "A sense of neighborhood." in masked
    assert masked.count("neighborhood") == 1
    for hidden in ("sense of area", "example.com", "x.org", "indented code", "python"):
        assert hidden not in masked
    assert "a link" in masked


def test_plain_text_masks_urls_only():
    content = "Visit https://example.com/a-b now. `code` stays."
    masked = document.mask_plain(content)
    assert "example.com" not in masked and "`code` stays." in masked
    assert len(masked) == len(content)


def test_position_is_one_based_line_and_column():
    doc = document.Document(path="x", content="ab\ncd\n\nef")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 2)
    assert doc.position(7) == (4, 1)


def test_iter_paths_walks_folders_by_suffix(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.md", "c.markdown", "d.text", "e.py", "sub/f.TXT", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    found = [p.replace(str(tmp_path) + "/", "") for p in document.iter_paths([str(tmp_path)])]
    assert found == ["a.txt", "b.md", "c.markdown", "d.text", "sub/f.TXT"]


def test_iter_paths_missing_is_usage_error():
    with pytest.raises(UsageError):
        list(document.iter_paths(["/no/such/path"]))


def test_markdown_with_crlf_line_ends_keeps_the_prose_after_a_fence():
    content = "```\r\ncode\r\n```\r\n\r\nA sense of neighborhood.\r\n\r\n    indented\r\n"
    masked = document.mask_markdown(content)
    assert "A sense of neighborhood." in masked and "code" not in masked
    assert "indented" not in masked and len(masked) == len(content)


def test_a_stray_backtick_does_not_hide_paragraphs():
    content = "Don`t worry.\n\nA sense of neighborhood.\n\nIt won`t matter.\n"
    assert "A sense of neighborhood." in document.mask_markdown(content)


def test_bom_followed_by_invalid_utf8_falls_back_with_a_note(tmp_path):
    doc = _load(tmp_path, "a.txt", codecs.BOM_UTF8 + b"a sense \xff of it")
    assert doc.encoding == "cp1252" and doc.notes
    assert doc.content.startswith("a sense")


@pytest.fixture
def deadline():
    """Fail (instead of hanging the suite) when a test blocks for more than 10 s."""
    def expire(*_):
        raise TimeoutError("blocked for 10 s")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_an_error_and_never_blocks(tmp_path, deadline):
    fifo = tmp_path / "b.txt"
    os.mkfifo(fifo)
    assert list(document.iter_paths([str(tmp_path)])) == [str(fifo)]
    with pytest.raises(DocumentError, match="named pipe"):
        document.load(str(fifo))  # without the check this blocks forever (no writer)


def test_device_is_an_error(deadline):
    with pytest.raises(DocumentError, match="character device"):
        document.load("/dev/zero")  # without the check: reads 20 MB of NULs, or forever


def test_symlink_loop_named_is_listed_then_a_document_error(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert list(document.iter_paths([str(loop)])) == [str(loop)]
    with pytest.raises(DocumentError, match="cannot read"):
        document.load(str(loop))


@pytest.mark.parametrize("content", ["\ud800", "A sense of \udfff neighborhood.\n", "\udc80\ud800x"])
def test_lone_surrogates_do_not_crash_the_python_api(content):
    import json

    from auditor.core.runner import Options, Runner
    from auditor.reporters.json_report import document_dict

    doc = document.Document("x.txt", content)
    assert len(doc.content) == len(content) and "\ud800" not in doc.content
    with Runner(Options(grammar="off")) as runner:
        result = runner.audit_document(doc)
    assert result.verdict != "error"
    json.dumps(document_dict(result), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("opener", ["Intro <!-- note.", "Intro\n```", "Intro\n~~~~ python"])
def test_unclosed_comment_or_fence_masks_to_the_end_of_its_paragraph(opener):
    article = "The searchings for suggest a sense of neighborhood.\n\nA second paragraph.\n"
    content = f"{opener}\nstill inside\n\n{article}"
    masked = document.mask_markdown(content)
    assert len(masked) == len(content)
    assert masked.endswith(article)  # the rest of the document is audited
    assert "still inside" not in masked and "Intro" in masked


def test_closed_comment_and_fence_still_mask_across_blank_lines():
    content = "A <!-- one\n\ntwo -->\nB\n```\ncode\n\nmore code\n```\nC\n"
    masked = document.mask_markdown(content)
    assert masked.split() == ["A", "B", "C"]


def test_stray_comment_does_not_hide_a_spun_article():
    from auditor.core.runner import Options, Runner

    spun = ("Peer groups can promote a sense of neighborhood. The searchings for suggest "
            "that it helps people overcome mental health preconception.\n")
    doc = document.Document("e.md", "Intro <!-- note.\n\n" + spun,
                            text=document.mask_markdown("Intro <!-- note.\n\n" + spun))
    with Runner(Options(grammar="off", readability=False)) as runner:
        result = runner.audit_document(doc)
    assert result.words > 15 and len(result.findings) >= 3
