"""Colour dropout: red and blue seals, stamps and ink signatures taken off the black print.

An office scan is printed black and stamped, signed and filled in with red or blue ink. Turned
into grey by luminance, a red seal is as dark as print: Tesseract reads its ring as words and loses
the lines it covers. Here every pixel of clearly coloured ink is painted paper before the page goes
grey; black print over the seal is dark in every channel and stays. The coloured ink is kept apart
as a stamp layer, so its regions can still be read as what they are (`role="stamp"` lines).

Method (chosen on the real colour pages of benchmarks/bench_realpages.py and the generated seal
pages of benchmarks/scangen.py, against a plain luminance, the maximum channel, an HSV saturation
mask and a max-minus-min chroma): a pixel is coloured ink when its CIELAB chroma is at least
CHROMA_MIN and its brightest channel is not dark. LAB chroma is the one measure that treats red and blue alike and
leaves the neutral greys of print and yellowed paper alone. A coarse phone-grade JPEG (60-100 dpi)
stores its colour at half that resolution and mixes a thin stroke's tint with the paper's: a seal's
inner ring and rim letters, a pixel or two wide, fall under CHROMA_MIN while still dark, and were
read as body words. On a page that coarse (THIN_INK_MM under CHROMA_BLOCK_PX) a pixel joined to
clearly coloured ink is therefore ink as well where it is tinted at all (WEAK_CHROMA) and its colour
stands off the paper's by as much, unless it borders print's dark core (print's edges over a seal are
tinted too): neutral print and the paper round the seal stay. On finer pages the strokes keep their
colour, and the tinted pixels round print under a seal are its tone marks (harsh 150 dpi scans with a
seal over the text lost marks to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

CHROMA_MIN = 25  # CIELAB chroma (a*, b* in OpenCV's 8-bit scale): seal and ballpoint ink 40-90, print under 10
# chroma, and distance in (a*, b*) from the paper's colour, of a thin stroke's pixel joined to clear ink: a
# 70 dpi JPEG's seal ring 10-25, print on yellowed paper 2-6 off the paper (its chroma the paper's, ~13)
WEAK_CHROMA = 12
THIN_INK_MM = 0.4  # the strokes of a seal's rim letters (3-3.5 mm capitals) and its inner ring
CHROMA_BLOCK_PX = 2  # a JPEG's colour is stored per 2 x 2 pixels (4:2:0, phones' and most scanners')
DARK_MAX = 100  # a pixel whose brightest channel is below this is print (black over a seal keeps a tint)
COLOURED_MIN_SHARE = 0.0005  # a page with fewer coloured pixels than this has nothing to drop (a stray tint)
BAND_ROWS = 512  # rows converted at a time: the LAB copy of a 300 dpi A4 page would be ~26 MB, a band ~3.8 MB
TILE = 256  # the full-resolution mask is made only in tiles where a quarter-size copy shows colour
STAMP_MIN_MM = 3.0  # a coloured region at least this wide and tall is a stamp, seal, signature or hand-filled digit
STAMP_JOIN_MM = 3.0  # coloured strokes this close belong to one stamp (a worn seal breaks into pieces)


@dataclass
class Separated:
    grey: np.ndarray  # uint8 page with coloured ink painted paper
    ink: np.ndarray | None = None  # uint8 stamp layer: the coloured ink black on white (None: none on the page)

    def stamps(self, dpi: float | None) -> list[tuple[int, int, int, int]]:
        """(x0, y0, x1, y1) of the coloured regions, sized by the page's resolution (judged once the
        print is apart from the coloured ink: preprocess.page_resolution)."""
        return stamp_regions(255 - self.ink, dpi) if self.ink is not None else []


def images_in_colour(images: list[dict]) -> bool:
    """Whether a PDF page's images (pdfplumber's `page.images`) may hold colour: False only when
    every one is grey or 1-bit, and the page is then rendered grey (a colour render of a 1-bit
    scan cost 0.1-0.25 s a page for nothing). A page without images is rendered in colour."""
    if not images:
        return True
    for im in images:
        space = im.get("colorspace") or []
        names = {str(getattr(s, "name", s)).strip("/'") for s in (space if isinstance(space, list) else [space])}
        if im.get("bits") != 1 and not im.get("imagemask") and not names <= {"DeviceGray", "CalGray"}:
            return True
    return False


def coloured_mask(rgb: np.ndarray, paper: tuple[int, int] | None = None) -> np.ndarray:
    """255 where a pixel is clearly coloured ink (see the module doc), 0 elsewhere; with the paper's
    (a*, b*) given, 128 where it is only tinted (WEAK_CHROMA, off the paper's colour by as much)."""
    out = np.empty(rgb.shape[:2], dtype=np.uint8)
    for y in range(0, rgb.shape[0], BAND_ROWS):
        band = np.ascontiguousarray(rgb[y:y + BAND_ROWS])
        lab = cv2.cvtColor(band, cv2.COLOR_RGB2LAB)
        a = lab[..., 1].astype(np.int16) - 128
        b = lab[..., 2].astype(np.int16) - 128
        chroma_sq = a * a + b * b
        bright = band.max(axis=2) > DARK_MAX  # pure blue ink is as dark as grey print in L*, not in its channel
        strong = (chroma_sq >= CHROMA_MIN * CHROMA_MIN) & bright
        if paper is None:
            out[y:y + BAND_ROWS] = strong * np.uint8(255)
            continue
        da, db = a - paper[0], b - paper[1]
        weak = bright & (chroma_sq >= WEAK_CHROMA * WEAK_CHROMA) & (da * da + db * db >= WEAK_CHROMA * WEAK_CHROMA)
        out[y:y + BAND_ROWS] = np.where(strong, np.uint8(255), weak * np.uint8(128))
    return out


def _paper_colour(rgb: np.ndarray) -> tuple[int, int]:
    """The paper's (a*, b*): the median over the brightest tenth of a sample of the page."""
    sample = np.ascontiguousarray(rgb[::8, ::8])
    lab = cv2.cvtColor(sample, cv2.COLOR_RGB2LAB).reshape(-1, 3)
    light = lab[lab[:, 0] >= np.percentile(lab[:, 0], 90)]
    return int(np.median(light[:, 1])) - 128, int(np.median(light[:, 2])) - 128


def _tiled_mask(rgb: np.ndarray, coarse: np.ndarray, tinted: bool = False) -> np.ndarray:
    """`coloured_mask` at full resolution, worked out only in the tiles where the quarter-size mask
    (dilated a little, for strokes it skipped) has colour: a seal and a stamp cover a few per cent
    of a page, and the LAB conversion of all of it took ~0.9 s. 255 where clearly coloured; with
    `tinted`, 128 where tinted and joined to clear ink (8-connected, through tinted pixels)."""
    near = cv2.dilate(coarse, np.ones((5, 5), np.uint8))
    mask = np.zeros(rgb.shape[:2], dtype=np.uint8)
    paper = _paper_colour(rgb) if tinted else None
    step = TILE // 4
    for ty in range(0, near.shape[0], step):
        for tx in range(0, near.shape[1], step):
            if near[ty:ty + step, tx:tx + step].any():
                y, x = ty * 4, tx * 4
                mask[y:y + TILE, x:x + TILE] = coloured_mask(rgb[y:y + TILE, x:x + TILE], paper)
    if not tinted:
        return mask
    n, labels, _, _ = cv2.connectedComponentsWithStats((mask > 0) * np.uint8(255), connectivity=8)
    joined = np.zeros(n, dtype=bool)
    joined[labels[mask == 255]] = True
    joined[0] = False
    return np.where(mask == 255, mask, joined[labels] * np.uint8(128))


def _as_rgb(image: Image.Image | np.ndarray) -> np.ndarray | None:
    if isinstance(image, np.ndarray):
        return image if image.ndim == 3 and image.shape[2] == 3 else None
    if image.mode == "RGB":
        return np.asarray(image)
    return None


def separate(image: Image.Image | np.ndarray, print_dpi: Callable[[np.ndarray], float | None] | None = None) -> Separated:
    """The page in grey with its coloured ink dropped, and where that ink was. `print_dpi`: the
    resolution the page's print implies (preprocess.text_dpi), asked of a page with colour only.

    A greyscale image, or a colour one with (almost) no coloured pixel, is only turned grey."""
    from vnresolve.ingest.preprocess import paper_grey, to_grey

    rgb = _as_rgb(image)
    if rgb is None:
        return Separated(grey=to_grey(image))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    coarse = coloured_mask(rgb[::4, ::4])
    if np.count_nonzero(coarse) < COLOURED_MIN_SHARE * coarse.size:
        return Separated(grey=grey)
    dpi = print_dpi(grey) if print_dpi is not None else None
    mask = _tiled_mask(rgb, coarse, tinted=dpi is not None and THIN_INK_MM * dpi / 25.4 < CHROMA_BLOCK_PX)
    # Anti-aliased seal edges are paler than the ink: the ring round each coloured pixel goes too,
    # unless it is as dark as print. A coloured pixel itself stays when nearly black: print and ink
    # overlapping (measured on the real seal pages: WER 8.87 % keeping all dark ones, 9.41 % keeping
    # none, 8.60 % this way); so does a tinted one beside such a pixel.
    dark = _dark_level(grey)
    strong = (mask == 255) * np.uint8(255)
    lighter = (grey > dark // 2) * np.uint8(255)
    beside_print = cv2.dilate(255 - lighter, np.ones((3, 3), np.uint8))
    tinted = ((mask == 128) * np.uint8(255)) & ~beside_print
    around = cv2.dilate(strong, np.ones((3, 3), np.uint8)) | ((mask == 128) * np.uint8(255))
    mask = (around & ((grey > dark) * np.uint8(255))) | ((strong | tinted) & lighter)
    paper = paper_grey(grey)
    grey[mask > 0] = paper
    ink = np.full_like(grey, 255)
    ink[mask > 0] = 0
    return Separated(grey=grey, ink=ink)


def without_ghosts(grey: np.ndarray, stamps: list[tuple[int, int, int, int]]) -> np.ndarray:
    """`grey` (the page with its coloured ink dropped) with paper painted, inside each stamp's box, over
    every pixel lighter than print's dark core (`_dark_level`, from the page's own ink and paper) and not
    beside it: a seal's faded strokes, under CHROMA_MIN, stay behind as a pale grey ghost that Tesseract's
    own binarisation of a small region keeps as ink (a signer's post under a seal read as noise); print
    under the seal keeps its core and the pixels round it."""
    from vnresolve.ingest.preprocess import paper_grey

    out = grey.copy()
    dark = _dark_level(grey)
    paper = paper_grey(grey)
    for x0, y0, x1, y1 in stamps:
        region = out[y0:y1, x0:x1]
        beside = cv2.dilate((region <= dark) * np.uint8(255), np.ones((3, 3), np.uint8)) > 0
        region[~beside & (region < paper)] = paper
    return out


def _dark_level(grey: np.ndarray) -> int:
    """Grey level below which a pixel is print: a third of the way from the ink to the paper."""
    ink, paper = np.percentile(grey[::8, ::8], (1, 90))
    return int(ink + (paper - ink) / 3)


def stamp_regions(mask: np.ndarray, dpi: float | None) -> list[tuple[int, int, int, int]]:
    """Boxes of the coloured regions big enough to be a seal, stamp or signature, top to bottom
    (found on a quarter-size copy: a full-size labelling took ~0.1 s of a page)."""
    h, w = mask.shape
    small = (cv2.resize(mask, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA) > 0) * np.uint8(255)
    px_mm = (dpi or 300) / 25.4 / 4
    join = max(3, int(round(STAMP_JOIN_MM * px_mm)))
    joined = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (join, join)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    least = STAMP_MIN_MM * px_mm
    boxes = [(int(4 * x), int(4 * y), min(w, int(4 * (x + bw))), min(h, int(4 * (y + bh))))
             for x, y, bw, bh, _ in stats[1:] if bw >= least and bh >= least]
    return sorted(boxes, key=lambda b: (b[1], b[0]))
