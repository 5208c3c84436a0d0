"""The signature block read again where the page pass found nothing above the signer's name.

Tesseract's layout analysis may take a signature block, with the seal and the signature over it,
for a picture and read nothing of it but the name below: the authority and post lines are lost.
Where the page's foot ('Nơi nhận:' at the left) has nothing in its right half from the label's row
down for GAP line heights, that zone is read again as one block of text. Its lines are kept apart,
as role "stamp" lines like the seals' readings: the parsers take from them only an authority or a
post of a known form, and doubt it. What the page pass read in the zone (low-confidence lines it
tagged stamp) gives way to the re-read, so no line is in the ALTO file or the PDF's text twice.

Before that, `read_apart` reads the foot's two columns (the recipients at the left, the signature
block at the right) each on its own: the page pass takes them for one block, and as their rows,
set in different sizes and pitches, drift apart a row of one column falls between two of the other
and is merged into one or dropped (a signer's post, with the recipient level with it).
"""

from __future__ import annotations

import re

import numpy as np

from vnresolve.ingest import colour, tesseract
from vnresolve.ingest.layout import centre_in, fold, group_words, number_after
from vnresolve.ingest.options import IngestOptions
from vnresolve.ingest.unsure import UNSURE_CONF
from vnresolve.schemas import Line

# 'Nơi nhận:', its first letter often misread ('với nhận:', 'IVơi nhận:')
_LABEL = re.compile(r"^\W*[a-z]{1,2}[o6u][i1]\s+nh[a-z0-9]{1,2}n\s*:")
GAP = 3.0  # line heights of nothing in the right half below the label's row: the block's top lines were lost
ZONE = 10.0  # line heights read below the label's row where the right half has nothing at all below it
BLOCK_PSM = 6  # the zone is one block of centred lines


def reread(grey: np.ndarray, lines: list[Line], dpi: float | None, options: IngestOptions,
           stamps: list[tuple[int, int, int, int]] = ()) -> list[Line]:
    """The page pass's `lines` with the signature block read again, role "stamp", in place of the
    lines other than body text it read in the zone (`lines` unchanged where it read the block).
    Given the page pass's lines only: a seal read from the colour layer is no reading of the zone.
    `stamps`: the boxes of the coloured ink dropped from the page (colour.without_ghosts), in its pixels."""
    height, width = grey.shape
    body = [line for line in lines if line.role == "body"]
    label = _label(body, width)
    if label is None:
        return lines
    h = label.bbox[3] - label.bbox[1]
    if h <= 0:  # a label with no height gives no zone to read (Tesseract refuses an empty image)
        return lines
    top = _top(label)
    first = min((line.bbox[1] for line in body if line.bbox[0] >= 0.5 * width and line.bbox[3] > top), default=None)
    if first is not None and first - label.bbox[1] < GAP * h:
        return lines
    bottom = first - 0.2 * h if first is not None else label.bbox[3] + ZONE * h
    zone = (int(0.5 * width), max(0, int(top)), width, min(height, int(bottom)))
    if zone[3] - zone[1] < 2 * h:
        return lines
    # told the resolution: a few lines are too little text for Tesseract to size them by
    data = tesseract.regions_data(grey, [zone], lang=options.lang, psm=BLOCK_PSM, timeout=options.timeout_s, dpi=dpi)
    # a seal's faded strokes over the block, left by the dropout, are read as ink by a binarisation of the
    # zone; cleared of them it is read again, and that reading kept only where it reads more letters surely
    # (print in the block paler than the page's may go with the ghost)
    seals = [box for box in stamps if box[0] < zone[2] and box[2] > zone[0] and box[1] < zone[3] and box[3] > zone[1]]
    if seals:
        cleared = tesseract.regions_data(colour.without_ghosts(grey, seals), [zone], lang=options.lang, psm=BLOCK_PSM,
                                         timeout=options.timeout_s, dpi=dpi)
        if _sure_letters(cleared) > _sure_letters(data):
            data = cleared
    kept = [line for line in lines if line.role == "body" or not centre_in(line.bbox, zone, half_open=True)]
    return kept + number_after([line.model_copy(update={"role": "stamp"}) for line in group_words(data)], lines)


def _sure_letters(data: dict[str, list]) -> int:
    """Letters in the words of two letters or more of a Tesseract word table read with confidence
    UNSURE_CONF or more: a seal's specks read surely are single letters, a post read surely is words."""
    counts = (sum(c.isalpha() for c in text or "") for text, conf in zip(data.get("text", []), data.get("conf", []))
              if float(conf) >= UNSURE_CONF)
    return sum(n for n in counts if n >= 2)


def _label(lines: list[Line], width: int) -> Line | None:
    """The 'Nơi nhận:' label among `lines`: in the page's left half."""
    return next((line for line in lines if line.bbox[2] < 0.5 * width and _LABEL.match(fold(line.text))), None)


def _top(label: Line) -> float:
    """Where the foot starts: the authority line stands level with the label, or a row above it."""
    return label.bbox[1] - 1.5 * (label.bbox[3] - label.bbox[1])


def read_apart(grey: np.ndarray, lines: list[Line], tables: list[tuple[float, ...]], dpi: float | None,
               options: IngestOptions) -> list[Line]:
    """The page pass's `lines` with the foot, from the 'Nơi nhận:' label's row down, read again as two
    regions split at the gutter between its columns, and the two readings merged row by row: a row the
    page pass read unsure (mean confidence under UNSURE_CONF) gives way to a surer reading apart, a row
    it lost is taken from the reading apart where read sure, the rest stays as the page pass read it (`lines` unchanged
    where no label, no gutter that no line crosses, or a table reaching into the foot)."""
    height, width = grey.shape
    label = _label(lines, width)
    if label is None or label.bbox[3] <= label.bbox[1]:
        return lines
    top = max(0, int(_top(label)))
    if any(box[3] > top for box in tables):
        return lines
    foot = [line for line in lines if (line.bbox[1] + line.bbox[3]) / 2 >= top]
    left = [line.bbox[2] for line in foot if line.bbox[0] < 0.5 * width]
    right = [line.bbox[0] for line in foot if line.bbox[0] >= 0.5 * width]
    if not right or max(left) >= min(right):  # a line across the gutter: no two columns to read apart
        return lines
    split = int((max(left) + min(right)) / 2)
    data = tesseract.regions_data(grey, [(0, top, split, height), (split, top, width, height)], lang=options.lang,
                                  psm=options.psm, timeout=options.timeout_s, dpi=dpi)
    apart = number_after(group_words(data), lines)

    def same_row(a: Line, b: Line) -> bool:
        side = ((a.bbox[0] + a.bbox[2]) / 2 < split) == ((b.bbox[0] + b.bbox[2]) / 2 < split)
        overlap = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
        return side and overlap > 0.5 * min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])

    def fragment(p: Line, a: Line) -> bool:
        """p is a piece of a's row: a mark or a speck the page pass made a line of, inside a's box and
        under half its height (the marks over a 1-bit capitals line read apart from their letters)."""
        return centre_in(p.bbox, a.bbox) and p.bbox[3] - p.bbox[1] < 0.5 * (a.bbox[3] - a.bbox[1])

    # only a sure reading apart is taken: what the page pass left out or read unsure may be dust or ink;
    # and a sure reading is not swapped for one a point surer (the two differ then in a mark at random)
    sure = [a for a in apart if (a.conf or 0) >= UNSURE_CONF]
    kept = [p for p in foot if (p.conf or 0) >= UNSURE_CONF or not any(same_row(a, p) and a.conf > (p.conf or 0) for a in sure)]
    # a piece of a row holds no row: it neither keeps the row's reading apart out nor stays beside it
    found = [a for a in sure if not any(same_row(a, p) and not fragment(p, a) for p in kept)]
    kept = [p for p in kept if not any(fragment(p, a) for a in found)]
    return [line for line in lines if (line.bbox[1] + line.bbox[3]) / 2 < top] + kept + found
