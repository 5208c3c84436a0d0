"""A page photographed in uneven light, one side in shade, read through the real Tesseract: the
shade is neither a scanner's lid to paint over nor ink, and the words in it are read."""

from __future__ import annotations

import numpy as np
from PIL import Image

from fixtures.documents import DPI, LINES, render_lines, word_recall
from vnresolve.ingest import ingest_file, preprocess

PAGE_LINES = LINES + LINES[:2]


def _shaded(page: Image.Image) -> Image.Image:
    """The left part of the sheet in shade, as a phone photo taken by a window: 62 % of the light at
    the left edge, full light from 60 % of the width on."""
    grey = np.asarray(page, dtype=np.float32)
    w = grey.shape[1]
    light = np.clip(0.62 + 0.38 * np.arange(w) / (0.6 * w), 0, 1)
    return Image.fromarray((grey * light[None, :]).round().astype(np.uint8))


def test_the_words_in_a_photo_s_shaded_side_are_read(tmp_path):
    path = tmp_path / "photo.png"
    _shaded(render_lines(PAGE_LINES, size=(1400, 480))).save(path, dpi=(DPI, DPI))
    text = ingest_file(path).pages[0].text
    assert word_recall(" ".join(PAGE_LINES), text) >= 0.95, text
    starts = [line.split()[0] for line in PAGE_LINES]  # the words deepest in the shade
    assert all(word in text.split() for word in starts), text


def test_an_evenly_lit_scan_is_left_as_it_is():
    grey = np.asarray(render_lines(PAGE_LINES, size=(1400, 480)))
    assert preprocess.even_light(grey, DPI) is grey
    shaded = np.asarray(_shaded(render_lines(PAGE_LINES, size=(1400, 480))))
    evened = preprocess.even_light(shaded, DPI)
    margin = evened[:40]  # the top margin, above the first line: paper only
    assert margin.min() >= 0.9 * margin.max()  # the shade is paper again
