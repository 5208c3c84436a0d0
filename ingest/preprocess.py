"""OpenCV clean-up of a page image before OCR.

Each step is optional and named, so the benchmark can switch steps on and off
and keep only the ones that lower the error rate (`DEFAULT_STEPS`; figures in
benchmarks/bench_ocr.py and the README). Tesseract binarizes internally with
Otsu, so steps that fight it (global smoothing, aggressive thresholds) can
hurt as easily as help; nothing here is on by faith.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

# One OpenCV thread per process, like Tesseract's OMP_THREAD_LIMIT=1: parallelism is ours (page and
# document workers, one per core), and OpenCV's own threads only compete with them for the same cores
# (measured: despeckling a 200 dpi page took 48 ms of CPU with 2 threads, 39 ms with 1, same wall time).
cv2.setNumThreads(1)

ALL_STEPS = ("upscale", "deskew", "despeckle", "denoise", "binarize", "border")
UPSCALE_BELOW_DPI = 180  # coarser pages are enlarged to TARGET_DPI (measured: 150 dpi WER 3.4% -> 2.9%; no gain at 200)
TARGET_DPI = 300
# Unsharp mask after enlarging: cubic interpolation softens the tiny hook (hỏi) until Tesseract reads
# it as an acute (sắc): "tổ" -> "tố". Chosen on a corpus law scanned at 150 dpi (WER 1.84% -> 1.63%);
# on unenlarged 200 dpi pages sharpening hurt, so it is part of upscaling only.
SHARPEN_SIGMA = 1.5  # pixels at TARGET_DPI
SHARPEN_AMOUNT = 0.8
DEFAULT_STEPS: tuple[str, ...] = ("upscale", "deskew", "despeckle")  # the measured winners, see bench_ocr
# A blank page has not one glyph-sized blob as dark as print, i.e. darker than PRINT_LEVEL of the
# paper round it (PAPER_MM wide, wider than any stroke): ink seen through from the back, a yellowed
# or unevenly lit sheet stay lighter. One printed word makes a page not blank.
PAPER_MM = 3.0
PRINT_LEVEL = 0.6
# Straighten a page skewed by at least this much (degrees) when it has ruling lines: the table grid
# is found from horizontal and vertical rules, which must be straight (cells placed 56.6 % -> 100 %).
MIN_SKEW = 0.1
# A page of text only is straightened from this skew up: Tesseract follows a slightly slanted text
# line by itself, and the rotation's resampling costs it both accuracy and time (see README).
TEXT_MIN_SKEW = 1.0
# Mid-grey pixels per ink pixel below which a page is two-tone: 0.00-0.27 on the 1-bit real scans
# (rendered at or a pixel off their own resolution), 0.66-2.0 on the greyscale and colour ones.
BILEVEL_MAX_EDGE = 0.45
# Letters of official print (13-14 pt Times) are 2.37 mm tall at the median of their blobs: 28 px at
# 300 dpi, 19 at 200 on the real scans. An image that declares no resolution is sized by it.
LETTER_MM = 2.37
MIN_LETTERS = 50  # fewer glyph blobs than this: too little text to size the page by
# A declared resolution under UPSCALE_BELOW_DPI that the print contradicts by more than this factor is
# a screen default (web images say 96 dpi whatever they hold), so the print's is used; within it the
# print's estimate is the less precise (dev pages rendered at 90 dpi, saying 96: worse when overruled).
DECLARED_SLACK = 1.3
MAX_SKEW = 5.0  # degrees; beyond this it is a layout feature (rotated stamp), not scanner skew


@dataclass
class Cleaned:
    image: np.ndarray  # uint8 greyscale
    skew: float  # degrees the page was rotated to straighten it (0 when not deskewed)
    dpi: float | None = None  # resolution of `image` (changed by upscaling)
    coarse: np.ndarray | None = None  # the page before it was enlarged (None: it was not enlarged)
    coarse_to_image: np.ndarray | None = None  # 2x3 affine map of `coarse` pixels onto `image` pixels
    # the page before a slight turn resampled it (under TEXT_MIN_SKEW, not two-tone, not enlarged; None: no such turn)
    unturned: np.ndarray | None = None
    unturned_to_image: np.ndarray | None = None  # 2x3 affine map of `unturned` pixels onto `image` pixels


def paper_grey(grey: np.ndarray) -> int:
    """The paper's grey: the 90th percentile of every 8th pixel of every 8th row (print covers far less
    of a page than a tenth)."""
    return int(np.percentile(grey[::8, ::8], 90))


def to_grey(image: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(image, np.ndarray):
        return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    if image.mode != "L":
        image = image.convert("L")
    return np.asarray(image, dtype=np.uint8)


def components(mask: np.ndarray):
    """`cv2.connectedComponentsWithStats(mask, connectivity=8)`, with 16-bit labels when they fit.

    Same components, stats and centroids; 16-bit labels take 11 ms instead of 28 ms on a 200 dpi
    page (less memory written). OpenCV raises rather than wrap when a page has 65,535+ blobs: then
    32-bit labels, as before.
    """
    try:
        return cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        return cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)


def _ink_mask(grey: np.ndarray) -> np.ndarray:
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def estimate_skew(grey: np.ndarray, at_least: float = 0.0) -> float:
    """Skew in degrees by maximising the row-profile variance of the ink (text lines turn into sharp peaks).

    Works on an 800 px wide copy: accurate to ~0.05 degrees. Each candidate angle's row profile is a
    histogram of the ink pixels' sheared row coordinates (`y - x tan a`, about the centre), not a
    warped image: the same angles as rotating the mask and summing rows (checked on all pages of the
    sample scan) at a third of the cost. The coarse 0.5-degree sweep looks at every 4th ink pixel.
    `at_least`: a smaller skew is of no use to the caller (it leaves the page as it is): 0.0 is
    returned as soon as the coarse sweep shows the fine ones cannot reach it (they end within 0.6
    degrees of its angle), sparing them on a straight page of text.
    """
    scale = min(1.0, 800 / max(grey.shape[1], 1))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    mask = _ink_mask(small)
    if mask.mean() < 0.5:  # an almost blank page has nothing to align
        return 0.0
    h, w = mask.shape
    ys, xs = np.nonzero(mask)
    xs = xs.astype(np.float32) - np.float32(w / 2)
    ys = ys.astype(np.float32) + np.float32(0.5)  # + 0.5: rounding by truncation below

    def score(angle: float, step: int = 1) -> float:
        rows = (ys[::step] - np.float32(np.tan(np.deg2rad(angle))) * xs[::step]).astype(np.int32)
        # rows off the image counted in two spare bins, dropped: cheaper than selecting those on it
        np.clip(rows, -1, h, out=rows)
        rows += 1
        return float(np.var(np.bincount(rows, minlength=h + 2)[1:h + 1]))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5), key=lambda a: score(a, 4))
    if abs(best) + 0.6 + 1e-6 < at_least:
        return 0.0
    best = max(np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1), key=score)
    best = max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.05), key=score)
    return round(float(best), 3)


def text_dpi(grey: np.ndarray) -> float | None:
    """The resolution the page's print implies (see LETTER_MM), for an image that declares none:
    a 70 dpi phone image must not be cleaned as if it were 300 dpi (its letters are dust-sized)."""
    _, _, stats, _ = components(_ink_mask(grey))
    heights, areas = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_AREA]
    letters = heights[(areas > 10) & (heights >= 4) & (heights < 0.05 * grey.shape[0])]
    if letters.size < MIN_LETTERS:
        return None
    return round(float(np.median(letters)) / LETTER_MM * 25.4, 1)


@dataclass(frozen=True)
class Resolution:
    """The one resolution a page is judged to have: every step is sized by it."""
    dpi: float | None  # None: neither declared nor readable off the print
    estimated: bool = False  # read off the print alone (none declared): Tesseract is not told it


def page_resolution(grey: np.ndarray, declared: float | None, exact: bool = False) -> Resolution:
    """The declared resolution, else the print's (text_dpi). `exact`: a PDF page's render resolution,
    which the boxes are mapped back to the page by, so the print never overrules it; a declared one
    under UPSCALE_BELOW_DPI that the print contradicts by more than DECLARED_SLACK gives way to it."""
    if declared and (exact or declared >= UPSCALE_BELOW_DPI):
        return Resolution(float(declared))
    printed = text_dpi(grey)
    if not declared:
        return Resolution(printed, estimated=printed is not None)
    overruled = printed and max(printed / declared, declared / printed) > DECLARED_SLACK
    return Resolution(printed if overruled else float(declared))


def percentile_u8(cum: np.ndarray, q: float) -> float:
    """`np.percentile(values, q)` of uint8 values from their cumulative 256-bin histogram `cum`, with
    numpy's own index and interpolation arithmetic ('linear'): the same float, with no sort of the
    values (a quarter of a page is a million pixels)."""
    n = int(cum[-1])
    pos = (n - 1) * (q / 100)
    if pos >= n - 1:
        return float(np.searchsorted(cum, n - 1, side="right"))
    lo = int(np.floor(pos))
    t = pos - lo
    a = int(np.searchsorted(cum, lo, side="right"))  # the lo-th smallest value (0-based)
    b = int(np.searchsorted(cum, lo + 1, side="right"))
    return a + (b - a) * t if t < 0.5 else b - (b - a) * (1 - t)


def is_bilevel(grey: np.ndarray) -> bool:
    """A two-tone page (a 1-bit scan, rendered at or near its own resolution): few pixels lie
    between ink and paper, fewer than BILEVEL_MAX_EDGE per ink pixel. Its thin strokes, the tone
    marks among them, are one or two pixels wide with no grey edge to spare. Judged on every 2nd
    pixel of every 2nd row, all from their histogram."""
    sample = grey[::2, ::2]
    if sample.size == 0:
        return False
    cum = np.cumsum(np.bincount(sample.ravel(), minlength=256))
    ink_level, paper = percentile_u8(cum, 0.5), percentile_u8(cum, 90)
    if paper - ink_level < 64:  # no contrast to speak of (a blank or washed-out page)
        return False
    lo, hi = ink_level + 0.25 * (paper - ink_level), ink_level + 0.75 * (paper - ink_level)
    ink = int(cum[int(np.floor(lo))])  # pixels <= lo
    edge = int(cum[int(np.ceil(hi)) - 1]) - ink  # lo < pixel < hi
    return ink > 0 and edge < BILEVEL_MAX_EDGE * ink


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre, filling with the page's paper colour so no dark wedges appear.

    A two-tone page is turned by three shears of whole pixels: an interpolated rotation splits a
    one-pixel stroke between two half-grey pixels that both fall on the paper side of Tesseract's
    threshold, and the tone marks above circumflex vowels vanish (measured on a real 1-bit page:
    11 diacritic-only errors unrotated, 33 after a cubic rotation by 0.65 degrees)."""
    return _rotate(grey, angle, is_bilevel(grey))


def _rotate(grey: np.ndarray, angle: float, bilevel: bool) -> np.ndarray:
    """`rotate`, told whether the page is two-tone (is_bilevel)."""
    h, w = grey.shape
    paper = paper_grey(grey)
    if bilevel:
        return _shear_rotate(grey, angle, paper)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=paper)


def _shear_rotate(grey: np.ndarray, angle: float, paper: int) -> np.ndarray:
    """Rotation as x-shear, y-shear, x-shear (Paeth): each shear shifts whole rows or columns, so no
    pixel is split or dropped, only moved."""
    h, w = grey.shape
    a = -np.deg2rad(angle)  # the maps below take output to input pixels: the inverse rotation
    cx, cy = w / 2, h / 2
    t, s = np.tan(a / 2), -np.sin(a)
    out = grey
    for m in (np.float32([[1, t, -t * cy], [0, 1, 0]]), np.float32([[1, 0, 0], [s, 1, -s * cx]]),
              np.float32([[1, t, -t * cy], [0, 1, 0]])):
        out = cv2.warpAffine(out, m, (w, h), flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    return out


def remove_border(grey: np.ndarray) -> np.ndarray:
    """Paint white the dark regions touching the image edge (scanner lid shadow, punch holes at the edge)."""
    mask = _ink_mask(grey)
    h, w = mask.shape
    n, labels, stats, _ = components(mask)
    out = grey.copy()
    paper = paper_grey(grey)
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        touches = x == 0 or y == 0 or x + bw >= w or y + bh >= h
        if touches and area > 0.5 * bw * bh * 0.2 and (bw > w * 0.3 or bh > h * 0.3 or area > 2000):
            out[labels == i] = paper
    return out


LID_SPAN = 0.3  # a dark region along this share of an image edge is the scanner's lid, not print


def paint_lid(grey: np.ndarray) -> np.ndarray:
    """The scanner's lid round a sheet laid on the glass (black borders, the wedges of a skewed sheet,
    an edge shadow) painted paper: dark regions touching the image edge along at least LID_SPAN of
    it, and only those as dark as print (median under PRINT_LEVEL of the paper): a photo's shaded
    side is lighter, and painting it would lose its words. Left, the lid's inner edges are long
    straight rules: the page was taken for one big table and its text lost. Painted, not cropped,
    so word boxes still map onto the stored image."""
    mask = _ink_mask(grey)
    h, w = mask.shape
    if not (mask[0].any() or mask[-1].any() or mask[:, 0].any() or mask[:, -1].any()):
        return grey  # no ink on the image's edge: nothing touches it (the page's labelling, 7 ms, spared)
    n, labels, stats, _ = components(mask)
    x, y, bw, bh = (stats[1:, k] for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    touches = (x == 0) | (y == 0) | (x + bw >= w) | (y + bh >= h)
    lid = np.flatnonzero(touches & ((bw >= LID_SPAN * w) | (bh >= LID_SPAN * h))) + 1
    paper = paper_grey(grey)
    # the lid is as dark as print; a photo's shaded side is lighter, and the text in it is kept
    lid = lid[[float(np.median(grey[labels == i])) < PRINT_LEVEL * paper for i in lid]] if lid.size else lid
    if not lid.size:
        return grey
    out = grey.copy()
    out[np.isin(labels, lid)] = paper
    return out


# paper this much darker in places than at its brightest is a photo's uneven light: between the
# scans' 0.94-1.0 and the phone photos' 0.72-0.86 (even_light), so a scan is left as it is
EVEN_PAPER = 0.9


def even_light(grey: np.ndarray, dpi: float | None = None) -> np.ndarray:
    """A page photographed in uneven light (one side in shade) divided by its paper's brightness,
    so the shade is paper again: Tesseract's one Otsu threshold made the shaded side one black
    blob and lost its words. A scanner lights the glass evenly: the darkest twentieth of the paper
    is 0.94-1.0 of the brightest on the real and generated scans, 0.72-0.86 on phone photos."""
    paper = paper_level(grey, dpi or text_dpi(grey))
    cum = np.cumsum(np.bincount(paper[::4, ::4].ravel(), minlength=256))
    low, high = percentile_u8(cum, 5), percentile_u8(cum, 95)
    if low >= EVEN_PAPER * high:
        return grey
    return cv2.divide(grey, np.maximum(paper, 1), scale=float(high))


MARK_REACH = 0.5  # of the median letter height: how far a mark may stand off its letter
MARK_STACK = 3  # marks stacked on a letter: circumflex or breve, then the tone mark above it


def despeckle(grey: np.ndarray, dpi: float | None = None) -> np.ndarray:
    """Remove dust: tiny ink blobs with no other ink nearby.

    Diacritics, i-dots, periods and commas are just as small but sit within a
    pixel or three of their letter; dust in margins and between lines does not.
    Sizes scale with the resolution (assumed 300 dpi when unknown).
    """
    scale = (dpi or 300) / 300
    max_area = max(4, int(40 * scale * scale))  # a 0.5 mm blob
    mask = _ink_mask(grey)
    n, labels, stats, _ = components(mask)
    small = stats[:, cv2.CC_STAT_AREA] <= max_area
    # Marks stand off their letter in proportion to the type, not the scan: an i-dot or the upper
    # dot of a semicolon in 14-point print is 9 px above its stem at 300 dpi. Half a letter's height,
    # and never under 0.7 mm.
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    letters = heights[~small[1:] & (heights < 0.6 * (dpi or 300))]  # glyphs, not rules or blocks (15 mm)
    letter = float(np.median(letters)) if letters.size else 0.0
    reach = max(2, int(round(8 * scale)), int(round(MARK_REACH * letter)))
    small[0] = False
    if not small[1:].any():
        return grey
    # Work on the (few) pixels of small blobs only, by flat index: indexing full-page label images
    # three times cost ~25 ms a page; same pixels changed, same result.
    small_px = _pixels_of(labels, stats, np.flatnonzero(small))
    small_labels = labels.ravel()[small_px]
    big_mask = mask.copy()  # ink of the big components (labels 0 are exactly the non-ink pixels)
    big_mask.ravel()[small_px] = 0
    # A blob near kept ink is kept, and closeness carries over: the tone mark above a circumflex sits
    # near the circumflex (itself a small blob), not near the letter, and must stay with both.
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    touched = np.zeros(n, dtype=bool)
    touched[small_labels[_dilated_at(big_mask, kernel, small_px)]] = True
    # Later rounds look only round the blobs still lonely, at the ink the round before kept: where
    # they are few (dust, marks stacked on marks), in their own windows, not the page twice more (~15 ms).
    fresh = touched
    for _ in range(MARK_STACK - 1):
        if not fresh.any():
            break
        added = np.zeros_like(mask)
        added.ravel()[small_px[fresh[small_labels]]] = 255
        now = touched.copy()
        alone = np.flatnonzero(small & ~touched)
        if 4 * alone.size * kernel.size > mask.size:  # a dusty page: one dilation of the page is cheaper
            now[small_labels[_dilated_at(added, kernel, small_px)]] = True
        else:
            for blob in alone:
                x, y, bw, bh = (int(v) for v in stats[blob, :4])
                x0, y0 = max(0, x - reach), max(0, y - reach)
                window = added[y0:y + bh + reach, x0:x + bw + reach]
                if window.any():
                    near = cv2.dilate(window, kernel)[y - y0:y - y0 + bh, x - x0:x - x0 + bw]
                    now[blob] = bool(near[labels[y:y + bh, x:x + bw] == blob].any())
        fresh, touched = now & ~touched, now
    lonely = small & ~touched
    out = grey.copy()
    paper = paper_grey(grey)
    out.ravel()[small_px[lonely[small_labels]]] = paper
    return out


def _pixels_of(labels: np.ndarray, stats: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """`np.flatnonzero(np.isin(labels, ids))`, read inside the blobs' bounding boxes alone: a clean
    page's specks and marks cover a few thousand pixels of its millions (looking up every pixel's
    label cost ~8 ms of a 200 dpi page). Where the boxes pass an eighth of the page, the page is read."""
    x, y, bw, bh = (stats[ids, k].astype(np.int64) for k in range(4))
    areas = bw * bh
    total = int(areas.sum())
    if total > labels.size // 8:
        member = np.zeros(int(stats.shape[0]), dtype=bool)
        member[ids] = True
        return np.flatnonzero(member[labels])
    start = np.repeat(np.cumsum(areas) - areas, areas)
    dy, dx = np.divmod(np.arange(total, dtype=np.int64) - start, np.repeat(bw, areas))
    flat = (np.repeat(y, areas) + dy) * labels.shape[1] + np.repeat(x, areas) + dx
    return np.sort(flat[labels.ravel()[flat] == np.repeat(ids, areas)])


def _dilated_at(mask: np.ndarray, kernel: np.ndarray, px: np.ndarray) -> np.ndarray:
    """`cv2.dilate(mask, kernel).ravel()[px] > 0` for a centred kernel whose rows are each one run
    (an ellipse): each kernel row's run of `mask` looked up in an integral image, at the pixels `px`
    (flat indices) alone. A clean page's specks and dots are a few thousand pixels, and the page's
    dilation by a letter-sized ellipse cost ~12 ms of a 200 dpi page's 35 ms despeckling. Where the
    look-ups (pixels times kernel rows) pass a tenth of the page's pixels, dilating the page is the cheaper."""
    runs = [(i, int(row[0]), int(row[-1])) for i, row in enumerate(np.flatnonzero(r) for r in kernel) if row.size]
    if (px.size * len(runs) > 0.1 * mask.size or any(right - left + 1 != int(np.count_nonzero(kernel[i]))
                                                     for i, left, right in runs)):
        return cv2.dilate(mask, kernel).ravel()[px] > 0
    h, w = mask.shape
    table = cv2.integral((mask > 0).view(np.uint8), sdepth=cv2.CV_32S)  # (h + 1, w + 1): ink above and left
    ys, xs = np.divmod(px, w)
    ay, ax = kernel.shape[0] // 2, kernel.shape[1] // 2
    near = np.zeros(px.size, dtype=bool)
    for i, left, right in runs:
        y = ys + (i - ay)
        inside = (y >= 0) & (y < h)
        y = np.clip(y, 0, h - 1)
        x0, x1 = np.clip(xs + (left - ax), 0, w), np.clip(xs + (right - ax) + 1, 0, w)
        count = table[y + 1, x1] - table[y, x1] - table[y + 1, x0] + table[y, x0]
        near |= inside & (count > 0)
    return near


def paper_level(grey: np.ndarray, dpi: float | None = None) -> np.ndarray:
    """The paper's brightness round each pixel: a maximum filter over PAPER_MM (ink is darker than
    the paper round it) on a quarter-size copy, smoothed and brought back to full size."""
    h, w = grey.shape
    small = cv2.resize(grey, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    k = max(3, int(round(PAPER_MM * (dpi or 300) / 25.4 / 4)) | 1)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    paper = cv2.blur(paper, (2 * k + 1, 2 * k + 1))
    return cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)


def is_blank(grey: np.ndarray, dpi: float | None = None) -> bool:
    """No print on the page: a blank back page, perhaps with the front's text or seal showing through.

    Not one glyph-sized blob (0.5 to 15 mm tall) of pixels darker than PRINT_LEVEL of their paper;
    worked out at half size."""
    half = cv2.resize(grey, (max(1, grey.shape[1] // 2), max(1, grey.shape[0] // 2)), interpolation=cv2.INTER_AREA)
    dpi = (dpi or 300) / 2
    print_ink = (cv2.divide(half, np.maximum(paper_level(half, dpi), 1), scale=255) < 255 * PRINT_LEVEL) * np.uint8(255)
    _, _, stats, _ = components(print_ink)
    px_mm = dpi / 25.4
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    return not np.any((heights >= 0.5 * px_mm) & (heights <= 15 * px_mm))


def enlarge_map(shape: tuple[int, int], factor: float, angle: float = 0.0) -> np.ndarray:
    """The 2x3 affine map `enlarge` takes a page of `shape` by: pixels of the page to pixels of the
    enlarged page, about pixel centres as cv2.resize maps them."""
    h, w = shape
    m = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), angle, factor)
    m[:, 2] += ((int(round(w * factor)) - w) / 2, (int(round(h * factor)) - h) / 2)
    return m


def enlarge(grey: np.ndarray, factor: float, angle: float = 0.0) -> np.ndarray:
    """Cubic enlargement followed by an unsharp mask (see SHARPEN_SIGMA); with `angle`, turned by it
    in the same resampling and not sharpened.

    Enlarging and then rotating resamples the strokes twice, and the unsharp mask on a turned page
    costs tone marks too (harsh colour 150 dpi pages skewed 3 degrees: 9 diacritic-only errors when
    enlarged, sharpened and rotated, 9 turned while enlarged and sharpened, 5 turned while enlarged)."""
    if angle:
        h, w = grey.shape
        paper = paper_grey(grey)
        return cv2.warpAffine(grey, enlarge_map(grey.shape, factor, angle), (int(round(w * factor)), int(round(h * factor))),
                              flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    grey = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    blur = cv2.GaussianBlur(grey, (0, 0), SHARPEN_SIGMA)
    return cv2.addWeighted(grey, 1 + SHARPEN_AMOUNT, blur, -SHARPEN_AMOUNT, 0)


def clean(image: Image.Image | np.ndarray, steps: tuple[str, ...] = DEFAULT_STEPS, dpi: float | None = None,
          ruled: bool = True, max_pixels: float | None = None,
          has_table: Callable[[np.ndarray], bool] | None = None, dpi_exact: bool = False,
          resolution: Resolution | None = None) -> Cleaned:
    """Apply `steps` in the order given (order matters: despeckling before upscaling sees true speck sizes).

    `ruled`: the page may hold a ruled table (tables_scan.may_have_rules), so it is straightened
    from MIN_SKEW up; a page of text only from TEXT_MIN_SKEW. `has_table`: whether a straightened page
    holds a ruled table (a two-tone page is turned for a slight skew only then). `max_pixels`: upscaling stops there (a page
    rendered coarse to fit the cap must not be enlarged past it). `dpi`, `dpi_exact`: the declared
    resolution, judged by page_resolution unless the caller gives its judgement (`resolution`)."""
    unknown = set(steps) - set(ALL_STEPS)
    if unknown:
        raise ValueError(f"unknown preprocessing steps: {', '.join(sorted(unknown))}; known: {', '.join(ALL_STEPS)}")
    grey = to_grey(image)
    skew = 0.0
    resolution = resolution or page_resolution(grey, dpi, dpi_exact)
    # an estimate from the print alone is reported (and told Tesseract) only once the page is enlarged to TARGET_DPI
    sizing = resolution.dpi
    dpi = None if resolution.estimated else sizing
    min_skew = MIN_SKEW if ruled else TEXT_MIN_SKEW
    straightened = False
    coarse = coarse_to_image = unturned = unturned_to_image = None
    for step in steps:
        if step == "upscale" and sizing and sizing < UPSCALE_BELOW_DPI:
            full = TARGET_DPI / sizing
            factor = min(full, (max_pixels / grey.size) ** 0.5) if max_pixels else full
            if factor > 1:
                # a deskew still to come is done in the same resampling (see enlarge)
                angle = estimate_skew(grey, min_skew) if "deskew" in steps and not straightened else 0.0
                angle = angle if abs(angle) >= min_skew else 0.0
                coarse, coarse_to_image = grey, enlarge_map(grey.shape, factor, angle)
                unturned = unturned_to_image = None  # its map is onto the page before enlarging
                grey = enlarge(grey, factor, angle)
                if "deskew" in steps and not straightened:
                    skew, straightened = angle, True
                dpi = float(TARGET_DPI) if factor == full else sizing * factor
                sizing = dpi
        elif step == "border":
            grey = remove_border(grey)
        elif step == "deskew" and not straightened:
            straightened = True
            angle = estimate_skew(grey, min_skew)
            if abs(angle) >= min_skew:
                bilevel = is_bilevel(grey)
                turned = _rotate(grey, angle, bilevel)
                # Even whole-pixel shears cost a two-tone page tone marks (a real 1-bit page: 11
                # diacritic-only errors unrotated, 18 sheared by 0.65 degrees): below TEXT_MIN_SKEW it
                # is turned only when it holds a table, whose grid needs straight rules.
                if abs(angle) >= TEXT_MIN_SKEW or has_table is None or not bilevel or has_table(turned):
                    if not bilevel and abs(angle) < TEXT_MIN_SKEW:  # the cubic turn can cost marks (unsure.unturned_marks)
                        h, w = grey.shape
                        unturned, unturned_to_image = grey, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
                    grey, skew = turned, angle
        elif step == "despeckle":
            grey = despeckle(grey, sizing)
        elif step == "denoise":
            grey = cv2.medianBlur(grey, 3)
        elif step == "binarize":
            grey = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 15)
    return Cleaned(image=grey, skew=skew, dpi=dpi, coarse=coarse, coarse_to_image=coarse_to_image,
                   unturned=unturned, unturned_to_image=unturned_to_image)
