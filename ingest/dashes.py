"""The line over a row of dashes read again where the page pass lost it.

HD 36-HD/VPTW prints a row of short dashes ('-----') under a Party document's subject. Tesseract
reads no text in the row, and its layout analysis may drop the line above it with it: the subject is
lost where the same page with the dashes whited out reads it whole. Where such a row stands with no
line read in the band above it, that band (from the line read above down to the dashes, as wide as
the text column and centred on the dashes) is read again as one block, and its sure lines are put
in reading order before the lines below the band.
"""

from __future__ import annotations

import cv2
import numpy as np

from vnresolve.ingest import tesseract
from vnresolve.ingest.layout import group_words, number_after
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.unsure import UNSURE_CONF
from vnresolve.schemas import Line

MM_PER_INCH = 25.4
DASH_HEIGHT_MM = 1.0  # a typed dash is a stroke a few tenths of a millimetre thick
DASH_WIDTH_MM = (0.5, 4.0)  # an en dash at 12-14 pt is about 1-2 mm long
DASH_RATIO = 2.5  # a dash is this many times wider than thick; a dot or a letter's piece is not
DASHES = 3  # '-----' and its like; two dashes may be a hyphen and a speck
SPACING = 1.5  # in dash widths: the largest gap between two dashes of one row
BAND = 2.0  # line heights above the dashes in which a line read means the line over them was not lost
BAND_MAX = 6.0  # line heights read again at most: a subject of up to three lines and their spacing
BLOCK_PSM = 6  # the band is one block of (centred) lines
HEAD_SHARE = 0.6  # of the page, from its top: the subject stands under the type name in the header (NĐ 30, HD 36)


def dash_rows(grey: np.ndarray, dpi: float | None) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the rows of DASHES or more short dashes of like size on the page."""
    mm = (dpi or 300.0) / MM_PER_INCH
    head = grey[: int(grey.shape[0] * HEAD_SHARE)]
    _, _, stats, _ = cv2.connectedComponentsWithStats((head < 128).astype(np.uint8), connectivity=8)
    x, y, w, h = (stats[1:, k] for k in range(4))
    keep = (h <= DASH_HEIGHT_MM * mm) & (w >= DASH_WIDTH_MM[0] * mm) & (w <= DASH_WIDTH_MM[1] * mm) & (w >= DASH_RATIO * h)
    dashes = sorted(zip(x[keep].tolist(), y[keep].tolist(), w[keep].tolist(), h[keep].tolist()))
    rows: list[tuple[int, int, int, int]] = []
    used: set[int] = set()
    for i, first in enumerate(dashes):
        if i in used:
            continue
        run, last = [first], first
        for j in range(i + 1, len(dashes)):
            x, y, w, h = dashes[j]
            if x > last[0] + last[2] + SPACING * last[2]:
                break  # sorted by x: every dash after it is further still
            # one row: after the last dash, level with it, of like width
            if (j not in used and x >= last[0] + last[2] and abs((y + h / 2) - (last[1] + last[3] / 2)) <= max(2, 0.3 * mm)
                    and max(w, last[2]) <= 1.5 * min(w, last[2])):
                run.append(dashes[j])
                used.add(j)
                last = dashes[j]
        if len(run) >= DASHES:
            rows.append((run[0][0], min(d[1] for d in run), run[-1][0] + run[-1][2], max(d[1] + d[3] for d in run)))
    return rows


def _open_band(lines: list[Line], h: float, rows: int) -> bool:
    """Whether a row of dashes starting on some pixel row of the first `rows` would be read over
    (reread_above's tests on the lines as read): no line's middle in the BAND above it, a line
    ending above it, and none within 0.6 line heights of it."""
    y = np.arange(rows, dtype=np.float64)
    middles = np.sort([(line.bbox[1] + line.bbox[3]) / 2 for line in lines])
    bottoms = np.sort([line.bbox[3] for line in lines])
    free = np.searchsorted(middles, y, "left") == np.searchsorted(middles, y - BAND * h, "right")
    below_one = np.searchsorted(bottoms, y, "right") > 0
    clear = np.searchsorted(bottoms, y, "right") == np.searchsorted(bottoms, y - 0.6 * h, "right")
    return bool(np.any(free & below_one & clear & (y >= 0.6 * h)))


def reread_above(grey: np.ndarray, lines: list[Line], dpi: float | None, options: IngestOptions) -> list[Line]:
    """`lines` with the lines over each row of dashes read again where none was read there (`lines`
    unchanged where every such band holds a line)."""
    body = [line for line in lines if line.words]
    if not body:
        return lines
    heights = sorted(line.bbox[3] - line.bbox[1] for line in body)
    h = heights[len(heights) // 2]
    left, right = min(line.bbox[0] for line in body), max(line.bbox[2] for line in body)
    if not _open_band(lines, h, int(grey.shape[0] * HEAD_SHARE)):
        return lines  # no row of dashes could be read over: the page is not searched for them (15 ms)
    out = lines
    for x0, y0, x1, y1 in dash_rows(grey, dpi):
        if not left <= (x0 + x1) / 2 <= right:
            continue
        if any(y0 - BAND * h < (line.bbox[1] + line.bbox[3]) / 2 < y0 for line in out):
            continue
        above = [line.bbox[3] for line in out if line.bbox[3] <= y0]
        if not above:
            continue  # the dashes under a subject stand under its type name; a row at the page's top edge is a border's
        top = max(above + [y0 - BAND_MAX * h, 0])
        if y0 - top < 0.6 * h:
            continue
        # the subject is centred over the dashes, as wide as the text column at most
        middle = (x0 + x1) / 2
        half = max(middle - left, right - middle)
        box = (max(0, int(middle - half)), int(top), min(grey.shape[1], int(middle + half)), int(y0))
        data = tesseract.regions_data(grey, [box], lang=options.lang,
                                      psm=BLOCK_PSM, timeout=options.timeout_s, dpi=dpi)
        found = [line for line in number_after(group_words(data), out) if (line.conf or 0) >= UNSURE_CONF]
        if not found:
            continue
        bottom = max(line.bbox[3] for line in found)
        at = next((i for i, line in enumerate(out) if line.bbox[1] >= bottom), len(out))
        out = out[:at] + found + out[at:]
    return out
