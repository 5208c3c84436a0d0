"""Handwritten digits told apart by a small classifier (ADR 0009), and a blank's string of them cut
into digits by what the classifier reads.

A glyph is normalised as MNIST's digits were (ink cropped, the slant sheared away, the pen brought
to one width, fitted into a 20x20 box and centred by its mass in 28x28) and read by a small
convolutional network trained on MNIST and UCI digits and on touching pairs of them, its eleventh
class (training/digits.py). Its float16 weights are about 200 KB; inference is numpy alone.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

MODEL = Path(__file__).resolve().parent / "model" / "digits.npz"
SIDE = 28  # MNIST's image side in pixels
BOX = 20  # MNIST fits each digit's ink into a box this wide, centred by mass in SIDE x SIDE
WORK = 40  # the height in pixels the pen width is normalised at
PEN = 4.4  # the pen width at WORK: MNIST's strokes, about 2.2 px in its 20 px box
FLAT = 0.55  # a part of a blank lower than this share of its ink's height is a flag or a speck, no digit
MOST_PARTS = 3  # touching digits a glyph may hold
CUTS = 10  # about how many columns a glyph is tried cut into two at: a blank's reading stays in milliseconds
SPLIT_COST = 1.0  # log-odds a cut into touching digits must win by: a hooked 1 or a looped 2 cuts into two likely shapes too
SPLIT_WIDTH = 0.75  # a glyph is tried as n touching digits when it is at least (n - 1) times this wide as high
NOT_ONE = 10  # the class of glyphs that are two touching digits, not one


def features(glyph: np.ndarray) -> np.ndarray:
    """The 784 MNIST-normalised pixels (0-1) of `glyph` (dark ink on white, any size)."""
    ys, xs = np.nonzero(glyph < 128)
    if ys.size == 0:
        return np.zeros(SIDE * SIDE, np.float32)
    ink = _upright((glyph[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1] < 128).astype(np.uint8))
    h, w = ink.shape
    scale = WORK / max(h, w)
    big = (cv2.resize(ink * 255, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=cv2.INTER_AREA) >= 96).astype(np.uint8)
    big = _even_pen(big)
    ys, xs = np.nonzero(big)
    if ys.size == 0:
        return np.zeros(SIDE * SIDE, np.float32)
    big = big[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1].astype(np.float32)
    h, w = big.shape
    scale = BOX / max(h, w)
    small = cv2.resize(big, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    m = cv2.moments(small)
    cy, cx = (m["m01"] / m["m00"], m["m10"] / m["m00"]) if m["m00"] > 0 else (small.shape[0] / 2, small.shape[1] / 2)
    y0 = min(max(int(round(SIDE / 2 - cy)), 0), SIDE - small.shape[0])
    x0 = min(max(int(round(SIDE / 2 - cx)), 0), SIDE - small.shape[1])
    out = np.zeros((SIDE, SIDE), np.float32)
    out[y0: y0 + small.shape[0], x0: x0 + small.shape[1]] = small
    return out.ravel()


def _upright(ink: np.ndarray) -> np.ndarray:
    """`ink` (1 = ink) with its slant sheared away, cropped: hands slant, MNIST's digits were deslanted."""
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


def _pen_width(ink: np.ndarray) -> float:
    """The mean stroke width: twice the ink area over the outline's length."""
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    outline = sum(cv2.arcLength(c, True) for c in contours)
    return 2.0 * float(ink.sum()) / outline if outline else PEN


def _even_pen(ink: np.ndarray) -> np.ndarray:
    """`ink` with a thin pen thickened and a felt pen thinned towards PEN (a thinning that would
    erase most of the glyph is not made)."""
    width = _pen_width(ink)
    if width < PEN - 1:
        grow = int(round((PEN - width) / 2))
        return cv2.dilate(np.pad(ink, grow), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1,) * 2))
    if width > PEN + 2:
        shrink = int(round((width - PEN) / 2))
        thinner = cv2.erode(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * shrink + 1,) * 2))
        if thinner.sum() > 0.2 * ink.sum():
            return thinner
    return ink


@lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, ...]:
    with np.load(MODEL) as data:
        return tuple(data[f"p{k}"].astype(np.float32) for k in range(8))


def _conv_pool(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 5x5 convolution padded to keep the size, ReLU, then 2x2 max pooling: (N, C, H, W) -> (N, K, H/2, W/2)."""
    n, c, h, wd = x.shape
    k = w.shape[-1]
    padded = np.pad(x, ((0, 0), (0, 0), (k // 2, k // 2), (k // 2, k // 2)))
    patches = np.lib.stride_tricks.sliding_window_view(padded, (k, k), axis=(2, 3))  # N, C, H, W, k, k
    cols = patches.transpose(0, 2, 3, 1, 4, 5).reshape(n * h * wd, c * k * k)  # im2col: one matmul a layer
    out = (cols @ w.reshape(w.shape[0], -1).T + b).reshape(n, h, wd, -1).transpose(0, 3, 1, 2)
    out = np.maximum(out, 0.0)
    return out.reshape(n, out.shape[1], h // 2, 2, wd // 2, 2).max(axis=(3, 5))


def scores_many(glyphs: list[np.ndarray]) -> np.ndarray:
    """The eleven classes' probabilities for each glyph, one row each: the ten digits, then NOT_ONE."""
    w1, b1, w2, b2, w3, b3, w4, b4 = _weights()
    x = np.stack([features(g) for g in glyphs]).reshape(-1, 1, SIDE, SIDE)
    x = _conv_pool(_conv_pool(x, w1, b1), w2, b2).reshape(len(glyphs), -1)
    logits = np.maximum(x @ w3.T + b3, 0.0) @ w4.T + b4
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float64)


def probabilities(glyph: np.ndarray) -> np.ndarray:
    """The ten digits' probabilities for `glyph`, as though it were one digit."""
    p = scores_many([glyph])[0, :10]
    return p / p.sum()


def glyphs(strokes: np.ndarray) -> list[np.ndarray]:
    """The blank's glyphs left to right (dark ink on white): strokes whose columns overlap are one
    glyph (the flag of a 5, a 4 drawn in two strokes)."""
    ink = (strokes < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    spans: list[list[int]] = []
    for i in sorted(range(1, count), key=lambda k: stats[k, 0]):
        x0, x1 = stats[i, 0], stats[i, 0] + stats[i, 2]
        if spans:
            last = spans[-1]
            a0, a1 = min(stats[k, 0] for k in last), max(stats[k, 0] + stats[k, 2] for k in last)
            if min(a1, x1) - max(a0, x0) > 0.5 * min(a1 - a0, x1 - x0):
                last.append(i)
                continue
        spans.append([i])
    out = []
    for span in spans:
        xs, xe = min(stats[k, 0] for k in span), max(stats[k, 0] + stats[k, 2] for k in span)
        ys, ye = min(stats[k, 1] for k in span), max(stats[k, 1] + stats[k, 3] for k in span)
        out.append(np.where(np.isin(labels[ys:ye, xs:xe], span), 0, 255).astype(np.uint8))
    return out


def _is_digit(glyph: np.ndarray, height: int) -> bool:
    """Whether the glyph's ink stands tall enough to be a digit (not a flag or a speck)."""
    ys = np.nonzero((glyph < 128).any(axis=1))[0]
    return ys.size > 0 and ys.max() - ys.min() + 1 >= FLAT * height


def _parts(glyph: np.ndarray, parts: int) -> list[list[np.ndarray]]:
    """The ways of cutting `glyph` into `parts` tried: two parts at about CUTS columns spread over
    its middle three fifths; more at the emptiest column near each even cut."""
    w = glyph.shape[1]
    if parts == 2:
        lo, hi = max(1, int(0.2 * w)), min(w - 1, int(0.8 * w))
        step = max(2, -(-(hi - lo) // CUTS))
        return [[glyph[:, :x], glyph[:, x:]] for x in range(lo, hi + 1, step)]
    ink = (glyph < 128).sum(axis=0)
    cuts, step = [0], w / parts
    for k in range(1, parts):
        lo, hi = int(k * step - 0.3 * step), int(k * step + 0.3 * step)
        cuts.append(lo + int(np.argmin(ink[lo:hi])) if hi > lo else int(k * step))
    cuts.append(w)
    return [[glyph[:, a:b] for a, b in zip(cuts, cuts[1:]) if b > a]]


def _best_parts(glyph: np.ndarray, height: int) -> list[tuple[str, float]] | None:
    """The glyph read as one digit or as touching digits, cut wherever the classifier reads the
    parts with the most joint probability (a digit's share is its own, less what NOT_ONE takes, so
    touching digits read as one read low); None when no way of cutting it reads as digits."""
    h, w = glyph.shape
    if w > SPLIT_WIDTH * MOST_PARTS * h:
        return None  # wider than MOST_PARTS touching digits: no blank's glyph
    ways = [[glyph]]
    if w >= SPLIT_WIDTH * h:
        ways += [cut for parts in range(2, MOST_PARTS + 1) if w >= SPLIT_WIDTH * (parts - 1) * h
                 for cut in _parts(glyph, parts)]
    ways = [cut for cut in ways if all(_is_digit(part, height) for part in cut)]
    if not ways:
        return None
    probs = scores_many([part for cut in ways for part in cut])[:, :10]
    options, k = [], 0
    for cut in ways:
        read = [(str(int(p.argmax())), float(p.max())) for p in probs[k: k + len(cut)]]
        k += len(cut)
        score = float(np.sum(np.log([p for _, p in read]))) - SPLIT_COST * (len(cut) - 1)
        options.append((score, -len(cut), read))
    return max(options, key=lambda o: (o[0], o[1]))[2]


def reading(strokes: np.ndarray, most: int) -> tuple[str, float] | None:
    """The blank's digits as the classifier reads them, touching digits cut where the reading is
    likeliest, with the least probability over its digits; None when the count is no blank's."""
    found = glyphs(strokes)
    if not found:
        return None
    height = max(g.shape[0] for g in found)
    text, sure = "", []
    for glyph in found:
        read = _best_parts(glyph, height)
        if read is None:
            if not _is_digit(glyph, height):  # a detached flag or speck beside the digits
                continue
            return None
        for digit, p in read:
            text, sure = text + digit, sure + [p]
        if len(text) > most:
            return None
    return (text, min(sure)) if 1 <= len(text) <= most else None
