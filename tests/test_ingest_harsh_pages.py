"""Generated scans with the defects of real office scans (benchmarks/scangen.py), read through the
whole pipeline and against raw `tesseract -l vie` on the same image: the clean-up must never read a
page worse than no clean-up (benchmarks.bench_realpages.against_raw, the benchmarks' one rule).

The 1-bit pages of `python -m benchmarks harshscans` that read worse than raw before the page pass
was sized as raw Tesseract sizes it (needs ../shared/corpus)."""

from __future__ import annotations

import pytest
from PIL import Image

import vnresolve
from benchmarks.bench_realpages import against_raw
from vnresolve.ingest import tesseract


def _read(path) -> tuple[str, object]:
    """(raw Tesseract's text of the image, vnresolve's page before restoration)."""
    with Image.open(path) as img:
        raw = tesseract.plain_text(img, "vie", psm=3)
    result = vnresolve.convert(path, vnresolve.PipelineOptions(restore=False))
    assert result.document is not None, result.reason
    return raw, result.document.pages[0]


@pytest.mark.parametrize("style_name, k", [("1-bit 300 dpi", 2), ("1-bit 200 dpi", 3)])
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
