"""Reading order of an official page's two-column header and signature block, through the real
Tesseract on rendered pages: left column, then right column, body lines in between in their own
order; a page without the official columns (a form's fields side by side) reads row by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from fixtures.documents import DPI, FONT_PATH
from vnresolve.ingest import ingest_file
from vnresolve.ingest.columns import reading_order
from vnresolve.ingest.layout import fold, make_line
from vnresolve.schemas import Word

A4 = (1654, 2339)  # pixels at 200 dpi
LEFT, RIGHT = 260, 860  # the columns' left edges: the header's table splits the text at about 40 %

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 12/CT-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Ngãi, ngày 5 tháng 4 năm 2021"]
BODY = [
    "Thực hiện Nghị định số 123/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của",
    "Chính phủ quy định về hóa đơn, chứng từ, Chủ tịch Ủy ban nhân dân tỉnh",
    "yêu cầu Thủ trưởng các sở, ban, ngành thực hiện tốt các nhiệm vụ sau đây.",
]
FOOT_LEFT = ["Nơi nhận:", "- Như trên;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, KTTH."]
FOOT_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hòa"]


def _face(size: int = 34) -> ImageFont.FreeTypeFont:
    if not Path(FONT_PATH).exists():
        pytest.skip("Liberation Serif not installed (apt-get install fonts-liberation2)")
    return ImageFont.truetype(FONT_PATH, size)


def _official_page(path: Path, header_left: list[str] = HEADER_LEFT, gutter: int = RIGHT, body: list[str] = BODY) -> Path:
    """A first-and-last page: the header's two columns, three body lines, the recipients beside
    the signer (whose name stands below the signature space, under the end of the list)."""
    face = _face()
    img = Image.new("L", A4, 250)
    draw = ImageDraw.Draw(img)
    for i, (left, right) in enumerate(zip(header_left, HEADER_RIGHT)):
        draw.text((LEFT, 200 + 60 * i), left, fill=20, font=face)
        draw.text((gutter, 200 + 60 * i), right, fill=20, font=face)
    for i, line in enumerate(body):
        draw.text((LEFT, 560 + 56 * i), line, fill=20, font=face)
    for i, line in enumerate(FOOT_LEFT):
        draw.text((LEFT, 900 + 50 * i), line, fill=20, font=face)
    for i, line in enumerate(FOOT_RIGHT[:2]):
        draw.text((RIGHT + 120, 900 + 50 * i), line, fill=20, font=face)
    draw.text((RIGHT + 120, 1180), FOOT_RIGHT[2], fill=20, font=face)
    img.save(path, dpi=(DPI, DPI))
    return path


def _order(text: str, lines: list[str]) -> list[int]:
    """Where each of `lines` starts in the page text, compared without marks (OCR may miss one)."""
    page = [fold(t) for t in text.splitlines()]
    out = []
    for line in lines:
        want = fold(line).split()[:2]
        out.append(next(i for i, t in enumerate(page) if t.split()[:2] == want))
    return out


def test_header_and_signature_columns_read_left_then_right(tmp_path):
    page = ingest_file(_official_page(tmp_path / "page.png")).pages[0]
    order = _order(page.text, HEADER_LEFT[1:] + HEADER_RIGHT + BODY + FOOT_LEFT + FOOT_RIGHT)
    assert order == sorted(order), page.text
    # each column is a block of its own: the text has a blank line between the two
    assert "" in page.text.splitlines()[order[1]:order[2]]


def test_columns_joined_into_one_line_are_cut_at_the_gutter(tmp_path):
    """The issuer's name runs long, a word space short of the motto: Tesseract joins the two
    columns' first row into one line; it is cut where the rows below leave the gutter."""
    issuer = "UBND THÀNH PHỐ QUẢNG NGÃI"
    gutter = LEFT + int(_face().getlength(issuer)) + 40
    page = ingest_file(_official_page(tmp_path / "page.png", [issuer] + HEADER_LEFT[1:], gutter)).pages[0]
    order = _order(page.text, [issuer] + HEADER_LEFT[1:] + HEADER_RIGHT + BODY[:1])
    assert order == sorted(order), page.text


def test_a_body_of_short_lines_reads_between_the_header_and_the_signature(tmp_path):
    """Body lines that all end before the gutter (a list of wards) belong to neither column zone."""
    wards = ["1. Phường Nghĩa Chánh;", "2. Phường Nghĩa Lộ;", "3. Xã Tịnh Phong;", "4. Xã Ba Động;", "5. Xã Ba Trang."]
    page = ingest_file(_official_page(tmp_path / "page.png", body=wards)).pages[0]
    order = _order(page.text, HEADER_LEFT + HEADER_RIGHT + wards + FOOT_LEFT + FOOT_RIGHT)
    assert order == sorted(order), page.text


def test_side_by_side_fields_off_the_official_layout_read_row_by_row(tmp_path):
    face = _face()
    img = Image.new("L", A4, 250)
    draw = ImageDraw.Draw(img)
    rows = [("Họ và tên: Trần Văn Bình", "Ngày sinh: 12/3/1980"), ("Địa chỉ: thôn Phú Lộc", "Điện thoại: 0905123456"),
            ("Nghề nghiệp: giáo viên", "Dân tộc: Kinh")]
    for i, (left, right) in enumerate(rows):
        draw.text((LEFT, 300 + 56 * i), left, fill=20, font=face)
        draw.text((RIGHT + 60, 300 + 56 * i), right, fill=20, font=face)
    img.save(tmp_path / "form.png", dpi=(DPI, DPI))
    page = ingest_file(tmp_path / "form.png").pages[0]
    order = _order(page.text, [cell for row in rows for cell in row])
    assert order == sorted(order), page.text


def _line(text: str, x: int, y: int) -> list:
    words, out = text.split(), []
    for w in words:
        out.append(Word(text=w, bbox=(x, y, x + 20 * len(w), y + 40), conf=90.0))
        x += 20 * len(w) + 12
    return out


def test_single_column_lines_keep_their_order():
    """No two lines side by side: Tesseract's order, blocks and lines are kept as they are."""
    lines = [make_line(_line(t, 260 if i % 3 else 330, 300 + 60 * i), block=1 + i // 3) for i, t in enumerate(BODY * 3)]
    assert reading_order(lines) == lines


def _text_layer_page(path: Path, first_left: str = HEADER_LEFT[0]) -> Path:
    """A born-digital A4 page (points) with the official header and foot, whose content stream
    holds each zone's right column before its left: the motto and date, then the issuer; the
    signer, then `Nơi nhận`. A reader must not depend on the order the PDF stores its text in."""
    from reportlab.pdfgen import canvas

    from fixtures.documents import font

    name, size, lead = font(), 13, 17
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.setFont(name, size)

    def column(x: float, top: float, lines: list[str]) -> None:
        for i, line in enumerate(lines):
            c.drawString(x, 842 - top - i * lead, line)

    column(250, 60, HEADER_RIGHT)
    column(60, 60, [first_left] + HEADER_LEFT[1:])
    column(60, 160, BODY)
    column(330, 260, FOOT_RIGHT[:2])
    column(330, 340, FOOT_RIGHT[2:])  # the name below the signature's space
    column(60, 260, FOOT_LEFT)
    c.save()
    return path


@pytest.mark.parametrize("first_left", [HEADER_LEFT[0], "ỦY BAN NHÂN DÂN TỈNH"])
def test_a_text_layer_page_reads_each_column_whole_whatever_order_the_pdf_stores(tmp_path, first_left):
    """The second case's issuer runs to a word space short of the motto: the text layer joins the
    first row of both columns into one line, cut at the gutter the rows below leave."""
    import pdfplumber

    from vnresolve.ingest import ingest_file

    path = _text_layer_page(tmp_path / "page.pdf", first_left)
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].chars[0]["x0"] > 240  # the stream starts with the right column
    page = ingest_file(path).pages[0]
    assert page.source == "text-layer"
    header_left = [first_left] + HEADER_LEFT[1:]
    order = _order(page.text, header_left + HEADER_RIGHT + BODY + FOOT_LEFT + FOOT_RIGHT)
    assert order == sorted(order), page.text
    text = page.text.splitlines()
    assert text[0] == first_left and text[:3] == header_left  # the joined row cut at the gutter, exactly
    assert "" in text[order[2]:order[3]]  # each column a block of its own
