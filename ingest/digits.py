"""A handwritten digit told apart by a small classifier (ADR 0009): the glyph is normalised as the
UCI optical handwritten digits were (aspect kept, fitted into 32x32, a thin pen thickened, 4x4 blocks
counted to an 8x8 grid of 0-16) and read by a one-hidden-layer network trained on them
(training/digits.py). Its weights are a few KB of JSON; inference is numpy alone.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

MODEL = Path(__file__).resolve().parent / "model" / "digits.json"
SIDE = 32  # the UCI bitmaps' side in pixels
BLOCK = 4  # the UCI set counts ink in 4x4 blocks: an 8x8 grid of 0-16
PEN = 3.0  # the least stroke width in pixels at 32x32: a thinner pen is thickened to it


def features(glyph: np.ndarray) -> np.ndarray:
    """The 64 UCI features of `glyph` (dark ink on white, any size)."""
    ys, xs = np.nonzero(glyph < 128)
    if ys.size == 0:
        return np.zeros(64)
    ink = _upright((glyph[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1] < 128).astype(np.uint8))
    h, w = ink.shape
    scale = (SIDE - 2) / max(h, w)  # aspect kept: a 1 stays a bar in the middle, as in the set
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    small = cv2.resize(ink * 255, (nw, nh), interpolation=cv2.INTER_AREA) >= 96
    box = np.zeros((SIDE, SIDE), np.uint8)
    y0, x0 = (SIDE - nh) // 2, (SIDE - nw) // 2
    box[y0: y0 + nh, x0: x0 + nw] = small
    width = _pen_width(box)
    if width < PEN - 1:  # a thin pen thickened to the set's width; a thick one is left alone
        grow = int(round((PEN - width) / 2))
        box = cv2.dilate(box, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1)))
    return box.reshape(SIDE // BLOCK, BLOCK, SIDE // BLOCK, BLOCK).sum(axis=(1, 3)).astype(float).ravel()


def _upright(ink: np.ndarray) -> np.ndarray:
    """`ink` with its slant sheared away (the set's writers wrote upright; a hand slants), cropped."""
    m = cv2.moments(ink, binaryImage=True)
    if m["mu02"] <= 0:
        return ink
    skew = m["mu11"] / m["mu02"]
    h, w = ink.shape
    pad = int(abs(skew) * h) + 1
    shear = np.float32([[1, -skew, pad + skew * m["m01"] / m["m00"]], [0, 1, 0]])
    out = cv2.warpAffine(ink, shear, (w + 2 * pad, h), flags=cv2.INTER_NEAREST)
    ys, xs = np.nonzero(out)
    return out[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1] if ys.size else ink


def _pen_width(box: np.ndarray) -> float:
    """The mean stroke width: twice the ink area over the outline's length."""
    contours, _ = cv2.findContours(box, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    outline = sum(cv2.arcLength(c, True) for c in contours)
    return 2.0 * float(box.sum()) / outline if outline else PEN


@lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, ...]:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return tuple(np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "w1", "b1", "w2", "b2"))


def probabilities(glyph: np.ndarray) -> np.ndarray:
    """The ten digits' probabilities for `glyph`."""
    mean, scale, w1, b1, w2, b2 = _weights()
    x = (features(glyph) - mean) / scale
    hidden = np.maximum(0.0, x @ w1 + b1)
    logits = hidden @ w2 + b2
    e = np.exp(logits - logits.max())
    return e / e.sum()
