"""The template's blanks read again: the serial after 'Số:', the day after 'ngày' and the month
after 'tháng', which offices fill in by hand or with a numbering stamp on a typed template.

Tesseract's page pass reads such ink as noise ('Ø2', '0†', 'ngày0P'). The blank's ink, cut out
between the typed words around it, is read again as digits alone, several ways: the whole blank
at three digit heights and digit by digit, and digit by digit by a small handwritten-digit
classifier (ingest/digits.py), which also cuts touching digits apart; the readings vote. Only a reading the evidence allows
is given: a serial in its range, a day and month that make a calendar date with the line's year
and fall on or before the page's e-signing (a document is dated before it is signed). It replaces
the noise with a confidence capped below the parsers' trust threshold, lower where the readings
disagree, so the record gives the value and marks it uncertain; a blank that reads as nothing
allowed stays as the page pass left it.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

import cv2
import numpy as np

from vnresolve.ingest import digits, tesseract
from vnresolve.ingest.errors import IngestError
from vnresolve.ingest.layout import fold, make_line
from vnresolve.schemas import HANDWRITTEN_CONF, Line, SignatureField, Word

MIN_READ_CONF = 50.0  # Tesseract's confidence a digits-only reading of the whole blank needs to count
TYPED_CONF = 70.0  # the page pass's confidence that makes a clean blank typed (the parsers' LOW_CONF)
TYPED_HEIGHT = 1.2  # a day or month taller than this many times the line's typed year was written in by hand
READ_HEIGHTS = (32, 48, 72)  # digit heights in px each reading is made at: Tesseract reads digits best at 30-50
GLYPH_WEIGHT = 2.0  # the digit-by-digit reading counts as this many whole-blank readings when all agree
# the digit classifier's reading counts as all three whole-blank readings when it is sure of every
# digit: trained on handwriting, it reads written digits Tesseract reads as type far better
SHAPE_WEIGHT = 3.0
ONE_WIDTH = 0.4  # a digit narrower than this share of its height is an upright stroke: a 1
ONE_SHAPES = set("1AlI|/[]!")  # what a handwritten 1 reads as where Tesseract may read letters
TOP_SHARE = 0.45  # the blanks sit in the header: lines below this share of the page height are left alone
CHAR_WIDTH = 0.5  # a typed letter's width in line heights, where the line has no other word to measure

# (label, the word that closes the blank, the label's length in letters, most digits the blank holds)
_SLOTS = (("so", "/", 3, 5), ("ngay", "thang", 4, 2), ("thang", "nam", 5, 2))
_PARTY_TYPE = re.compile(r"-[a-z]{1,5}/")  # a Party number's '-NQ/' (HD 36-HD/VPTW: 'Số 04-NQ/TU')
_DIGITS = re.compile(r"^\d+$")
_AS_DIGIT = str.maketrans("OolI|", "00111")
_STATE_SYMBOL = re.compile(r"^/[A-ZĐ][A-Za-zĐđ]{0,7}(?:-[A-ZĐ][A-Za-zĐđ]*)+$")  # '/CT-UBND', '/SGDĐT-CTrTT'
LOST_LABEL = 4  # the most letters OCR makes of 'Số:' and a serial written against it, read as one word
_YEAR = re.compile(r"n[aă]m\s*(19|20)\d\d\b", re.I)
_RANGE = {"so": (1, 99999), "ngay": (1, 31), "thang": (1, 12)}
_YEAR_WORD = re.compile(r"^(19|20)\d\d[.,]?$")
_PRINTED_DAY = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")


def _clean(text: str) -> bool:
    return bool(_DIGITS.match(text.strip(" .,:;")))


def _ink(grey: np.ndarray, box: tuple[int, int, int, int],
         height: float) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
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
    return strokes, (x0 + xs, y0 + ys, x0 + xe, y0 + ye)


def _votes(strokes: np.ndarray, most: int, psm: int, digits_only: bool = True) -> list[tuple[str, float]]:
    """Digits-only (or free) readings of `strokes` at several digit heights, each with Tesseract's
    confidence."""
    out = []
    for height in READ_HEIGHTS:
        scale = height / max(1, strokes.shape[0])
        smooth = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        image = cv2.resize(strokes, None, fx=scale, fy=scale, interpolation=smooth)
        pad = height // 2
        image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        try:
            data = tesseract.digits_data(image, psm=psm, digits_only=digits_only)
        except IngestError:  # no 'eng' model or a failed run: the page pass's reading stands
            return []
        found = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"]) if str(t).strip()]
        text = "".join(t for t, _ in found)
        if found and 1 <= len(text) <= most:
            out.append((text, min(c for _, c in found)))
    return out


def _per_digit(glyphs: list[np.ndarray], most: int, read) -> tuple[str, float] | None:
    """The blank's digits read one glyph at a time by `read` (glyph -> (digit, score) or None), with
    the least score over them; None when a glyph is unread or the count is no blank's."""
    if not 1 <= len(glyphs) <= most:
        return None
    text, scores = "", []
    for glyph in glyphs:
        if glyph.shape[1] < ONE_WIDTH * glyph.shape[0]:  # a bare upright stroke is a 1 in any hand
            digit, score = "1", 1.0
        elif (reading := read(glyph)) is None:
            return None
        else:
            digit, score = reading
        text, scores = text + digit, scores + [score]
    return text, min(scores)


def _tesseract_digit(glyph: np.ndarray) -> tuple[str, float] | None:
    """One handwritten digit as Tesseract's readings at each height vote it, with their share."""
    votes = Counter(t for t, _ in _votes(glyph, 1, psm=10))
    digit, n = votes.most_common(1)[0] if votes else (None, 0)
    if digit in (None, "4", "7"):
        # a handwritten 1 with its long up-stroke: the digits-only reading forces it to a 4 or a
        # 7, or to nothing; read as any character it is an 'A' or a slash
        strokes_like = sum(t in ONE_SHAPES for t, _ in _votes(glyph, 1, psm=10, digits_only=False))
        if 2 * strokes_like > len(READ_HEIGHTS):
            digit, n = "1", strokes_like
    return None if digit is None else (digit, n / len(READ_HEIGHTS))


def _glyph_reading(strokes: np.ndarray, most: int) -> tuple[str, float] | None:
    """The blank read digit by digit (Tesseract reads a lone handwritten digit better than a run of
    them), with the least share of agreeing readings over its digits."""
    return _per_digit(digits.glyphs(strokes), most, _tesseract_digit)


def _candidates(strokes: np.ndarray, most: int, written: bool = True) -> Counter:
    """Each reading of the blank with its weight: the whole blank read at several heights, the
    digit-by-digit reading counted as GLYPH_WEIGHT readings of its agreement, and, where the blank
    was `written` by hand, the digit classifier's reading counted as SHAPE_WEIGHT of its certainty."""
    found: Counter = Counter()
    for text, conf in _votes(strokes, most, psm=7):
        if conf >= MIN_READ_CONF:
            found[text] += 1.0
    glyphs = _glyph_reading(strokes, most)
    if glyphs is not None:
        found[glyphs[0]] += GLYPH_WEIGHT * glyphs[1]
    shape = digits.reading(strokes, most) if written else None  # it knows handwriting, not type
    if shape is not None:
        found[shape[0]] += SHAPE_WEIGHT * shape[1]
    return found


def _is_label(words: list[Word], i: int, label: str) -> bool:
    """Whether word `i` is the template's label, not the same word in running text: 'Số' opens its
    line; 'ngày' follows the place ('Quảng Ngãi, ngày') or opens the line; 'tháng'
    follows a 'ngày'; and the date line ends in its year."""
    word = words[i]
    if label == "so" and _lost_label(words, i):
        return True
    if not fold(word.text).startswith(label):
        return False
    if label == "so":
        return i == 0  # the line's first word ('Số:', or 'số:' where OCR lost the capital)
    if not _YEAR.search(" ".join(w.text for w in words[i:])):
        return False
    if label == "ngay":
        return i == 0 or words[i - 1].text.endswith(",")
    return any(fold(w.text).startswith("ngay") for w in words[max(0, i - 3): i])


def _lost_label(words: list[Word], i: int) -> bool:
    """'ST /CT-UBND': a number line known by its state symbol after one short word that opens as the
    label does ('S', or '5' or '$' for it) and is no serial, which is the label with the serial written
    against it, read as one word."""
    if i != 0 or len(words) != 2 or not _STATE_SYMBOL.match(words[1].text):
        return False
    first = fold(words[0].text)
    return (len(first) <= LOST_LABEL and first[:1] in ("s", "5", "$") and not first.startswith("so")
            and not _clean(first.translate(_AS_DIGIT)))


def _letter_width(words: list[Word], skip: set[int]) -> float:
    """A typed letter's width on this line: the median over its other words; from the height where
    the line has no other word."""
    widths = sorted((w.bbox[2] - w.bbox[0]) / len(w.text) for k, w in enumerate(words)
                    if k not in skip and len(w.text) >= 2)
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
            at = _closing_at(closing, closer)
            if at < 0 or (j == i and at <= len(label)):
                continue
            width = _letter_width(words, {i, j})
            lost = not folded.startswith(label)
            if lost and word.bbox[2] - word.bbox[0] < (letters + 1) * width:
                return None  # too narrow to hold the label and ink beside it
            rest = folded[len(label):].strip(":. ") or lost
            start = word.bbox[2] if not rest else word.bbox[0] + (letters + 0.3) * width
            end = words[j].bbox[0] if at == 0 else words[j].bbox[2] - (len(closing) - at) * width
            if j > i + 1:  # the label's or the closing word's box may run over the ink OCR read apart
                start, end = min(start, words[i + 1].bbox[0]), max(end, words[j - 1].bbox[2])
            return (i, j, start, end) if end - start > 1.5 * width else None
        return None
    return None


def earliest_signing(fields: list[SignatureField]) -> str | None:
    """The earliest day ('2025-02-07') the page's signature fields were signed: the signature's own
    time, or the one its appearance prints ('Thời gian ký: 07/02/2025 07:56:24')."""
    days = []
    for field in fields:
        if field.filled_in:  # a serial or day typed into a blank, not a signature
            continue
        if field.signed_at:
            days.append(field.signed_at[:10])
        elif m := _PRINTED_DAY.search(field.text):
            try:
                days.append(datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat())
            except ValueError:
                continue
    return min(days, default=None)


def reread(grey: np.ndarray, lines: list[Line], signed: str | None = None) -> list[Line]:
    """`lines` with each unreadable blank of the header replaced by its digits-only reading.

    `signed`: the earliest day ('2025-02-07') a signature on this page was made, when known: a
    document is dated on or before its signing, so a day and month that would date it later are
    no reading of the blanks."""
    height = grey.shape[0]
    out = []
    for line in lines:
        if line.bbox[1] <= TOP_SHARE * height:
            line = _reread_line(grey, line, signed)
        out.append(line)
    return out


def _reread_line(grey: np.ndarray, line: Line, signed: str | None) -> Line:
    h = line.bbox[3] - line.bbox[1]
    # the year is typed with the template: a day or month much taller than it was written in
    years = [w for w in line.words if _YEAR_WORD.match(w.text)]
    type_height = years[-1].bbox[3] - years[-1].bbox[1] if years else float("inf")
    found: dict[str, tuple] = {}
    for label, closer, letters, most in _SLOTS:
        slot = _slot(line, label, closer, letters)
        if slot is None:
            continue
        i, j, start, end = slot
        read = _page_reading(line, i, j, label, closer)
        tall = label != "so" and read is not None and read[2] is not None and read[2] > TYPED_HEIGHT * type_height
        typed = read[0] if read and read[1] and not tall else None
        box = (max(0, int(start)), max(0, int(line.bbox[1] - 0.4 * h)), int(end),
               min(grey.shape[0], int(line.bbox[3] + 0.4 * h)))
        found[label] = (slot, typed, box, most, read[0] if read else None, tall)
    if not found:
        return line
    year = _YEAR.search(" ".join(w.text for w in line.words))
    chosen = _choose(grey, h, found, int(year.group(0)[-4:]) if year else None, signed)
    # the slots replaced right to left, so the word indices of those to the left still hold
    for label in sorted(chosen, key=lambda k: -found[k][0][0]):
        i, j, _, _ = found[label][0]
        text, conf, box = chosen[label]
        line = _replace(line, i, j, label, _closer(label), (text, conf), box)
    return line


def _closing_at(folded: str, closer: str) -> int:
    """Where the typed part after a blank starts in the closing word: at its closer, or in a Party
    number ('29-ct/tu') at the hyphen before the type, which is no part of the serial."""
    at = folded.find(closer)
    if closer == "/" and (m := _PARTY_TYPE.search(folded)) and m.end() - 1 == at:
        return m.start()
    return at


def _closer(label: str) -> str:
    return next(c for lab, c, _, _ in _SLOTS if lab == label)


def _page_reading(line: Line, i: int, j: int, label: str, closer: str) -> tuple[str, bool, float | None] | None:
    """(digits, confident, height) of the blank as the page pass read it, when it read clean digits:
    a word of its own, or the head of the closing word ('30/2020/NĐ-CP', '26tháng'; no height then)."""
    inside = line.words[i + 1: j]
    head = fold(line.words[i].text)[len(label):].strip(":. ")
    closing = fold(line.words[j].text)
    tail = closing[:_closing_at(closing, closer)]
    if head or len(inside) + bool(tail) != 1:
        return None
    word = inside[0] if inside else line.words[j]
    text = (word.text if inside else tail).strip(" .,:;")
    sure = word.conf is None or word.conf >= TYPED_CONF
    if label == "so" and not _clean(text) and len(text) >= 3 and sum(not c.isdigit() for c in text) == 1:
        # a typed serial's 0 or 1 read as a letter ('19O6'); a shorter or more lettered reading ('l7',
        # 'O2') is how the page pass reads a hand, which the classifier should still read
        text, sure = text.translate(_AS_DIGIT), False
    if not _clean(text):
        return None
    return text, sure, (word.bbox[3] - word.bbox[1]) if inside else None


def _read_slot(grey: np.ndarray, h: float, box: tuple[int, int, int, int], most: int,
               written: bool) -> tuple[Counter, tuple] | None:
    ink = _ink(grey, box, h)
    if ink is None:
        return None
    return _candidates(ink[0], most, written), ink[1]


def _choose(grey: np.ndarray, h: float, found: dict, year: int | None, signed: str | None) -> dict:
    """{label: (digits, confidence, box)} for the blanks read again. A serial must lie in its range;
    a day and a month must make a calendar date with the line's year, on or before the signing.
    A clean reading the evidence rules out (a day after the signing) is read again too."""
    readings: dict[str, tuple[Counter, tuple] | None] = {}

    def read(label: str):
        if label not in readings:
            _, typed, box, most, page, tall = found[label]
            # clean digits from the page pass, however unsure, are type more often than a hand (unless
            # taller than the line's type): the classifier, which knows only handwriting, reads type's
            # broken strokes as 1s
            got = _read_slot(grey, h, box, most, written=typed is None and (page is None or tall))
            if page:  # the page pass's clean digits are one reading more
                got = got or (Counter(), box)
                got[0][page] += 1.0
            readings[label] = got
        return readings[label]

    chosen: dict = {}
    if "so" in found and found["so"][1] is None and (got := read("so")):
        best = _best({t: v for t, v in got[0].items() if _in_range("so", t)})
        if best:
            chosen["so"] = (best[0], best[1], got[1])
    date_slots = [k for k in ("ngay", "thang") if k in found]
    if not date_slots or year is None:
        return chosen
    typed = {k: found[k][1] for k in date_slots}
    if all(typed.values()) and _possible(year, typed.get("thang"), typed.get("ngay"), signed) is not False:
        return chosen
    pairs: list = []
    for trust_typed in (True, False):  # a typed day that no reading of the month allows is read again
        options: dict[str, dict[str, float]] = {}
        for k in date_slots:
            if trust_typed and typed[k] is not None \
                    and _possible(year, *_pair(k, typed[k], typed), signed) is not False:
                options[k] = {typed[k]: 1.0}
                continue
            got = read(k)
            options[k] = {t: v for t, v in (got[0] if got else {}).items() if _in_range(k, t)}
        days = options.get("ngay") or {None: 1.0}
        months = options.get("thang") or {None: 1.0}
        total_d, total_m = sum(days.values()), sum(months.values())
        pairs = [(d, m, (days[d] / total_d) * (months[m] / total_m)) for d in days for m in months
                 if _possible(year, m, d, signed) is not False]
        if pairs or not any(typed.values()):
            break
    if not pairs:
        return chosen
    d, m, share = max(pairs, key=lambda p: (p[2], p[0] or "", p[1] or ""))
    for k, value in (("ngay", d), ("thang", m)):
        if value is None or k not in found or (typed.get(k) == value and readings.get(k) is None):
            continue
        got = readings.get(k)
        chosen[k] = (value, HANDWRITTEN_CONF * share, got[1] if got else found[k][2])
    return chosen


def _pair(label: str, value: str, typed: dict) -> tuple[str | None, str | None]:
    """(month, day) with `value` in its place and the other as typed (or unknown)."""
    return (typed.get("thang"), value) if label == "ngay" else (value, typed.get("ngay"))


def _best(options: dict[str, float]) -> tuple[str, float] | None:
    """The reading with most weight and its confidence: the ceiling times its share of the weight."""
    if not options:
        return None
    text = max(options, key=lambda t: (options[t], t))
    return text, HANDWRITTEN_CONF * options[text] / sum(options.values())


def _in_range(label: str, text: str) -> bool:
    low, high = _RANGE[label]
    return text.isdigit() and low <= int(text) <= high


def _possible(year: int, month: str | None, day: str | None, signed: str | None) -> bool | None:
    """Whether `day` `month` `year` can be the document's date: a calendar day, not after the
    signing. None when the month or the day is unknown and nothing rules the other out."""
    if month is not None and not 1 <= int(month) <= 12:
        return False
    if month is None or day is None:
        if signed and month is not None and (year, int(month)) > (int(signed[:4]), int(signed[5:7])):
            return False
        return None
    try:
        date = datetime.date(year, int(month), int(day))
    except ValueError:
        return False
    return not (signed and date.isoformat() > signed)


def _replace(line: Line, i: int, j: int, label: str, closer: str, reading: tuple[str, float],
             box: tuple[int, int, int, int]) -> Line:
    """The line with the blank's words (and any noise stuck to the label or the closing word) replaced
    by the reading, at the ink's box."""
    words = line.words
    first, last = words[i], words[j]
    label_text = first.text[: len(label) + (1 if first.text[len(label):len(label) + 1] == ":" else 0)]
    if not fold(first.text).startswith(label):  # the label was lost in the ink read with it ('ST')
        label_text = "Số:"
    folded_last = fold(last.text)
    at = _closing_at(folded_last, closer)
    closing = Word(text=last.text[at:], bbox=last.bbox, conf=last.conf) if at > 0 else last
    text, conf = reading
    digits = Word(text=text, bbox=tuple(float(v) for v in box), conf=min(conf, HANDWRITTEN_CONF))
    kept = [*words[:i], Word(text=label_text, bbox=first.bbox, conf=first.conf), digits, closing, *words[j + 1:]]
    if i == j:  # 'Số⁄‡1/CT-UBND': the label, the ink and the symbol were one word
        kept = [*words[:i], Word(text=label_text, bbox=first.bbox, conf=first.conf), digits, closing, *words[i + 1:]]
    return make_line(kept, block=line.block)
