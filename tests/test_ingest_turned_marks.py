"""A skewed page is straightened before OCR, and the turn's cubic resampling blurs tone marks away
('đẳng' read 'đằng', 'quyền' read 'quyên'), which raw Tesseract, reading the page unturned, keeps. The
page before the turn is kept and read as well (unsure.coarse_marks): a word takes its marks where
Tesseract is surer of them, never fewer marks. Real Tesseract on generated pages."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import vnresolve
from benchmarks.bench_realpages import against_raw
from fixtures.documents import FONT_PATH, font
from vnresolve.ingest import layout, preprocess, tesseract, unsure
from vnresolve.schemas import Word

LINES = ["Các tổ công tác phải thẩm định hồ sơ, kiểm tra số liệu, đánh giá những điểm mới",
         "và đề xuất biện pháp tháo gỡ khó khăn, vướng mắc trong quá trình triển khai thực hiện.",
         "Người đứng đầu cơ quan chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả",
         "tổ chức thực hiện; kịp thời biểu dương những tập thể, cá nhân có thành tích xuất sắc."]


def _skewed_page(angle: float) -> np.ndarray:
    """An A4 page of 14 pt print at 200 dpi, turned by `angle` degrees."""
    font()  # skips without Liberation Serif
    page = Image.new("L", (1654, 2339), 236)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT_PATH, 39)
    for i, line in enumerate(LINES):
        draw.text((150, 250 + i * 60), line, fill=30, font=face)
    return np.asarray(page.rotate(angle, resample=Image.BICUBIC, fillcolor=236))


def test_a_turned_page_keeps_the_page_before_the_turn_and_maps_onto_it():
    grey = _skewed_page(1.6)
    cleaned = preprocess.clean(grey, preprocess.DEFAULT_STEPS, dpi=200, ruled=False)
    assert abs(cleaned.skew) > 1 and cleaned.coarse is not None and cleaned.coarse.shape == grey.shape
    words = [w for line in layout.group_words(tesseract.image_data(cleaned.image, dpi=200)) for w in line.words]
    turned = {w.text: w.bbox for w in words if len(w.text) > 3 and [v.text for v in words].count(w.text) == 1}
    misses = []
    for line in layout.group_words(tesseract.image_data(cleaned.coarse)):
        for w in line.words:
            if w.text in turned:
                (x0, y0), (x1, y1) = np.array([[w.bbox[0], w.bbox[1], 1], [w.bbox[2], w.bbox[3], 1]]) @ cleaned.coarse_to_image.T
                misses.append(max(abs(a - b) for a, b in zip((x0, y0, x1, y1), turned[w.text])))
    assert len(misses) > 8
    assert np.median(misses) < 10  # px at 200 dpi: a fraction of a 14 pt line


def test_a_straight_page_keeps_no_page_before():
    assert preprocess.clean(_skewed_page(0.0), preprocess.DEFAULT_STEPS, dpi=200, ruled=False).coarse is None


def test_a_turned_page_takes_no_reading_with_fewer_marks():
    line = layout.make_line([Word(text="đẳng", bbox=(0, 100, 60, 130), conf=80.0),
                             Word(text="quyên", bbox=(80, 100, 160, 130), conf=80.0)], 1)
    second = [Word(text="đăng", bbox=(0, 100, 60, 130), conf=95.0),  # surer, a mark fewer: not taken
              Word(text="quyền", bbox=(80, 100, 160, 130), conf=95.0)]  # surer, a mark more: taken
    assert [w.text for w in unsure._better_marks(line, second, every_word=True, fewer=False).words] == ["đẳng", "quyền"]
    assert [w.text for w in unsure._better_marks(line, second, every_word=True).words] == ["đăng", "quyền"]


def test_a_turned_photocopy_reads_no_worse_than_raw(tmp_path):
    """A photocopy as the harsh benchmark makes them (scanner lid, toner, 200 dpi), skewed 0.5 degrees
    by another seed than the benchmark's: turned (its lid's edge passes for a rule), it lost three
    marks raw Tesseract reads."""
    from benchmarks import bench_harshscans
    from benchmarks.bench_ocr import SHARED
    from benchmarks.scangen import render_paragraphs, scan_image
    from vnresolve.ingest.poppler import rasterize_page

    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the corpus in {SHARED / 'corpus'}")
    text = bench_harshscans.page_texts()[0]
    clean = tmp_path / "clean.pdf"
    render_paragraphs(text.split("\n"), clean)
    style = bench_harshscans.STYLES["photocopy 200 dpi"]
    path = tmp_path / "photocopy.jpg"
    path.write_bytes(scan_image(rasterize_page(clean, 1, style.dpi), style, random.Random(7000)))
    with Image.open(path) as img:
        raw = tesseract.plain_text(img, "vie", psm=3)
    page = vnresolve.convert(path, vnresolve.PipelineOptions(restore=False)).document.pages[0]
    assert page.skew  # it was turned
    versus = against_raw(raw, page.text, text)
    assert not versus.worse, versus
