"""The template's blanks read again: the serial after 'Số:', the day after 'ngày' and the month
after 'tháng', which offices fill in by hand or with a numbering stamp on a typed template.

Tesseract's page pass reads such ink as noise ('Ø2', '0†', 'ngày0P'). The blank's ink, cut out
between the typed words around it, is read once more as digits alone. A reading replaces the
noise with a confidence capped below the parsers' trust threshold, so the record gives the value
and marks it uncertain; a blank that reads as nothing stays as the page pass left it.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from vnresolve.ingest import tesseract
from vnresolve.ingest.errors import IngestError
from vnresolve.ingest.layout import fold, make_line
from vnresolve.schemas import Line, Word

HANDWRITTEN_CONF = 45.0  # the re-read's confidence ceiling: below the parsers' LOW_CONF (70), so never certain
MIN_READ_CONF = 50.0  # Tesseract's confidence a digits-only reading needs to be kept at all
TOP_SHARE = 0.45  # the blanks sit in the header: lines below this share of the page height are left alone
CHAR_WIDTH = 0.5  # a typed letter's width in line heights, where the line has no other word to measure

# (label, the word that closes the blank, the label's length in letters, most digits the blank holds)
_SLOTS = (("so", "/", 3, 5), ("ngay", "thang", 4, 2), ("thang", "nam", 5, 2))
_DIGITS = re.compile(r"^\d+$")
_YEAR = re.compile(r"n[aă]m\s*(19|20)\d\d\b", re.I)
_RANGE = {"so": (1, 99999), "ngay": (1, 31), "thang": (1, 12)}


def _clean(text: str) -> bool:
    return bool(_DIGITS.match(text.strip(" .,:;")))


def _ink(grey: np.ndarray, box: tuple[int, int, int, int], height: float) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """The strokes inside `box` tall enough to be digits (dots, dust and the label's tone marks
    dropped), on white, with their bounding box in page pixels."""
    x0, y0, x1, y1 = box
    crop = grey[y0:y1, x0:x1]
    if crop.size == 0:
        return None
    count, labels, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8), connectivity=8)
    keep = [i for i in range(1, count) if stats[i, 3] >= 0.35 * height and stats[i, 4] >= 0.02 * height * height]
    if not keep:
        return None
    xs = min(stats[i, 0] for i in keep)
    xe = max(stats[i, 0] + stats[i, 2] for i in keep)
    ys = min(stats[i, 1] for i in keep)
    ye = max(stats[i, 1] + stats[i, 3] for i in keep)
    strokes = np.where(np.isin(labels, keep), 0, 255).astype(np.uint8)[ys:ye, xs:xe]
    pad = int(height * 0.5) + 1
    strokes = cv2.copyMakeBorder(strokes, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    if ye - ys < 48:  # Tesseract reads digits best at 30-50 px; small scans' digits are enlarged
        scale = 48 / max(1, ye - ys)
        strokes = cv2.resize(strokes, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return strokes, (x0 + xs, y0 + ys, x0 + xe, y0 + ye)


def _read(strokes: np.ndarray, most: int) -> tuple[str, float] | None:
    try:
        data = tesseract.digits_data(strokes)
    except IngestError:  # no 'eng' model or a failed run: the page pass's reading stands
        return None
    found = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"]) if str(t).strip()]
    text = "".join(t for t, _ in found)
    if not found or not 1 <= len(text) <= most:
        return None
    conf = min(c for _, c in found)
    return (text, conf) if conf >= MIN_READ_CONF else None


def _is_label(words: list[Word], i: int, label: str) -> bool:
    """Whether word `i` is the template's label, not the same word in running text: 'Số' opens its
    line in capitals; 'ngày' follows the place ('Quảng Ngãi, ngày') or opens the line; 'tháng'
    follows a 'ngày'; and the date line ends in its year."""
    word = words[i]
    if not fold(word.text).startswith(label):
        return False
    if label == "so":
        return i == 0 and word.text[:1] == "S"
    if not _YEAR.search(" ".join(w.text for w in words[i:])):
        return False
    if label == "ngay":
        return i == 0 or words[i - 1].text.endswith(",")
    return any(fold(w.text).startswith("ngay") for w in words[max(0, i - 3): i])


def _letter_width(words: list[Word], skip: set[int]) -> float:
    """A typed letter's width on this line: the median over its other words; from the height where
    the line has no other word."""
    widths = sorted((w.bbox[2] - w.bbox[0]) / len(w.text) for k, w in enumerate(words) if k not in skip and len(w.text) >= 2)
    if widths:
        return widths[len(widths) // 2]
    return CHAR_WIDTH * min(w.bbox[3] - w.bbox[1] for w in words)


def _slot(line: Line, label: str, closer: str, letters: int) -> tuple[int, int, float, float] | None:
    """(index of the label word, index of the closing word, x where the blank starts, x where it ends)."""
    words = line.words
    for i, word in enumerate(words):
        if not _is_label(words, i, label):
            continue
        folded = fold(word.text)
        for j in range(i, len(words)):
            closing = fold(words[j].text)
            at = closing.find(closer)
            if at < 0 or (j == i and at <= len(label)):
                continue
            width = _letter_width(words, {i, j})
            rest = folded[len(label):].strip(":. ")
            start = word.bbox[2] if not rest else word.bbox[0] + (letters + 0.3) * width
            end = words[j].bbox[0] if at == 0 else words[j].bbox[2] - (len(closing) - at) * width
            return (i, j, start, end) if end - start > 1.5 * width else None
        return None
    return None


def _needs_reading(line: Line, i: int, j: int, label: str, closer: str) -> bool:
    """Whether the page pass left the blank unreadable: anything but clean, confident digits."""
    inside = [w for w in line.words[i + 1: j]]
    head = fold(line.words[i].text)[len(label):].strip(":. ")
    tail = fold(line.words[j].text).split(closer, 1)[0]
    if head or tail:
        return True
    return not inside or any(not _clean(w.text) or (w.conf is not None and w.conf < 70) for w in inside)


def reread(grey: np.ndarray, lines: list[Line]) -> list[Line]:
    """`lines` with each unreadable blank of the header replaced by its digits-only reading."""
    height = grey.shape[0]
    out = []
    for line in lines:
        if line.bbox[1] > TOP_SHARE * height:
            out.append(line)
            continue
        for label, closer, letters, most in _SLOTS:
            found = _slot(line, label, closer, letters)
            if found is None or not _needs_reading(line, found[0], found[1], label, closer):
                continue
            i, j, start, end = found
            h = line.bbox[3] - line.bbox[1]
            box = (max(0, int(start)), max(0, int(line.bbox[1] - 0.4 * h)), int(end), min(height, int(line.bbox[3] + 0.4 * h)))
            ink = _ink(grey, box, h)
            reading = _read(ink[0], most) if ink else None
            low, high = _RANGE[label]
            if reading is None or not low <= int(reading[0]) <= high:
                continue
            line = _replace(line, i, j, label, closer, reading, ink[1])
        out.append(line)
    return out


def _replace(line: Line, i: int, j: int, label: str, closer: str, reading: tuple[str, float],
             box: tuple[int, int, int, int]) -> Line:
    """The line with the blank's words (and any noise stuck to the label or the closing word) replaced
    by the reading, at the ink's box."""
    words = line.words
    first, last = words[i], words[j]
    label_text = first.text[: len(label) + (1 if first.text[len(label):len(label) + 1] == ":" else 0)]
    folded_last = fold(last.text)
    at = folded_last.find(closer)
    closing = Word(text=last.text[at:], bbox=last.bbox, conf=last.conf) if at > 0 else last
    text, conf = reading
    digits = Word(text=text, bbox=tuple(float(v) for v in box), conf=min(conf, HANDWRITTEN_CONF))
    kept = [*words[:i], Word(text=label_text, bbox=first.bbox, conf=first.conf), digits, closing, *words[j + 1:]]
    if i == j:  # 'Số⁄‡1/CT-UBND': the label, the ink and the symbol were one word
        kept = [*words[:i], Word(text=label_text, bbox=first.bbox, conf=first.conf), digits, closing, *words[i + 1:]]
    return make_line(kept, block=line.block)
