"""Generated scans with the defects of real office scans (benchmarks/scangen.py), read through the
whole pipeline and against raw `tesseract -l vie` on the same image: the clean-up must never read a
page worse than no clean-up (benchmarks.bench_realpages.against_raw, the benchmarks' one rule).

- A photocopy skewed under preprocess.TEXT_MIN_SKEW with the scanner's lid along its edges: the lid
  is painted paper with its blurred edge, which left would pass for a long rule and have the page of
  text straightened (a cubic turn by 0.85 degrees cost it tone marks raw Tesseract read).
- The pages of `python -m benchmarks harshscans` that read worse than raw (needs ../shared/corpus)."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
from PIL import Image

import vnresolve
from benchmarks.bench_realpages import against_raw
from vnresolve.ingest import colour, preprocess, tesseract
from vnresolve.ingest.poppler import rasterize_page
from vnresolve.ingest.tables_scan import may_have_rules

# Body text of the test's own: circumflex, breve and horn vowels under tone marks, as official prose has them.
PARAGRAPHS = [
    "Ủy ban nhân dân huyện đề nghị các phòng, ban chuyên môn rà soát kết quả thực hiện nhiệm vụ năm nay, "
    "tổng hợp những tồn tại, hạn chế và đề xuất giải pháp khắc phục trong quý đầu năm sau.",
    "Văn phòng chủ trì, phối hợp với phòng Tài chính - Kế hoạch kiểm tra việc quản lý, sử dụng kinh phí; "
    "báo cáo bằng văn bản trước ngày mười lăm hằng tháng để tổng hợp, trình Chủ tịch xem xét, quyết định.",
    "Các xã, thị trấn chủ động nắm bắt tình hình ở cơ sở, kịp thời phản ánh những khó khăn, vướng mắc "
    "phát sinh; không để chậm trễ, ảnh hưởng đến quyền lợi chính đáng của người dân và doanh nghiệp.",
    "Trưởng các cơ quan, đơn vị chịu trách nhiệm trước Ủy ban nhân dân huyện về tiến độ, chất lượng công "
    "việc được giao; định kỳ sáu tháng, một năm đánh giá, rút kinh nghiệm và khen thưởng những tập thể, "
    "cá nhân có thành tích xuất sắc.",
]


def _scan(tmp_path, style, seed: int = 5) -> tuple[object, str]:
    from benchmarks.scangen import register_fonts, render_paragraphs, scan_image

    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    try:
        register_fonts()
    except FileNotFoundError as err:
        pytest.skip(str(err))
    clean = tmp_path / "clean.pdf"
    render_paragraphs(PARAGRAPHS, clean)
    path = tmp_path / ("page.png" if style.bilevel else "page.jpg")
    path.write_bytes(scan_image(rasterize_page(clean, 1, style.dpi), style, random.Random(seed)))
    return path, "\n".join(PARAGRAPHS)


def _read(path) -> tuple[str, object]:
    """(raw Tesseract's text of the image, vnresolve's page before restoration)."""
    with Image.open(path) as img:
        raw = tesseract.plain_text(img, "vie", psm=3)
    result = vnresolve.convert(path, vnresolve.PipelineOptions(restore=False))
    assert result.document is not None, result.reason
    return raw, result.document.pages[0]


def test_a_slightly_skewed_photocopy_with_a_scanner_lid_is_read_as_scanned(tmp_path):
    from benchmarks.scangen import ScanStyle

    style = ScanStyle(dpi=200, photocopy=True, border=True, jpeg_quality=40, min_angle=0.85, max_angle=0.85)
    path, truth = _scan(tmp_path, style)
    with Image.open(path) as img:
        grey = colour.separate(img.convert("RGB")).grey
    painted = preprocess.paint_lid(grey)
    assert preprocess.MIN_SKEW <= abs(preprocess.estimate_skew(painted)) < preprocess.TEXT_MIN_SKEW
    assert (painted[-5:] == painted[-1, -1]).all() and (painted[:, :5] == painted[-1, -1]).all()  # the lid went
    assert not may_have_rules(painted)  # and its edge with it: no rule left on a page of text
    raw, page = _read(path)
    assert page.skew is None  # read as scanned
    versus = against_raw(raw, page.text, truth)
    assert not versus.worse, versus
    assert versus.ours_unread <= 0.02 * len(truth.split()), versus


@pytest.mark.parametrize("style_name, k", [("1-bit 300 dpi", 2), ("1-bit 200 dpi", 3), ("photocopy 200 dpi", 0)])
def test_the_harsh_benchmarks_pages_read_no_worse_than_raw(tmp_path, monkeypatch, style_name, k):
    from benchmarks import bench_harshscans
    from benchmarks.bench_ocr import SHARED

    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the corpus in {SHARED / 'corpus'}")
    monkeypatch.setattr(bench_harshscans, "CACHE", tmp_path)  # rendered here, not into the benchmark's cache
    texts = bench_harshscans.page_texts()
    path = bench_harshscans.scanned(style_name, bench_harshscans.STYLES[style_name], k, texts[k])
    raw, page = _read(path)
    versus = against_raw(raw, page.text, texts[k])
    assert not versus.worse, versus
