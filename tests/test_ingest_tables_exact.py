"""The scanned-table search and the cell reading take their cheaper paths without changing what they
find: every ruled page of the sample scan is searched and its grid found (a page with only a header
rule finds none), a cell's ink is counted off its histogram exactly as pixel by pixel, ink touching a
cell's edge is painted, and the text score worked out per distinct word is the score worked out per
word."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from vnresolve.ingest import quality, tables_scan
from vnresolve.ingest.poppler import rasterize_page
from vnresolve.ingest.preprocess import components

SCAN = Path(__file__).resolve().parent.parent / "samples" / "resolution-04-NQ-TU-scan.pdf"
TABLE_PAGES = range(14, 25)  # the sample's landscape pages: one ruled table each, 7 columns


@pytest.fixture(scope="module")
def table_pages() -> dict[int, np.ndarray]:
    return {p: np.asarray(rasterize_page(SCAN, p, 200)) for p in TABLE_PAGES}


def test_every_table_page_of_the_sample_is_searched_and_its_grid_found(table_pages):
    for number, page in table_pages.items():
        assert tables_scan.may_have_rules(page), number
        grids = tables_scan.find_grids(page)
        assert len(grids) == 1 and len(grids[0].xs) == 8 and len(grids[0].ys) >= 5, number


def test_a_page_with_only_the_header_rule_holds_no_grid():
    assert tables_scan.find_grids(np.asarray(rasterize_page(SCAN, 1, 200))) == []


def test_a_small_table_among_text_is_found():
    """A 2 x 2 table a fifth of the page wide, under lines of text: the smallest the search looks for."""
    page = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(page)
    for y in range(200, 900, 40):
        draw.text((150, y), "Công văn số 12/UBND về việc triển khai kế hoạch năm 2024", fill=20)
    x0, y0, x1, y1 = 600, 1000, 600 + 360, 1000 + 180
    for y in (y0, (y0 + y1) // 2, y1):
        draw.line((x0, y, x1, y), fill=20, width=3)
    for x in (x0, (x0 + x1) // 2, x1):
        draw.line((x, y0, x, y1), fill=20, width=3)
    grey = np.asarray(page)
    assert tables_scan.may_have_rules(grey)
    grids = tables_scan.find_grids(grey)
    assert len(grids) == 1 and len(grids[0].ys) == 3 and len(grids[0].xs) == 3


def _crops(table_pages) -> list[np.ndarray]:
    out = []
    for page in table_pages.values():
        for grid in tables_scan.find_grids(page):
            for cell in grid.cells:
                x0, y0, x1, y1 = grid.cell_box(*cell)
                out.append(page[y0 + 5:y1 - 5, x0 + 5:x1 - 5])
    rng = np.random.default_rng(3)
    for _ in range(500):
        h, w = (int(v) for v in rng.integers(0, 30, 2))
        level = rng.normal(int(rng.integers(0, 256)), int(rng.integers(1, 120)), (h, w))
        out.append(np.clip(level, 0, 255).astype(np.uint8))
    out.append(np.full((10, 10), 200, np.uint8))
    for dark in (149, 150):  # 12 pixels just under, or at, the level (90th percentile 230, less 80)
        out.append(np.array([230] * 100 + [dark] * 12, np.uint8).reshape(8, 14))
    # a 90th percentile a hair over 99 in numpy's arithmetic: the 12 pixels at 19 are under it, less 80
    out.append(np.array([19] * 12 + [90] * 7 + [100] * 3, np.uint8).reshape(2, 11))
    return out


def test_a_cells_ink_is_counted_off_its_histogram_as_pixel_by_pixel(table_pages):
    crops = _crops(table_pages)
    inked = 0
    for crop in crops:
        plain = False
        if crop.size:
            plain = int((crop < np.percentile(crop, 90) - 80).sum()) >= 12
        assert tables_scan._has_ink(crop) == plain
        inked += plain
    assert 100 < inked < len(crops)  # both answers are met


def test_ink_touching_a_cells_edge_is_painted_and_ink_inside_kept():
    crop = np.full((40, 60), 230, np.uint8)
    crop[0, :] = 20  # the rule above, cut into
    crop[10:30, 55:] = 20  # a stub of the rule on the right
    crop[30:, 5:7] = 20  # one touching the bottom,
    crop[38, 5:20] = 20  # joined to a foot that does not
    crop[15:25, 20:30] = 20  # the cell's text
    out = tables_scan._clear_edges(crop, 231)
    inside = np.zeros(crop.shape, bool)
    inside[15:25, 20:30] = True
    assert (out[inside] == 20).all()
    assert (out[~inside & (crop == 20)] == 231).all()
    assert (out[crop == 230] == 230).all()


def test_the_text_score_per_distinct_word_is_the_score_per_word():
    texts = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
             "Nghi quyét Pai hoi Pang bd tinh", "(cid:12)(cid:13) abc", "ĐảngCộngSảnViệtNam lãnh đạo",
             "the the the quick brown fox", "Điều 1. Phê duyệt kế hoạch kế hoạch kế hoạch năm 2024",
             "kế hoạch Thanhtrào năm", "năm Nghiêngngả đó kế hoạch"]  # 9 and 10 letters unaccented
    for text in texts:
        words = quality._WORD.findall(text)
        valid = sum(1 for w in words if quality._SYLLABLE.match(quality._strip_tones(w))) / len(words)
        marked = sum(1 for w in words if quality._has_marks(w)) / len(words)
        long = sum(1 for w in words if len(quality.unidecode(w)) > 9) / len(words)
        penalty = min(1.0, quality.glyph_soup_share(text) * 5)
        plain = round(max(0.0, valid * min(1.0, marked / 0.4) * (1 - penalty) * (1 - long)), 4)
        assert quality.text_quality(text) == plain == quality.text_quality(text), text


def _ruled_page(ys: list[int], bottom: int, width: int = 3, xs: tuple[int, ...] = (300, 700, 1100)) -> np.ndarray:
    """Lines of text, then horizontal rules at `ys` from xs[0] to 1100 and vertical ones at `xs` from
    ys[0] down to `bottom`."""
    page = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(page)
    for y in range(200, 900, 40):
        draw.text((150, y), "Công văn số 12/UBND về việc triển khai kế hoạch năm 2024", fill=20)
    for y in ys:
        draw.line((xs[0], y, 1100, y), fill=20, width=width)
    for x in xs:
        draw.line((x, ys[0], x, bottom), fill=20, width=width)
    return np.asarray(page)


def _stop(grey: np.ndarray) -> str:
    """Where find_grids' search ended on the page."""
    return tables_scan._search(grey)[0]


def test_the_header_rule_alone_ends_the_search_before_the_rules_are_joined(table_pages):
    stop, grids = tables_scan._search(np.asarray(rasterize_page(SCAN, 1, 200)))
    assert stop in ("columns", "rows") and grids == []
    for number, page in table_pages.items():
        stop, grids = tables_scan._search(page)
        assert stop == "searched" and len(grids) == 1, number


def test_three_rules_just_farther_apart_than_the_clustering_joins_still_make_a_grid():
    """Rules 9 px apart are three row boundaries (_cluster joins 8 px and less): the early exit must
    let them through, while 7 px apart (one boundary, as one chain) it may stop the search."""
    grids = tables_scan.find_grids(_ruled_page([1000, 1009, 1018], 1200, width=1))
    assert len(grids) == 1 and grids[0].ys == [1000, 1009, 1018] and grids[0].xs == [300, 700, 1100]
    close = _ruled_page([1000, 1007, 1014], 1200, width=1)
    assert _stop(close) in ("columns", "rows") and tables_scan.find_grids(close) == []


def test_three_vertical_rules_just_farther_apart_than_the_clustering_joins_still_make_a_grid():
    grids = tables_scan.find_grids(_ruled_page([1000, 1100, 1200], 1200, width=1, xs=(300, 309, 318)))
    assert len(grids) == 1 and grids[0].xs[:3] == [300, 309, 318]
    close = _ruled_page([1000, 1100, 1200], 1200, width=1, xs=(300, 307, 314))
    assert _stop(close) in ("columns", "rows") and tables_scan.find_grids(close) == []


def test_rules_far_apart_make_a_grid_and_two_long_rules_with_verticals_make_none():
    grids = tables_scan.find_grids(_ruled_page([1000, 1400, 1800], 1800))
    assert len(grids) == 1 and grids[0].ys == [1000, 1400, 1800]
    two = _ruled_page([1000, 1600], 1600)  # a frame round a block of text: one row, not a table
    assert tables_scan.find_grids(two) == []


def _dashed_table(on: int, off: int, rows_dashed: bool) -> np.ndarray:
    """A 400 x 300 px 2 x 2 table (rows at 1000/1150/1300, columns at 300/500/700) whose horizontal
    or vertical rules are dashed: `on` px of ink, `off` px of gap."""
    page = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(page)
    for y in range(200, 900, 40):
        draw.text((150, y), "Công văn số 12/UBND về việc triển khai kế hoạch năm 2024", fill=20)
    step = on + off
    for y in (1000, 1150, 1300):
        for x in range(300, 700, step) if rows_dashed else [300]:
            draw.line((x, y, min(700, x + on) if rows_dashed else 700, y), fill=20, width=2)
    for x in (300, 500, 700):
        for y in range(1000, 1300, step) if not rows_dashed else [1000]:
            draw.line((x, y, x, 1300 if rows_dashed else min(1300, y + on)), fill=20, width=2)
    return np.asarray(page)


def test_a_narrow_table_with_dashed_rows_is_found():
    """Dashes shorter than a twelfth of the page width still count as a row in a table this narrow:
    the early exit must count pieces as short as _grid_in does in the narrowest region it searches."""
    grids = tables_scan.find_grids(_dashed_table(100, 12, rows_dashed=True))
    assert len(grids) == 1 and grids[0].ys == [1000, 1150, 1300] and len(grids[0].xs) == 3


def test_a_table_with_dashed_columns_is_found():
    """Dashes of 40 px count as a column (_grid_in's least is MIN_VERTICAL): so must they for the exit."""
    grids = tables_scan.find_grids(_dashed_table(40, 12, rows_dashed=False))
    assert len(grids) == 1 and grids[0].xs == [300, 500, 700] and len(grids[0].ys) == 3
