"""Ruled tables on page images: ruling lines -> cell grid with spans -> text per cell.

1. Horizontal and vertical rules are found by morphological opening with long
   thin kernels (text strokes are too short to survive it).
2. Rule positions are clustered into row and column boundaries; every pair of
   neighbouring boundaries is a candidate cell.
3. Two neighbouring candidate cells are one merged cell when the rule between
   them is missing (checked on the rule mask), which yields row/col spans.
4. Cells are OCR'd by stacking their crops, separated by white gaps, into one
   image for a single Tesseract call: per-cell segmentation without paying
   Tesseract's start-up cost once per cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from vnresolve.ingest import layout, tesseract
from vnresolve.ingest.preprocess import components, enlarge, paper_grey, percentile_u8
from vnresolve.schemas import Cell, Line, Table, Word

MIN_ROWS, MIN_COLS = 2, 2
MIN_VERTICAL = 15  # px: the shortest vertical rule piece a grid's columns count
BORDER_COVERAGE = 0.6  # share of a boundary segment that must be rule ink for the boundary to exist
STACK_GAP = 24  # white pixels between stacked cell crops
CELL_DPI = 300  # resolution the cell stack is OCR'd at


@dataclass
class Grid:
    bbox: tuple[int, int, int, int]
    ys: list[int]  # row boundaries, top to bottom
    xs: list[int]  # column boundaries, left to right
    cells: list[tuple[int, int, int, int]]  # (row, col, row_span, col_span)
    rules: np.ndarray = field(repr=False)  # full-page mask of ruling-line pixels

    def cell_box(self, r: int, c: int, rs: int, cs: int) -> tuple[int, int, int, int]:
        return self.xs[c], self.ys[r], self.xs[c + cs], self.ys[r + rs]


def _ink(grey: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def _glyph_height(ink: np.ndarray) -> float:
    """Median height of letter-sized ink blobs: the scale rules are measured against, whatever the dpi."""
    _, _, stats, _ = components(ink)
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    letters = h[(h >= 6) & (h <= 120) & (w <= 3 * h)]
    return float(np.median(letters)) if len(letters) >= 10 else 20.0


# Rules are long and thin; glyph strokes are at most ~1.5 glyph heights tall (Ỗ, ế) and a few wide.
# Small breaks left by blur/JPEG along the rules are closed by a dilation.
def _horizontal_rules(ink: np.ndarray, g: float) -> np.ndarray:
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (int(max(25, 4 * g)), 1))
    return cv2.dilate(cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk), cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))


def _vertical_rules(ink: np.ndarray, g: float) -> np.ndarray:
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(max(15, 1.8 * g))))
    return cv2.dilate(cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))


CLUSTER_TOL = 8  # px: rule positions this close (in a chain) are one row or column boundary


def _cluster(values: list[float], tol: float) -> list[int]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [int(round(sum(g) / len(g))) for g in out]


def _bands(present: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], present.view(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _segments(mask: np.ndarray, axis: int, region: tuple[int, int, int, int], min_len: int) -> list[float]:
    """Centre coordinates of rule components (y for horizontal rules, x for vertical ones).

    Components never cross an empty row (horizontal rules) or column (vertical ones), so each band
    of non-empty rows/columns is labelled on its own: a rule mask is mostly empty, and labelling the
    few thin bands costs a fraction of labelling the whole region (same components, same centres).
    """
    x0, y0, x1, y1 = region
    sub = mask[y0:y1, x0:x1]
    out = []
    for lo, hi in _bands(sub.any(axis=1) if axis == 0 else sub.any(axis=0)):
        band = sub[lo:hi] if axis == 0 else sub[:, lo:hi]
        n, _, stats, cents = components(np.ascontiguousarray(band))
        for i in range(1, n):
            length = stats[i, cv2.CC_STAT_WIDTH] if axis == 0 else stats[i, cv2.CC_STAT_HEIGHT]
            if length >= min_len:
                out.append(float(cents[i][1] + lo + y0) if axis == 0 else float(cents[i][0] + lo + x0))
    return sorted(out)


def _covered(mask: np.ndarray, fixed: int, lo: int, hi: int, horizontal: bool, band: int = 4) -> float:
    """Share of positions lo..hi where the rule mask has ink within `band` px of the line at `fixed`."""
    lo, hi = lo + (hi - lo) // 10, hi - (hi - lo) // 10
    if hi <= lo:
        return 1.0
    if horizontal:
        strip = mask[max(0, fixed - band) : fixed + band + 1, lo:hi]
        return float((strip.max(axis=0) > 0).mean())
    strip = mask[lo:hi, max(0, fixed - band) : fixed + band + 1]
    return float((strip.max(axis=1) > 0).mean())


def _row_piece_min(width: int) -> int:
    """The shortest horizontal rule piece that counts as a row boundary in a region `width` px wide."""
    return width // 12


def _column_piece_min(height: int) -> int:
    """The shortest vertical rule piece that counts as a column boundary in a region `height` px tall."""
    return max(MIN_VERTICAL, height // 40)


def _grid_in(region, horiz, vert, rules) -> Grid | None:
    x0, y0, x1, y1 = region
    tol = CLUSTER_TOL
    ys = _cluster(_segments(horiz, 0, region, _row_piece_min(x1 - x0)), tol)
    xs = _cluster(_segments(vert, 1, region, _column_piece_min(y1 - y0)), tol)
    if len(ys) < MIN_ROWS + 1 or len(xs) < MIN_COLS + 1:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and _covered(vert, xs[c + 1], ys[r], ys[r + 1], horizontal=False) < BORDER_COVERAGE:
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and _covered(horiz, ys[r + 1], xs[c], xs[c + 1], horizontal=True) < BORDER_COVERAGE:
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for members in groups.values():
        rs = [m[0] for m in members]
        cs = [m[1] for m in members]
        cells.append((min(rs), min(cs), max(rs) - min(rs) + 1, max(cs) - min(cs) + 1))
    cells.sort()
    return Grid(bbox=(xs[0], ys[0], xs[-1], ys[-1]), ys=ys, xs=xs, cells=cells, rules=rules)


MIN_RULE_SHARE = 0.05  # of the page width: the longest horizontal rule a page must have to be searched for tables


def may_have_rules(grey: np.ndarray) -> bool:
    """Cheap test on a half-size copy: is there any horizontal ink run of 5 % of the page width?

    A ruled table of at least 20 % of the page width has such rules (at least its top and bottom);
    running text has none (the short rule under an official header does pass, and the full search
    then finds no grid). Most body pages thus skip the full search (~70 ms at 200 dpi).
    """
    small = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = _ink(small)
    run = max(3, int(MIN_RULE_SHARE * small.shape[1]))
    return bool(cv2.countNonZero(cv2.erode(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))))


MIN_GRID_SHARE = 0.2  # of the page width: the narrowest rule cluster searched for a grid
MIN_GRID_HEIGHT_SHARE = 0.04  # of the page height: the shortest rule cluster searched for a grid


def _fewer_boundaries_than(mask: np.ndarray, axis: int, min_len: int, boundaries: int) -> bool:
    """No grid can come out of these rules: they give fewer than `boundaries` row (axis 0,
    horizontal rules) or column (axis 1, vertical rules) boundaries in any region.

    The caller must pass a `min_len` no longer than the shortest piece `_grid_in` counts in any region
    find_grids may search (`_row_piece_min` / `_column_piece_min` of the smallest region); a larger
    one is unsound and drops tables. Then each piece `_grid_in` counts lies inside a component of the
    whole mask at least `min_len` long, and its centre within that component's rows (columns).
    `_cluster` splits positions only where two neighbours are more than CLUSTER_TOL apart, so
    positions all within (boundaries - 1) * CLUSTER_TOL make fewer than `boundaries`.
    """
    first = None
    for lo, hi in _bands(mask.any(axis=1 - axis)):
        n, _, stats, _ = components(np.ascontiguousarray(mask[lo:hi] if axis == 0 else mask[:, lo:hi]))
        length, start, size = ((cv2.CC_STAT_WIDTH, cv2.CC_STAT_TOP, cv2.CC_STAT_HEIGHT) if axis == 0
                               else (cv2.CC_STAT_HEIGHT, cv2.CC_STAT_LEFT, cv2.CC_STAT_WIDTH))
        long = stats[1:][stats[1:, length] >= min_len]
        if len(long):
            first = lo + int(long[:, start].min()) if first is None else first  # bands come in order
            last = lo + int((long[:, start] + long[:, size]).max()) - 1
            if last - first > (boundaries - 1) * CLUSTER_TOL:
                return False
    return True


def find_grids(grey: np.ndarray) -> list[Grid]:
    """Every ruled table on the page (at least 2x2 cells), top to bottom."""
    return _search(grey)[1]


def _search(grey: np.ndarray) -> tuple[str, list[Grid]]:
    """find_grids' answer and where its search ended: "no long rule" (may_have_rules), "columns" or
    "rows" (rules too close together for three boundaries), or "searched" (the rules were joined)."""
    if not may_have_rules(grey):
        return "no long rule", []
    # Most pages that pass hold only an official header's short rules: no vertical rules, or their
    # rules too close together for three boundaries. A region is at least MIN_GRID_SHARE of the page
    # wide and of any height, which bounds the pieces _grid_in counts in it from below.
    ink = _ink(grey)
    g = _glyph_height(ink)
    vert = _vertical_rules(ink, g)
    if _fewer_boundaries_than(vert, 1, _column_piece_min(0), MIN_COLS + 1):
        return "columns", []
    horiz = _horizontal_rules(ink, g)
    del ink
    h, w = grey.shape
    if _fewer_boundaries_than(horiz, 0, _row_piece_min(int(w * MIN_GRID_SHARE)), MIN_ROWS + 1):
        return "rows", []
    rules = cv2.bitwise_or(horiz, vert)
    joined = cv2.dilate(rules, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, _, stats, _ = components(joined)
    grids = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w * MIN_GRID_SHARE or bh < h * MIN_GRID_HEIGHT_SHARE:
            continue
        grid = _grid_in((x, y, x + bw, y + bh), horiz, vert, rules)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return "searched", grids


STAMP_MAX_MM = (75.0, 30.0)  # the largest ruled box taken for a stamp's: the portal's received-stamp is about 56 x 18 mm
STAMP_MAX_WIDTH_SHARE = 0.4  # ... and never wider than this share of the page
STAMP_TOP_SHARE = 1 / 3  # its top in the page's top third, where received-stamps are put
STAMP_MAX_ROWS = 4  # a stamp's box has one or two rows, a tilt or a rule it touches adds some; its columns are not
# counted: the header's print under the box adds upright strokes the grid takes for column rules


def stamp_box(grid: Grid, shape: tuple[int, ...], dpi: float | None = None) -> bool:
    """A small ruled box high on the page: a received-stamp's (the e-government portal's 'CỔNG THÔNG TIN ĐIỆN TỬ
    CHÍNH PHỦ' / 'ĐẾN' / 'Giờ: … Ngày: …') more than a table. Stamped over the header at times, it only partly
    covers the header's lines, or stands just above or beside them: those are the page's lines to read, not
    its cells' (the cells still hold the stamp's own text)."""
    h, w = shape[:2]
    px = (dpi or w / 8.27) / 25.4  # unknown resolution: an A4 page's width
    x0, y0, x1, y1 = grid.bbox
    return ((x1 - x0) <= min(STAMP_MAX_MM[0] * px, STAMP_MAX_WIDTH_SHARE * w) and (y1 - y0) <= STAMP_MAX_MM[1] * px
            and y0 < STAMP_TOP_SHARE * h and len(grid.ys) - 1 <= STAMP_MAX_ROWS)


def erase_stamp_rules(grey: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """A page whose only grids are stamps' boxes (`stamp_box`), to be read whole, the boxes' rules painted
    paper-coloured: only the rule pieces touching each box, so the page's other rules (an official header's)
    stay as they are on a page without a stamp.

    Why whole: cut into bands above, beside and below the box, as a table's page is, the header's lines
    beside the box and just under it (the number, a V/v subject, the place-date line) are cut through and
    lost; and blanked, the box takes with it the marks of a line its edge touches. The stamp's own words
    are then taken out of the page's lines (fill_cells): its cells hold them."""
    if not grids:
        return grey
    erased = grey.copy()
    n, labels, stats, _ = components(grids[0].rules)  # every grid shares the same full-page mask
    paper = paper_grey(grey)
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if any(x < g.bbox[2] and x + bw > g.bbox[0] and y < g.bbox[3] and y + bh > g.bbox[1] for g in grids):
            sub = labels[y : y + bh, x : x + bw] == i
            erased[y : y + bh, x : x + bw][sub] = paper
    return erased


def erase_rules(grey: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """Paint the ruling lines paper-coloured: Tesseract reads cell text better without boxes around it."""
    out = grey.copy()
    paper = paper_grey(grey)
    for g in grids:
        out[g.rules > 0] = paper
        break  # every grid shares the same full-page mask
    return out


BLANK_PAD = (3, 4)  # pixels blank_tables paints beyond a table's box: before, after


def blank_tables(grey: np.ndarray, grids: list[Grid]) -> np.ndarray:
    out = grey.copy()
    paper = paper_grey(grey)
    for g in grids:
        x0, y0, x1, y1 = g.bbox
        out[max(0, y0 - BLANK_PAD[0]) : y1 + BLANK_PAD[1], max(0, x0 - BLANK_PAD[0]) : x1 + BLANK_PAD[1]] = paper
    return out


MIN_TEXT_HEIGHT_IN = 0.03  # an ink blob this tall (inches) may be text; scan specks are smaller


def outside_text(grey: np.ndarray, grids: list[Grid], dpi: float | None = None) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """What of a table page is still to be read as text: an image and its rectangles (x0, y0, x1, y1)
    in reading order. `grey` is the page with its rules erased and its tables' text still in; `grids` are
    its tables (a stamp's box is none: erase_stamp_rules says why).

    The rectangles are the full-width bands above, between and below the tables and the strips beside
    them, each only where it holds a blob of ink at least text-sized; in the image the tables are
    blanked and the paper is flattened to white. Tables side by side leave the whole blanked page.

    Why: the tables are read cell by cell, and what is left is a title or a page number on blank paper.
    Tesseract binarizes each image with one Otsu threshold, which on blank scanned paper falls inside
    the paper's own grain and turns it into thousands of specks for its layout analysis to sort (a
    200 x 2,339 px strip of blank margin cost 0.09-0.12 s, the blanked landscape page ≈0.2 s), and
    which, on a band holding only a page number, no longer separates the number from the grain. The
    threshold found on the whole page, tables included, does: paper above it is made white.
    """
    h, w = grey.shape
    before, after = BLANK_PAD
    blanked = blank_tables(grey, grids)
    boxes = sorted((max(0, g.bbox[1] - before), min(h, g.bbox[3] + after), max(0, g.bbox[0] - before), min(w, g.bbox[2] + after))
                   for g in grids)
    if any(b[0] < a[1] for a, b in zip(boxes, boxes[1:])):
        return blanked, [(0, 0, w, h)]  # tables overlap in height: the space beside the shorter one is no band
    threshold, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    min_height = MIN_TEXT_HEIGHT_IN * (dpi or 300)
    candidates: list[tuple[int, int, int, int]] = []
    top = 0
    for y0, y1, x0, x1 in boxes:
        candidates += [(0, top, w, y0), (0, y0, x0, y1), (x1, y0, w, y1)]
        top = y1
    candidates.append((0, top, w, h))
    regions = [r for r in candidates if r[2] > r[0] and r[3] > r[1] and _holds_text(ink[r[1]:r[3], r[0]:r[2]], min_height)]
    flat = np.arange(256, dtype=np.uint8)
    flat[int(threshold) + 1 :] = 255
    return cv2.LUT(blanked, flat), regions


def _holds_text(ink: np.ndarray, min_height: float) -> bool:
    if not ink.any():
        return False
    _, _, stats, _ = components(ink)
    return bool((stats[1:, cv2.CC_STAT_HEIGHT] >= min_height).any())


def _has_ink(crop: np.ndarray) -> bool:
    """At least 12 pixels darker than the crop's 90th percentile less 80: both read off one histogram
    (the pixels under a level t are those up to ceil(t) - 1), not a second pass over the crop."""
    if crop.size == 0:
        return False
    counts = np.cumsum(np.bincount(crop.ravel(), minlength=256))
    dark = math.ceil(percentile_u8(counts, 90) - 80) - 1
    return dark >= 0 and int(counts[dark]) >= 12


def _text_of(words: list[Word]) -> str:
    """Words of one cell in reading order: cluster into visual lines by centre y, then left to right."""
    if not words:
        return ""
    if any(any(ch.isalnum() for ch in w.text) for w in words):
        # a lone mark beside real text in a cell is dust or a rule remnant, not content
        words = [w for w in words if any(ch.isalnum() for ch in w.text)]
    words = sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    lines: list[list[Word]] = []
    for w in words:
        cy, hgt = (w.bbox[1] + w.bbox[3]) / 2, w.bbox[3] - w.bbox[1]
        if lines:
            last = lines[-1]
            ly = sum((x.bbox[1] + x.bbox[3]) / 2 for x in last) / len(last)
            if abs(cy - ly) < max(6, 0.5 * hgt):
                last.append(w)
                continue
        lines.append([w])
    return " ".join(" ".join(x.text for x in sorted(line, key=lambda x: x.bbox[0])) for line in lines)


def _clear_edges(crop: np.ndarray, paper: int) -> np.ndarray:
    """Remove ink touching the crop's edge: leftovers of the ruling lines, never cell text (cells have padding)."""
    _, mask = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if not mask.any():
        return crop
    n, labels, stats, _ = components(mask)
    h, w = mask.shape
    out = crop.copy()
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            out[labels == i] = paper
    return out


def _ocr_cells(image: np.ndarray, boxes: list[tuple[int, int, int, int]], options, dpi: float | None = None) -> list[list[Word]]:
    """OCR many cell crops in one Tesseract call by stacking them vertically; words mapped back to page space.

    The stack is enlarged to ~300 dpi first: table text is smaller than body text,
    and Tesseract misreads short tokens like "(3)" at 200 dpi.
    """
    inset = 5
    paper = paper_grey(image)
    crops, keep = [], []
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        crop = image[y0 + inset : y1 - inset, x0 + inset : x1 - inset]
        if _has_ink(crop):
            crop = _clear_edges(crop, paper)
            if _has_ink(crop):
                crops.append(crop)
                keep.append(i)
    result: list[list[Word]] = [[] for _ in boxes]
    if not crops:
        return result
    width = max(c.shape[1] for c in crops) + 2 * STACK_GAP
    height = sum(c.shape[0] + STACK_GAP for c in crops) + STACK_GAP
    stack = np.full((height, width), paper, dtype=np.uint8)
    spans = []
    y = STACK_GAP
    for crop in crops:
        stack[y : y + crop.shape[0], STACK_GAP : STACK_GAP + crop.shape[1]] = crop
        spans.append((y, y + crop.shape[0]))
        y += crop.shape[0] + STACK_GAP
    scale = CELL_DPI / dpi if dpi and dpi < CELL_DPI * 0.9 else 1.0
    if scale != 1.0:
        stack = enlarge(stack, scale)
    data = tesseract.image_data(stack, lang=options.lang, psm=6, timeout=options.timeout_s, dpi=(dpi or CELL_DPI) * scale)
    if scale != 1.0:
        for key in ("left", "top", "width", "height"):
            data[key] = [v / scale for v in data[key]]
    starts = [s for s, _ in spans]
    for k, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or layout.is_junk(text, float(data["conf"][k])):
            continue
        left, top, w, h = data["left"][k], data["top"][k], data["width"][k], data["height"][k]
        cy = top + h / 2
        idx = int(np.searchsorted(starts, cy, side="right")) - 1
        if idx < 0 or cy > spans[idx][1] + STACK_GAP / 2:
            continue
        bi = keep[idx]
        bx0, by0 = boxes[bi][0] + inset - STACK_GAP, boxes[bi][1] + inset - spans[idx][0]
        conf = float(data["conf"][k])
        bbox = tuple(round(v, 1) for v in (left + bx0, top + by0, left + w + bx0, top + h + by0))
        result[bi].append(Word(text=text, bbox=bbox, conf=conf if conf >= 0 else None))
    return result


def fill_cells(grids: list[Grid], lines: list[Line], image: np.ndarray, page: int, options, dpi: float | None = None,
               confs: list[float] | None = None, stamps: list[Grid] = ()) -> tuple[list[Table], list[Line]]:
    """Tables with per-cell text; page lines that fall inside a table are dropped (the table holds them), and
    the words of `stamps` (those of `grids` that are stamps' boxes, `stamp_box`, whose boxes the page pass read)
    are taken out of the lines that hold them.

    `confs`, when given, receives the confidence of every cell word (cells keep only text).
    """
    tables = []
    for g in grids:
        boxes = [g.cell_box(*cell) for cell in g.cells]
        words = _ocr_cells(image, boxes, options, dpi)
        if confs is not None:
            confs.extend(w.conf for ws in words for w in ws if w.conf is not None)
        cells = [
            Cell(row=r, col=c, row_span=rs, col_span=cs, text=_text_of(ws), bbox=tuple(float(v) for v in box))
            for (r, c, rs, cs), box, ws in zip(g.cells, boxes, words)
        ]
        tables.append(Table(page=page, bbox=tuple(float(v) for v in g.bbox), rows=len(g.ys) - 1, cols=len(g.xs) - 1, cells=cells, source="ruling-lines"))
    boxes = [g.bbox for g in stamps]
    kept = []
    for line in lines:
        if any(layout.centre_in(line.bbox, g.bbox) for g in grids if not any(g is s for s in stamps)):
            continue
        if boxes and (line := _off_stamps(line, boxes)) is None:
            continue
        kept.append(line)
    return tables, kept


def _off_stamps(line: Line, stamps: list[tuple[int, int, int, int]]) -> Line | None:
    """The line without the words a stamp's box holds (read in the page pass, as the box is not blanked), or
    None where it has no other: a header line the box only partly covers keeps its words outside the box.
    A word is the stamp's where its middle lies inside the box; a line just above the box (an issuer's line
    the box's top rule touches) keeps its words."""
    if _within(line.bbox, stamps):
        return None

    def stamp_word(w) -> bool:
        cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
        return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in stamps)

    words = [w for w in line.words if not stamp_word(w)]
    if len(words) == len(line.words):
        return line
    return layout.make_line(words, line.block).model_copy(update={"role": line.role}) if words else None


def _within(box, frames, slack: float = 0.1) -> bool:
    """The line lies in a stamp's box (its own line, which its cells hold): its middle height inside, and no
    more than `slack` of its width outside. A header line the box only partly covers runs on past it."""
    return any(frame[1] <= (box[1] + box[3]) / 2 <= frame[3]
               and min(box[2], frame[2]) - max(box[0], frame[0]) >= (1 - slack) * (box[2] - box[0]) for frame in frames)
