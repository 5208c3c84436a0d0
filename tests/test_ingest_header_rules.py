"""A slightly skewed page with the short rules Decree 30 prints under the header's issuer and motto
(they make it a ruled page, straightened from 0.1 degree): every row of it is read, the signer's
post beside the first recipient included. A page with a ruled table at the same skew is
straightened (its grid needs straight rules).

Pages are drawn in the test at 200 dpi and read by the real Tesseract through vnresolve.convert."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

import vnresolve
from fixtures.documents import face

DPI = 200
PAPER, INK = 235, 30
# (left column, right column) of each row, top to bottom; None: nothing there
HEADER = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("HUYỆN TUẦN GIÁO", "Độc lập - Tự do - Hạnh phúc")]
BODY = ["Các cơ quan, đơn vị cần quán triệt đầy đủ mục tiêu, nhiệm vụ và xây dựng",
        "kế hoạch cụ thể để triển khai thực hiện trong năm."]
FOOT = [("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"),
        ("- Thường trực HĐND tỉnh;", "Q. CHỦ TỊCH"),
        ("- Bộ Nội vụ;", None),
        ("- Các sở, ban, ngành tỉnh;", None),
        ("- Lưu: VT, VP.", None)]
NAME = "Bùi Ngọc Phong"


def _centred(draw: ImageDraw.ImageDraw, centre: float, y: int, text: str, face) -> tuple[int, int]:
    """Draws `text` centred on `centre`; returns its left and right ends."""
    width = draw.textlength(text, font=face)
    x = int(centre - width / 2)
    draw.text((x, y), text, fill=INK, font=face)
    return x, int(x + width)


def _form(angle: float) -> Image.Image:
    """A Decree 30 page: header columns with a short rule under the issuer and under the motto, two
    body lines, the recipients at the left of the foot and the signature block at its right."""
    big, small = face(34), face(30)
    page = Image.new("L", (1654, 1250), PAPER)
    draw = ImageDraw.Draw(page)
    left, right = 420, 1150
    for i, (issuer, motto) in enumerate(HEADER):
        y = 80 + 52 * i
        _centred(draw, left, y, issuer, big)
        _centred(draw, right, y, motto, big)
    # the rules under the header: a third of the issuer's line, the motto's width (over 5 % of the page)
    draw.line((left - 80, 200, left + 80, 200), fill=INK, width=3)
    x0, x1 = _centred(ImageDraw.Draw(Image.new("L", (1, 1))), right, 0, HEADER[1][1], big)
    draw.line((x0, 200, x1, 200), fill=INK, width=3)
    for i, line in enumerate(BODY):
        draw.text((150, 300 + 56 * i), line, fill=INK, font=big)
    for i, (recipient, signature) in enumerate(FOOT):
        y = 520 + 50 * i
        draw.text((150, y), recipient, fill=INK, font=small)
        if signature:
            _centred(draw, right, y, signature, big)
    _centred(draw, right, 1000, NAME, big)
    return page.rotate(angle, fillcolor=PAPER, resample=Image.BICUBIC)


def _table(angle: float) -> Image.Image:
    """A ruled table of 4 rows and 3 columns with a word in each cell."""
    body = face(34)
    page = Image.new("L", (1654, 900), PAPER)
    draw = ImageDraw.Draw(page)
    xs, ys = [150, 600, 1050, 1500], [150, 250, 350, 450, 550]
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=INK, width=3)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=INK, width=3)
    words = ["Đơn vị", "Chỉ tiêu", "Kết quả", "Sở Nội vụ", "Tuyển dụng", "Đạt", "Sở Tài chính", "Dự toán",
             "Vượt", "Sở Y tế", "Tiêm chủng", "Đạt"]
    for k, word in enumerate(words):
        r, c = divmod(k, 3)
        draw.text((xs[c] + 30, ys[r] + 30), word, fill=INK, font=body)
    return page.rotate(angle, fillcolor=PAPER, resample=Image.BICUBIC)


def _words(text: str) -> set[str]:
    return {w.strip(".,;:") for w in text.split()} - {"", "-"}


def _convert(image: Image.Image, path):
    image.save(path, dpi=(DPI, DPI))
    result = vnresolve.convert(path)
    assert result.document is not None, result.reason
    return result.document.pages[0]


@pytest.mark.parametrize("angle", [0.15, 0.3, 0.5])
def test_a_slightly_skewed_page_with_a_decree_30_header_is_read_whole(tmp_path, angle):
    page = _convert(_form(angle), tmp_path / "form.png")
    read = _words(page.text)
    rows = ([" ".join(row) for row in HEADER] + BODY
            + [" ".join(part for part in row if part) for row in FOOT] + [NAME])
    for row in rows:
        words = _words(row)
        assert len(words & read) >= 0.75 * len(words), f"row not read: {row!r}"


def test_a_slightly_skewed_table_page_is_still_straightened(tmp_path):
    page = _convert(_table(0.4), tmp_path / "table.png")
    assert page.skew is not None and abs(page.skew + 0.4) <= 0.1
    (table,) = page.tables
    assert len(table.cells) == 12


def test_a_foot_row_the_page_pass_lost_is_taken_from_the_columns_read_apart():
    """The page pass took the foot's two columns for one block and lost a row of each (as on a form
    straightened by 0.1 degree): reading the recipients and the signature block apart gives them back,
    and a row both readings hold is there once."""
    import numpy as np

    from vnresolve.ingest import foot, layout, tesseract
    from vnresolve.ingest.options import IngestOptions

    grey = np.asarray(_form(0.0))
    options = IngestOptions()
    page = layout.group_words(tesseract.image_data(grey, lang=options.lang, psm=options.psm, dpi=DPI))
    lost = [line for line in page if _words(line.text) & {"Thường", "CHỦ"}]
    assert lost  # the row of the first recipient and the signer's post
    merged = foot.read_apart(grey, [line for line in page if line not in lost], [], DPI, options)
    texts = [line.text for line in merged]
    for row in ("- Thường trực HĐND tỉnh;", "Q. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "- Bộ Nội vụ;"):
        assert sum(_words(row) <= _words(text) for text in texts) == 1, row
