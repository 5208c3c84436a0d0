"""despeckle at the page's edges: a tone mark stacked on a circumflex over a letter at the top edge is
kept, dust in the corners and on the edges is painted paper, a page of dust alone is left paper and
a page with no ink is returned as it is (its later rounds look in windows round the lonely blobs,
cut at the edges)."""

from __future__ import annotations

import numpy as np

from vnresolve.ingest import preprocess

PAPER = 250


def _page() -> np.ndarray:
    return np.full((120, 160), PAPER, np.uint8)


def test_a_mark_stacked_on_a_mark_at_the_top_edge_is_kept_and_edge_dust_removed():
    page = _page()
    page[19:41, 2:14] = 0  # a letter near the top-left corner, 22 px high at 300 dpi
    page[10:13, 4:10] = 0  # its circumflex, 7 px above it
    page[0:3, 5:9] = 0  # the tone mark on the circumflex, on the top edge, 17 px from the letter
    dust = [(0, 150), (117, 0), (118, 158), (60, 157)]  # corners and the right edge, far from ink
    for y, x in dust:
        page[y:y + 2, x:x + 2] = 0
    cleaned = preprocess.despeckle(page, 300)
    changed = {(int(y), int(x)) for y, x in np.argwhere(cleaned != page)}
    assert changed == {(y + dy, x + dx) for y, x in dust for dy in range(2) for dx in range(2)}
    assert (cleaned[changed.pop()] > 128)


def test_a_page_of_dust_alone_is_paper_and_a_page_without_ink_is_unchanged():
    page = _page()
    for y, x in [(0, 0), (0, 80), (119, 159), (60, 0), (50, 50), (52, 53)]:
        page[y:y + 2, x:x + 2] = 0
    assert not (preprocess.despeckle(page, 300) < 128).any()
    blank = _page()
    assert (preprocess.despeckle(blank, 300) == blank).all() and (preprocess.paint_lid(blank) == blank).all()
