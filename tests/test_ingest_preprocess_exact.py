"""The clean-up's cheaper arithmetic gives exactly what the plain way gives, on a real scanned page:
percentiles of pixels from their histogram equal numpy's to the bit, the dilation read at a few
pixels equals the page's dilation there (and where the pixels are many, the page is dilated), and a
skew asked for only from a threshold up is the full estimate or, where that is under it, 0."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from vnresolve.ingest import preprocess
from vnresolve.ingest.poppler import rasterize_page

SCAN = Path(__file__).resolve().parent.parent / "samples" / "resolution-04-NQ-TU-scan.pdf"


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return np.asarray(rasterize_page(SCAN, 2, 200))


def test_percentiles_from_the_histogram_are_numpys(page):
    rng = np.random.default_rng(7)
    samples = [page[::2, ::2], preprocess.paper_level(page, 200)[::4, ::4], page[:1, :1], page[:1, :2],
               np.array([0, 255], np.uint8), rng.integers(0, 256, 997, dtype=np.uint8),
               rng.choice(np.array([3, 128, 250], np.uint8), 1001)]
    for values in samples:
        cum = np.cumsum(np.bincount(values.ravel(), minlength=256))
        for q in (0, 0.5, 5, 33.3, 50, 90, 95, 99.9, 100):
            assert preprocess.percentile_u8(cum, q) == np.percentile(values, q), (values.size, q)


def test_a_two_tone_page_is_told_as_before(page):
    _, two_tone = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    assert not preprocess.is_bilevel(page) and preprocess.is_bilevel(two_tone)


def test_the_dilation_read_at_pixels_is_the_page_dilation_there(page):
    ink = preprocess._ink_mask(page)
    rng = np.random.default_rng(11)
    few = np.flatnonzero(rng.random(ink.size) < 0.001)  # looked up in the integral image
    many = np.flatnonzero(rng.random(ink.size) < 0.2)  # the page is dilated
    edges = np.array([0, ink.shape[1] - 1, ink.size - ink.shape[1], ink.size - 1])  # corners: runs cut at the edges
    for reach in (2, 5, 10, 14):
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
        dilated = cv2.dilate(ink, kernel).ravel()
        for px in (few, many, edges, np.sort(np.concatenate([few, edges]))):
            assert (preprocess._dilated_at(ink, kernel, px) == (dilated[px] > 0)).all(), (reach, px.size)
    assert preprocess._dilated_at(ink, kernel, few).any() and not preprocess._dilated_at(ink, kernel, few).all()


def test_despeckling_the_real_page_removes_specks_and_keeps_its_marks(page):
    cleaned = preprocess.despeckle(page, 200)
    changed = cleaned != page
    assert 0 < np.count_nonzero(changed) < 0.001 * page.size  # a few specks, not the print
    assert (cleaned[changed] > 200).all()  # painted paper


def test_a_skew_wanted_from_a_threshold_up_is_the_full_estimate_or_nothing(page):
    full = preprocess.estimate_skew(page)
    straight = preprocess.rotate(page, full)
    turned = preprocess.rotate(page, full - 2.0)
    assert abs(preprocess.estimate_skew(straight)) < 0.4 and preprocess.estimate_skew(straight, 1.0) == 0.0
    assert abs(abs(preprocess.estimate_skew(turned)) - 2.0) < 0.2
    for grey in (page, straight, turned):
        for at_least in (0.1, 1.0, 3.0):
            whole, asked = preprocess.estimate_skew(grey), preprocess.estimate_skew(grey, at_least)
            assert asked == whole or (asked == 0.0 and abs(whole) < at_least)
