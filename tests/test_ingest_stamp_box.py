"""A received-stamp's small ruled box high on the page (the e-government portal's 'CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH
PHỦ' / 'ĐẾN' / 'Giờ / Ngày') is found as a grid, like a 2 x 2 table; the header lines it only partly covers,
and those beside and just under it, must stay page lines, read in the page pass, while its cells still hold
the stamp's own text. Real Tesseract, one A4 page at 200 dpi (a few seconds)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from fixtures.documents import DPI, FONT_PATH
from vnresolve.ingest import IngestOptions
from vnresolve.ingest.tables_scan import find_grids, stamp_box

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")

PX = DPI / 25.4  # pixels a millimetre
A4 = (int(210 * PX), int(297 * PX))
BOLD_PATH = FONT_PATH.replace("Serif-Regular", "Serif-Bold")


def _face(path: str, size: int) -> ImageFont.FreeTypeFont:
    if not Path(path).exists():
        pytest.skip("Liberation Serif not installed (apt-get install fonts-liberation2)")
    return ImageFont.truetype(path, size)


def _stamped_header(stamp_x_mm: float, stamp_y: int = 140) -> np.ndarray:
    """An official header (issuer, number and subject on the left; motto and place-date line on the right),
    a few body lines, and the portal's stamp, 56 x 18 mm, over the motto's end and the 'Độc lập' line.
    The number line and the subject's first line stand beside the box's lower half and straddle its bottom."""
    page = Image.new("L", A4, 255)
    d = ImageDraw.Draw(page)
    bold, regular, body = _face(BOLD_PATH, 33), _face(FONT_PATH, 35), _face(FONT_PATH, 37)
    left, right = 195, 845

    def centred(x_mid: int, y: int, text: str, face) -> None:
        d.text((x_mid, y), text, fill=0, font=face, anchor="mt")

    centred(left + 250, 180, "ỦY BAN NHÂN DÂN", bold)
    centred(left + 250, 222, "TỈNH HÀ TĨNH", bold)
    centred(left + 250, 275, "Số: 1005/TB-UBND", regular)
    centred(left + 250, 322, "V/v tăng cường quản lý đất đai", regular)
    centred(right + 330, 190, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    centred(right + 330, 232, "Độc lập - Tự do - Hạnh phúc", bold)
    centred(right + 330, 300, "Hà Tĩnh, ngày 28 tháng 10 năm 2019", _face(FONT_PATH.replace("Regular", "Italic"), 35))
    for k, text in enumerate(("Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành và Ủy ban nhân dân",
                              "các huyện, thị xã, thành phố khẩn trương thực hiện các nội dung sau.")):
        d.text((240, 520 + 58 * k), text, fill=0, font=body)
    # the stamp, as the portal prints it: a ruled box, its name over 'ĐẾN' and the hour and day
    x, y = int(stamp_x_mm * PX), stamp_y
    bw, bh, rule = int(56 * PX), int(18 * PX), 4
    split_y, split_x = y + int(6.5 * PX), x + int(16 * PX)
    d.rectangle((x, y, x + bw, y + bh), outline=0, width=rule)
    d.line((x, split_y, x + bw, split_y), fill=0, width=rule)
    d.line((split_x, split_y, split_x, y + bh), fill=0, width=rule)
    sans = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    sans = sans if Path(sans).exists() else BOLD_PATH
    small = _face(sans, int(2.7 * PX))
    d.text((x + bw // 2, y + int(3.3 * PX)), "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", fill=0, font=small, anchor="mm")
    d.text(((x + split_x) // 2, (split_y + y + bh) // 2), "ĐẾN", fill=0, font=_face(sans, int(5 * PX)), anchor="mm")
    d.text((split_x + int(3 * PX), split_y + int(1.5 * PX)), "Giờ: 09 h 15", fill=0, font=small)
    d.text((split_x + int(3 * PX), split_y + int(6 * PX)), "Ngày: 02/11/2019", fill=0, font=small)
    return np.asarray(page)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# the header's print under the box adds upright strokes the grid reads as columns, more or fewer by where it falls
@pytest.mark.parametrize("stamp_x_mm", [110, 124, 128, 132, 140])
def test_a_portal_stamp_over_the_header_keeps_the_header_lines_in_the_page(stamp_x_mm):
    from vnresolve.ingest.ocr import _ocr_image

    grey = _stamped_header(stamp_x_mm=stamp_x_mm)
    (grid,) = find_grids(grey)  # the box is found as a grid ...
    assert stamp_box(grid, grey.shape, DPI)  # ... and taken for a stamp's
    lines, tables, _, _ = _ocr_image(grey, 1, DPI, IngestOptions())
    texts = [_fold(line.text) for line in lines]
    joined = " | ".join(texts)
    # beside the box and straddling its bottom edge: read whole, in the page pass
    assert any("1005/TB-UBND" in t for t in texts), joined
    assert any("V/v tăng cường quản lý đất đai" in t for t in texts), joined
    # just under it: the place-date line, whole
    assert any("ngày 28 tháng 10 năm 2019" in t for t in texts), joined
    # the motto the box covers the end of stays a page line (its start at least; further left the box covers it)
    assert stamp_x_mm < 128 or any(t.startswith("CỘNG HÒA") for t in texts), joined
    # the stamp's own text is the table's, as the parsers read the portal's stamp (parsers/record_received.py)
    (table,) = tables
    cells = " ".join(_fold(c.text) for c in table.cells)
    assert "ĐẾN" in cells or "THÔNG TIN" in cells, cells
    assert not any(t.strip() in ("ĐẾN", "Giờ: 09 h 15") for t in texts), joined


def test_a_table_is_no_stamp():
    """A ruled table across the page's width, or low on it, is a table: read cell by cell, its
    area blanked in the page pass, whatever its rows."""
    from vnresolve.ingest.tables_scan import Grid

    w, h = A4
    rules = np.zeros((h, w), np.uint8)
    small = Grid(bbox=(900, 160, 900 + int(56 * PX), 160 + int(18 * PX)), ys=[160, 211, 301], xs=[900, 1026, 1341],
                 cells=[(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)], rules=rules)
    assert stamp_box(small, (h, w), DPI)
    wide = Grid(bbox=(240, 160, 1420, 301), ys=small.ys, xs=[240, 800, 1420], cells=small.cells, rules=rules)
    low = Grid(bbox=(900, 1600, 1341, 1741), ys=[1600, 1651, 1741], xs=small.xs, cells=small.cells, rules=rules)
    tall = Grid(bbox=(900, 160, 1341, 160 + int(60 * PX)), ys=[160, 211, 301, 400, 472], xs=small.xs,
                cells=small.cells, rules=rules)
    assert not any(stamp_box(g, (h, w), DPI) for g in (wide, low, tall))


def test_a_line_whose_foot_the_stamp_s_top_rule_touches_stays_whole():
    """The box stamped under the issuer's second line, its top rule on the line's foot: the line is the
    page's, none of its words the stamp's."""
    from vnresolve.ingest.ocr import _ocr_image

    grey = _stamped_header(stamp_x_mm=22, stamp_y=245)
    lines, _, _, _ = _ocr_image(grey, 1, DPI, IngestOptions())
    texts = [_fold(line.text) for line in lines]
    assert any("TỈNH HÀ TĨNH" in t for t in texts), " | ".join(texts)
