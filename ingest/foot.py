"""The signature block read again where the page pass found nothing above the signer's name.

Tesseract's layout analysis may take a signature block, with the seal and the signature over it,
for a picture and read nothing of it but the name below: the authority and post lines are lost.
Where the page's foot ('Nơi nhận:' at the left) has nothing in its right half from the label's row
down for GAP line heights, that zone is read again as one block of text. Its lines are kept apart,
as role "stamp" lines like the seals' readings: the parsers take from them only an authority or a
post of a known form, and doubt it. What the page pass read in the zone (low-confidence lines it
tagged stamp) gives way to the re-read, so no line is in the ALTO file or the PDF's text twice.
"""

from __future__ import annotations

import re

import numpy as np

from vnresolve.ingest import tesseract
from vnresolve.ingest.layout import fold, group_words
from vnresolve.ingest.options import IngestOptions
from vnresolve.schemas import Line

# 'Nơi nhận:', its first letter often misread ('với nhận:', 'IVơi nhận:')
_LABEL = re.compile(r"^\W*[a-z]{1,2}[o6u][i1]\s+nh[a-z0-9]{1,2}n\s*:")
GAP = 3.0  # line heights of nothing in the right half below the label's row: the block's top lines were lost
ZONE = 10.0  # line heights read below the label's row where the right half has nothing at all below it
BLOCK_PSM = 6  # the zone is one block of centred lines


def reread(grey: np.ndarray, lines: list[Line], dpi: float | None, options: IngestOptions) -> list[Line]:
    """The page pass's `lines` with the signature block read again, role "stamp", in place of the
    lines other than body text it read in the zone (`lines` unchanged where it read the block).
    Given the page pass's lines only: a seal read from the colour layer is no reading of the zone."""
    height, width = grey.shape
    body = [line for line in lines if line.role == "body"]
    label = next((line for line in body if line.bbox[2] < 0.5 * width and _LABEL.match(fold(line.text))), None)
    if label is None:
        return lines
    h = label.bbox[3] - label.bbox[1]
    if h <= 0:  # a label with no height gives no zone to read (Tesseract refuses an empty image)
        return lines
    top = label.bbox[1] - 1.5 * h  # the authority line stands level with the label, or a row above it
    first = min((line.bbox[1] for line in body if line.bbox[0] >= 0.5 * width and line.bbox[3] > top), default=None)
    if first is not None and first - label.bbox[1] < GAP * h:
        return lines
    bottom = first - 0.2 * h if first is not None else label.bbox[3] + ZONE * h
    zone = (int(0.5 * width), max(0, int(top)), width, min(height, int(bottom)))
    if zone[3] - zone[1] < 2 * h:
        return lines
    # told the resolution: a few lines are too little text for Tesseract to size them by
    data = tesseract.regions_data(grey, [zone], lang=options.lang, psm=BLOCK_PSM, timeout=options.timeout_s, dpi=dpi)
    kept = [line for line in lines if line.role == "body" or not _inside(line.bbox, zone)]
    after = max((line.block for line in lines), default=0)  # its blocks numbered after the page's
    return kept + [line.model_copy(update={"role": "stamp", "block": line.block + after}) for line in group_words(data)]


def _inside(box: tuple[float, ...], zone: tuple[int, int, int, int]) -> bool:
    """The box's centre lies in the zone: the re-read reads the line again."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return zone[0] <= x < zone[2] and zone[1] <= y < zone[3]
