"""Faster helpers in ingest/ must equal what they replace."""

from __future__ import annotations

import numpy as np


def test_components_equal_opencv_with_32_bit_labels():
    import cv2

    from vnresolve.ingest.preprocess import components

    rng = np.random.default_rng(1)
    page = ((rng.random((400, 600)) > 0.97) * 255).astype(np.uint8)
    page = cv2.dilate(page, np.ones((2, 2), np.uint8))
    dense = np.zeros((600, 1000), np.uint8)
    dense[::2, ::2] = 255  # 150,000 one-pixel blobs: more than 16-bit labels hold
    for mask in (page, dense):
        n, labels, stats, cents = components(mask)
        n2, labels2, stats2, cents2 = cv2.connectedComponentsWithStats(mask, connectivity=8)
        assert n == n2 and np.array_equal(stats, stats2) and np.array_equal(cents, cents2)
        assert np.array_equal(labels.astype(np.int32), labels2)
    assert components(page)[1].dtype == np.uint16 and components(dense)[1].dtype == np.int32
