"""Ingest without OCR: bad inputs, text-layer decisions, page furniture, legacy encodings.

Every PDF here is made by reportlab in a temp dir and read back through the
real pdfplumber/pdfminer stack; nothing is mocked.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from vnresolve.ingest import IngestError, IngestOptions, ingest_file
from vnresolve.ingest import errors as E
from vnresolve.ingest.legacy import encode_cp1258, encode_tcvn3, encode_viqr, encode_vni
from vnresolve.ingest.quality import GOOD_TEXT_LAYER, text_quality
from vnresolve.ingest.text import decode_text
from vnresolve.schemas import dump_document
from fixtures.documents import LINES, SENTENCE, font, make_pdf, mangle

# ---------------------------------------------------------------- bad input


def test_zero_byte_file_is_empty(tmp_path):
    for name in ("a.pdf", "a.png", "a.txt"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(E.EmptyFile):
            ingest_file(tmp_path / name)


def test_random_bytes_named_pdf_is_not_a_pdf(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    with pytest.raises(E.NotAPdf) as err:
        ingest_file(path)
    assert "\n" not in str(err.value)


def test_truncated_pdf(tmp_path):
    data = make_pdf(tmp_path / "ok.pdf", [LINES]).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(E.TruncatedFile):
        ingest_file(cut)


def test_encrypted_pdf(tmp_path):
    path = make_pdf(tmp_path / "enc.pdf", [LINES], encrypt=StandardEncryption("secret", canPrint=0))
    with pytest.raises(E.EncryptedFile) as err:
        ingest_file(path)
    assert "encrypted" in str(err.value)


def test_broken_xref_is_recovered(tmp_path):
    """A wrong startxref offset (common after naive editing) is repaired by scanning, not fatal."""
    data = make_pdf(tmp_path / "ok.pdf", [LINES]).read_bytes()
    i = data.rfind(b"startxref")
    bad = tmp_path / "xref.pdf"
    bad.write_bytes(data[:i] + b"startxref\n999999\n%%EOF\n")
    doc = ingest_file(bad)
    assert "Chấp hành" in doc.text


def test_zero_page_pdf(tmp_path):
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    body += b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    path = tmp_path / "zero.pdf"
    path.write_bytes(body)
    with pytest.raises(E.NoPages):
        ingest_file(path)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    """A 50000x50000 PNG header over a few bytes of data: refused from the header alone."""
    ihdr = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + _png_chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(png)
    with pytest.raises(E.ImageTooLarge):
        ingest_file(path)


def test_truncated_png(tmp_path):
    img = Image.effect_noise((400, 300), 60).convert("L")
    full = tmp_path / "full.png"
    img.save(full)
    cut = tmp_path / "cut.png"
    cut.write_bytes(full.read_bytes()[:2000])
    with pytest.raises((E.TruncatedFile, E.UnreadableImage)):
        ingest_file(cut)


def test_a_tiff_whose_second_frame_directory_is_damaged_fails_naming_that_frame(tmp_path):
    """Pillow raises TypeError on a frame directory without its size tags: that is the file's fault,
    reported as such, not an internal error."""
    from vnresolve.ingest.frames import read_frame

    pages = [Image.new("L", (200, 100), 255), Image.new("L", (200, 100), 255)]
    path = tmp_path / "two.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:])
    data = bytearray(path.read_bytes())
    first = struct.unpack_from("<I", data, 4)[0]
    second = struct.unpack_from("<I", data, first + 2 + 12 * struct.unpack_from("<H", data, first)[0])[0]
    for i in range(struct.unpack_from("<H", data, second)[0]):
        if struct.unpack_from("<H", data, second + 2 + 12 * i)[0] == 256:  # ImageWidth -> a private tag
            struct.pack_into("<H", data, second + 2 + 12 * i, 0x8000)
    path.write_bytes(bytes(data))
    with pytest.raises(E.UnreadableImage, match="frame 2 is damaged"):
        ingest_file(path)
    with pytest.raises(E.UnreadableImage, match="frame 2"):
        read_frame(path, 1)


def test_text_named_as_image_is_unreadable(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text(SENTENCE, encoding="utf-8")
    with pytest.raises(E.UnreadableImage):
        ingest_file(path)


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(E.UnsupportedFile):
        ingest_file(path)


def test_every_error_is_an_ingest_error_with_a_code():
    for cls in vars(E).values():
        if isinstance(cls, type) and issubclass(cls, Exception) and cls is not IngestError and cls.__module__ == E.__name__:
            assert issubclass(cls, IngestError)
            assert cls.code and cls.code != IngestError.code


# ---------------------------------------------------------------- text-layer decision


def test_good_text_layer_is_reused_not_ocrd(tmp_path):
    doc = ingest_file(make_pdf(tmp_path / "good.pdf", [LINES]))
    page = doc.pages[0]
    assert doc.source.kind == "pdf-text"
    assert page.source == "text-layer"
    assert page.text_quality >= GOOD_TEXT_LAYER
    assert page.text.split() == " ".join(LINES).split()
    assert all(w.conf is None for line in page.lines for w in line.words)
    assert not [w for w in doc.warnings if w.code == "text-layer-rejected"]


def test_ocr_never_keeps_even_a_bad_layer(tmp_path):
    doc = ingest_file(make_pdf(tmp_path / "bad.pdf", [[mangle(x) for x in LINES]]), IngestOptions(ocr="never"))
    assert doc.pages[0].source == "text-layer"
    assert doc.pages[0].text_quality < GOOD_TEXT_LAYER


def test_quality_score_separates_good_from_garbage():
    good = " ".join(LINES)
    assert text_quality(good) >= GOOD_TEXT_LAYER
    assert text_quality(" ".join(mangle(x) for x in LINES)) < GOOD_TEXT_LAYER
    assert text_quality("(cid:12)(cid:45) (cid:3)(cid:77) " * 20) < 0.1
    assert text_quality(good.replace(" ", "")) < GOOD_TEXT_LAYER  # spaces lost
    assert text_quality("") == 0.0


def test_page_number_is_tagged_and_kept_out_of_body_text(tmp_path):
    doc = ingest_file(make_pdf(tmp_path / "pn.pdf", [LINES, LINES], page_numbers=True))
    second = doc.pages[1]
    numbers = [line for line in second.lines if line.role == "page_number"]
    assert [line.text for line in numbers] == ["2"]
    assert not second.text.startswith("2")
    assert second.text.split() == " ".join(LINES).split()


def _pdf_pages(path: Path, pages: int, head) -> Path:
    """A4 pages of LINES under what `head(canvas, n, page_height, font_name)` draws at the top of page n."""
    name = font()
    w, h = 595, 842
    c = canvas.Canvas(str(path), pagesize=(w, h), invariant=1)
    for n in range(1, pages + 1):
        head(c, n, h, name)
        c.setFont(name, 13)
        y = h - 140
        for line in LINES:
            c.drawString(60, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def _pdf_with_running_header(path: Path, pages: int, header_on: set[int]) -> Path:
    """A4 pages; those in header_on carry a Công báo running line 23 mm from the top: below the
    16 mm edge band that marks a line as a header on its own, so only repetition can tell."""
    def head(c, n, h, name):
        c.setFont(name, 11)
        if n in header_on:
            c.drawString(60, h - 66, f"CÔNG BÁO/Số {60 + n} + {61 + n}/Ngày 15-01-2021")

    return _pdf_pages(path, pages, head)


def test_running_header_repeated_across_pages_is_kept_out_of_body_text(tmp_path):
    doc = ingest_file(_pdf_with_running_header(tmp_path / "cb.pdf", 4, {1, 2, 3, 4}))
    assert "CÔNG BÁO" not in doc.text
    assert doc.text.count("Nghị quyết của Ban Chấp hành") == 4  # body untouched
    for page in doc.pages:
        assert [line.role for line in page.lines if "CÔNG BÁO" in line.text] == ["header"]
    assert any(w.code == "running-header" for w in doc.warnings)


def test_the_official_header_opening_every_page_of_a_bound_file_is_no_running_header(tmp_path):
    # three documents of one body bound in one file (a decision, a memo, a plan): each page opens with the same
    # header, the issuer beside the motto; a gazette's line above it still runs on
    def head(c, n, h, name):
        c.setFont(name, 9)
        c.drawString(60, h - 30, f"CÔNG BÁO/Số {60 + n} + {61 + n}/Ngày 15-01-2021")
        c.setFont(name, 12)
        c.drawString(300, h - 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.drawString(60, h - 60, "ỦY BAN NHÂN DÂN")
        c.drawString(320, h - 76, "Độc lập - Tự do - Hạnh phúc")
        c.drawString(60, h - 76, "TỈNH QUẢNG NGÃI")

    doc = ingest_file(_pdf_pages(tmp_path / "bound.pdf", 3, head))
    for page in doc.pages:
        text = doc.text[page.start: page.end]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert "ỦY BAN NHÂN DÂN" in text and "TỈNH QUẢNG NGÃI" in text
        assert "CÔNG BÁO" not in text


def test_a_running_line_naming_the_party_is_still_a_running_header(tmp_path):
    # a collection's running line names the Party in small letters with a volume number: no document's motto
    def head(c, n, h, name):
        c.setFont(name, 11)
        c.drawString(60, h - 66, "Văn kiện Đảng Cộng sản Việt Nam - Tập 12")

    doc = ingest_file(_pdf_pages(tmp_path / "vk.pdf", 4, head))
    assert "Văn kiện" not in doc.text
    assert doc.text.count("Nghị quyết của Ban Chấp hành") == 4


def test_margin_line_on_too_few_pages_stays_body_text(tmp_path):
    doc = ingest_file(_pdf_with_running_header(tmp_path / "cb2.pdf", 6, {1, 2}))
    assert doc.text.count("CÔNG BÁO") == 2
    assert not any(w.code == "running-header" for w in doc.warnings)


def test_born_digital_table_becomes_cells_with_spans(tmp_path):
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    name = font()
    rows = [["TT", "Chỉ tiêu", "Đơn vị", "Cơ quan chủ trì"],
            ["1", "Tốc độ tăng trưởng", "%", "Sở Tài chính"],
            ["", "Thu ngân sách", "tỷ đồng", ""],
            ["2", "Khách du lịch", "lượt", "Sở Văn hóa"]]
    t = Table(rows)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), name, 11), ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                           ("SPAN", (0, 1), (0, 2)), ("SPAN", (3, 1), (3, 2))]))
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), invariant=1).build([t])
    doc = ingest_file(path)
    (table,) = doc.pages[0].tables
    assert (table.rows, table.cols) == (4, 4)
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[(1, 0)].row_span == 2 and cells[(1, 3)].row_span == 2
    assert (2, 0) not in cells
    assert cells[(2, 1)].text == "Thu ngân sách"
    assert cells[(1, 3)].text == "Sở Tài chính"
    assert "Thu ngân sách" not in doc.pages[0].text  # table text lives in the table, not the body


def test_text_layer_output_is_deterministic(tmp_path):
    path = make_pdf(tmp_path / "d.pdf", [LINES, LINES], page_numbers=True)
    assert dump_document(ingest_file(path)) == dump_document(ingest_file(path))


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding,encode", [
    ("tcvn3", encode_tcvn3), ("vni", encode_vni), ("cp1258", encode_cp1258),
    ("viqr", lambda s: encode_viqr(s).encode("ascii")),
    ("utf-16", lambda s: s.encode("utf-16")), ("utf-16", lambda s: s.encode("utf-16-le")),
])
def test_legacy_encodings_are_detected_and_converted(tmp_path, encoding, encode):
    text = "\n".join(LINES) + "\n" + SENTENCE
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(encode(text))
    doc = ingest_file(path)
    assert doc.source.encoding == encoding
    assert doc.text == text


def test_unknown_encoding_is_refused_clearly(tmp_path):
    path = tmp_path / "koi8.txt"
    path.write_bytes("Привет, это русский текст в старой кодировке KOI8-R. ".encode("koi8_r") * 5)
    with pytest.raises(E.UnknownEncoding) as err:
        ingest_file(path)
    assert "unknown text encoding" in str(err.value)


def test_plain_ascii_is_not_mistaken_for_viqr():
    text = "Report 2026: revenue up 5.5%. Why? Costs fell (again). See annex A."
    assert decode_text(text.encode()) == (text, "utf-8")


def test_binary_named_txt_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(os.urandom(64) + b"\x00\x01\x02" * 50)
    with pytest.raises(E.UnknownEncoding):
        ingest_file(path)


def test_low_confidence_garbage_line_is_tagged_as_stamp_not_body():
    from vnresolve.ingest.layout import body_text, tag_roles
    from vnresolve.schemas import Line, Word

    def line(text, conf, y):
        words = [Word(text=t, bbox=(10 + 60 * i, y, 60 + 60 * i, y + 30), conf=conf) for i, t in enumerate(text.split())]
        return Line(text=text, bbox=(10, y, 60 * len(words), y + 30), conf=conf, words=words)

    lines = tag_roles([line("Nghị quyết của Ban Chấp hành", 91.0, 400), line("xqk ww Ỹz", 22.0, 900),
                       line("Trần Tiến Dũng", 35.0, 1000)], 1600, 2300)
    assert [x.role for x in lines] == ["body", "stamp", "body"]  # a real name read unsurely stays
    assert body_text(lines) == "Nghị quyết của Ban Chấp hành\nTrần Tiến Dũng"


def test_side_by_side_columns_in_one_ocr_line_are_split():
    from vnresolve.ingest.layout import group_words

    words = [("Nơi", 10), ("nhận:", 80), ("T/M", 900), ("TỈNH", 980), ("ỦY", 1080)]
    data = {"text": [w for w, _ in words], "left": [x for _, x in words], "top": [100] * 5, "width": [60] * 5,
            "height": [30] * 5, "conf": [90] * 5, "block_num": [1] * 5, "par_num": [1] * 5, "line_num": [1] * 5}
    assert [line.text for line in group_words(data)] == ["Nơi nhận:", "T/M TỈNH ỦY"]


def _page_image(kind: str) -> Image.Image:
    """The same page of Vietnamese text in the image modes real archives hold."""
    import numpy as np

    from fixtures.documents import LINES, render_lines

    grey = render_lines(LINES)
    ink = Image.eval(grey, lambda v: 255 - v)
    zeros = Image.new("L", grey.size, 0)
    if kind == "16-bit grey":
        return Image.fromarray(np.asarray(grey).astype(np.uint16) * 257)  # mode I;16
    if kind == "palette":
        return grey.convert("RGB").convert("P", palette=Image.ADAPTIVE, colors=16)
    if kind == "RGBA, transparent black paper":
        return Image.merge("RGBA", (zeros, zeros, zeros, ink))
    if kind == "LA, transparent black paper":
        return Image.merge("LA", (zeros, ink))
    if kind == "1-bit":
        return grey.point(lambda v: 255 if v > 128 else 0, "1")
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["16-bit grey", "palette", "RGBA, transparent black paper", "LA, transparent black paper", "1-bit"])
def test_16_bit_palette_alpha_and_1_bit_images_read_as_they_look(tmp_path, kind):
    from fixtures.documents import DPI, LINES, word_recall

    import vnresolve

    path = tmp_path / "page.png"
    _page_image(kind).save(path, dpi=(DPI, DPI))
    result = vnresolve.convert(path, vnresolve.PipelineOptions(restore=False))
    assert result.status is vnresolve.ConversionStatus.SUCCESS, result.reason
    assert word_recall(" ".join(LINES), result.document.text) > 0.6, result.document.text


def test_a_blank_image_fails_instead_of_ok_with_no_text(tmp_path):
    import vnresolve

    path = tmp_path / "blank.png"
    Image.new("L", (1200, 800), 255).save(path)
    result = vnresolve.convert(path)
    assert result.status is vnresolve.ConversionStatus.FAILURE
    assert "blank" in result.reason


def test_invalid_utf8_bytes_are_replaced_with_a_warning_naming_their_offsets(tmp_path):
    import json

    from fixtures.documents import resolution
    from fixtures.paths import run_cli

    good = resolution(4).encode("utf-8") * 40
    at = good.index(b"Thu ng")
    data = good[:at] + b"\xff" + good[at:]
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    proc = run_cli("ingest", str(path), "-o", str(tmp_path / "out"), "--no-restore")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads((tmp_path / "out" / "damaged.json").read_text(encoding="utf-8"))
    assert doc["source"]["encoding"] == "utf-8" and "\ufffdThu ngân sách" in doc["text"]
    [warning] = [w for w in doc["warnings"] if w["code"] == "invalid-utf8"]
    assert warning["message"] == f"1 invalid UTF-8 byte sequence replaced with U+FFFD, at byte offset {at}"

    proc = run_cli("parse", "--no-restore", input=data)  # stdin: the same bytes, the same reading
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["source"]["encoding"] == "utf-8" and any(w["code"] == "invalid-utf8" for w in doc["warnings"])
    assert f"at byte offset {at}" in proc.stderr.decode()


def test_legacy_text_on_stdin_records_its_encoding():
    import json

    from fixtures.paths import run_cli

    tcvn3 = encode_tcvn3("Nghị quyết về nhiệm vụ phát triển kinh tế năm 2026 của tỉnh.\n" * 5)
    doc = json.loads(run_cli("parse", "--no-restore", input=tcvn3).stdout)
    assert doc["source"]["encoding"] == "tcvn3" and doc["text"].startswith("Nghị quyết về nhiệm vụ")


def test_an_official_header_cropped_close_to_the_top_is_body_text_not_margin():
    from vnresolve.ingest.layout import make_line, tag_roles
    from vnresolve.schemas import Word

    def line(text: str, x: float, y: float) -> object:
        words, pos = [], x
        for t in text.split():
            words.append(Word(text=t, bbox=(pos, y, pos + 22 * len(t), y + 48), conf=95.0))
            pos += 22 * len(t) + 14
        return make_line(words)

    # a phone photo starting at the header: its first lines lie in the top 5.5 % of the page
    lines = [line("SỞ Y TẾ BẮC NINH", 310, 28), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1050, 31),
             line("BỆNH VIỆN ĐA KHOA TỈNH", 195, 88), line("Độc lập - Tự do - Hạnh phúc", 1250, 115),
             line("Số: 6191/BVT-TCKT", 330, 240)]
    roles = [x.role for x in tag_roles(lines, 2407, 2860)]
    assert roles == ["body"] * 5
    # without the motto at the top, a line in the top band is still margin furniture
    running = [line("Công báo số 12", 800, 40), line("Số: 30/2020/NĐ-CP", 210, 271)]
    assert [x.role for x in tag_roles(running, 1959, 2522)] == ["header", "body"]
    # a photo cut above the motto: the number line, or the place and date, is the header's top
    for top in ("Số: 144 /QĐ-KNCGG", "Hà Nội, ngày 14 tháng 01 năm 2018", "Quận 1, ngày 14 tháng 01 năm 2018",
                "Hà Nội ngày ..... tháng ..... năm 2018"):
        cut = [line("CÔNG TY CỔ PHẦN", 200, 20), line(top, 210, 60), line("QUYẾT ĐỊNH", 900, 400)]
        assert [x.role for x in tag_roles(cut, 1959, 2522)] == ["body"] * 3
    # a running header that only names a number is still margin furniture, and so is a fax imprint
    # above a body line that cites a date (no place before it: no header's date line)
    assert [x.role for x in tag_roles([line("Số 12 - 2020", 800, 40)], 1959, 2522)] == ["header"]
    cited = [line("Bản sao - Fax 024.3825 - 14:02 12/03/2024", 200, 30),
             line("- Căn cứ Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2024 của UBND tỉnh;", 280, 200)]
    assert [x.role for x in tag_roles(cited, 2480, 3508)] == ["header", "body"]
    # nor a continuation page's first line, which goes on past the date it cites
    cited[1] = line("nhân dân tỉnh Quảng Nam, ngày 05 tháng 3 năm 2024 về việc giao chỉ tiêu", 280, 200)
    assert [x.role for x in tag_roles(cited, 2480, 3508)] == ["header", "body"]
    # a long run of OCR junk in the band is judged at once (the place's words never backtrack)
    assert [x.role for x in tag_roles([line("a" * 3000, 10, 20)], 2480, 3508)] == ["header"]
