"""A second reading, alone, of the lines Tesseract joined with another and was unsure of.

Reading a whole page, Tesseract sometimes reads two columns side by side as one text line (a
header's issuer beside its motto); scaled as one line of two heights, the tone marks of its words
are lost or misplaced (a real 1-bit page's issuer "TĨNH QUANG NGAÀI", confidences 61 and 32 on the
misread words; alone "TỈNH QUẢNG NGÃI", 92 and 93). Such a part (parted again by
layout.split_columns) that holds a word read with low confidence is read once more by itself. A
word takes that reading only where Tesseract is surer of it and it differs in its marks alone, or
mends a word that spells no Vietnamese syllable.
"""

from __future__ import annotations

import numpy as np

from vnresolve.ingest import layout, tesseract
from vnresolve.ingest.quality import is_syllable
from vnresolve.schemas import Line, Word

# Tesseract's confidence below which a word of a joined header line is worth a second reading
# (the example above: the misread words 61 and 32, the same words read alone 92 and 93)
UNSURE_CONF = 70
ABOVE = 0.4  # of the line's height, above its box: a tone mark left out of the word lies there
BELOW, SIDE = 0.15, 0.3  # of the line's height: room round the letters, short of the next line's


def _unsure(word: Word) -> bool:
    return word.conf is not None and word.conf < UNSURE_CONF and any(c.isalpha() for c in word.text)


def _joined(line: Line, lines: list[Line]) -> bool:
    """Tesseract read `line` as one text line with another beside it (layout.split_columns parted
    them): a line of the same block level with it, apart from it across the page."""
    x0, y0, x1, y1 = line.bbox
    for other in lines:
        if other is line or other.block != line.block:
            continue
        ox0, oy0, ox1, oy1 = other.bbox
        if min(y1, oy1) - max(y0, oy0) > 0.5 * min(y1 - y0, oy1 - oy0) and (ox0 >= x1 or ox1 <= x0):
            return True
    return False


def reread_unsure(grey: np.ndarray, lines: list[Line], lang: str, timeout: int, dpi: float | None = None) -> list[Line]:
    """`lines` with the marks of the unsure words of joined lines taken from a reading of each such
    line alone, where that is surer."""
    h, w = grey.shape
    out = list(lines)
    for i, line in enumerate(lines):
        if not any(_unsure(word) for word in line.words) or not _joined(line, lines):
            continue
        x0, y0, x1, y1 = line.bbox
        size = y1 - y0
        box = (max(0, int(x0 - SIDE * size)), max(0, int(y0 - ABOVE * size)),
               min(w, int(x1 + SIDE * size) + 1), min(h, int(y1 + BELOW * size) + 1))
        data = tesseract.image_data(np.ascontiguousarray(grey[box[1]:box[3], box[0]:box[2]]), lang=lang, psm=7,
                                    timeout=timeout, dpi=dpi)
        second = [Word(text=t.strip(), bbox=(data["left"][k] + box[0], 0, data["left"][k] + box[0] + data["width"][k], 0),
                       conf=float(data["conf"][k]))
                  for k, t in enumerate(data["text"]) if (t or "").strip() and float(data["conf"][k]) >= 0]
        out[i] = _better_marks(line, second)
    return out


def _mends(word: str, other: str) -> bool:
    return not is_syllable(word) and is_syllable(other) and abs(len(word) - len(other)) <= 1


def _better_marks(line: Line, second: list[Word]) -> Line:
    """The line with each unsure word replaced by the second reading of the same place where that
    is surer and spells the same letters with other marks, or is a Vietnamese syllable where the
    word is none ("NGAÀI" -> "NGÃI") and a letter longer or shorter at most."""
    words, changed = [], False
    for word in line.words:
        best = word
        if _unsure(word):
            for other in second:
                overlap = min(word.bbox[2], other.bbox[2]) - max(word.bbox[0], other.bbox[0])
                if (overlap > 0.5 * (word.bbox[2] - word.bbox[0]) and other.text != word.text and other.conf > best.conf
                        and (layout.fold(other.text) == layout.fold(word.text) or _mends(word.text, other.text))):
                    best = word.model_copy(update={"text": other.text, "conf": other.conf})
        changed |= best is not word
        words.append(best)
    if not changed:
        return line
    return layout.make_line(words, line.block).model_copy(update={"role": line.role})
