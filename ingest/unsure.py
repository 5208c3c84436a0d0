"""Second readings of words Tesseract may have read with the wrong tone or vowel marks, where
the page as the pipeline cleaned it costs marks that another reading keeps.

- Joined lines: reading a whole page, Tesseract sometimes reads two columns side by side as one
  text line (a header's issuer beside its motto); scaled as one line of two heights, the tone marks
  of its words are lost or misplaced (a real 1-bit page's issuer "TĨNH QUANG NGAÀI", confidences 61
  and 32 on the misread words; alone "TỈNH QUẢNG NGÃI", 92 and 93). Such a part (parted again by
  layout.split_columns) that holds a word read with low confidence is read once more by itself. A
  word takes that reading only where Tesseract is surer of it and it differs in its marks alone, or
  mends a word that spells no Vietnamese syllable.
- Enlarged pages: a coarse page (a phone photo, a 150 dpi scan) is enlarged before OCR, which
  finds more of its words but blurs the small marks stacked over a circumflex or breve ("tổ" read
  "tô"). The page before enlarging is read too, as raw Tesseract reads it, and each word takes that
  reading where it differs in its marks alone and Tesseract is surer of it (on the dev pages at 80
  dpi the enlarged page then loses no more marks than raw Tesseract's reading of the coarse one).
- Turned pages: a grey page turned by under a degree (a scan whose border or rule made it look ruled)
  is resampled by the turn, which blurs a tone mark stacked on a circumflex, breve or horn ('đẳng'
  read 'đằng', 'quyền' 'quyên'). A word with such a vowel read with less than Tesseract's sure
  confidence is read once more by itself from the page before the turn (psm 8, its box mapped back: a
  word's own skew is a pixel or two); where that changes its marks, its line is read there too, and
  the word takes the marks both readings agree on, where they spell the same letters.
- Stacked marks: told a scan's resolution, Tesseract sizes the page by it; unaided it sizes the page
  from its print (1.6-1.7 times a real scan's resolution) and keeps some tone marks stacked over a
  circumflex, breve or horn that the told reading drops ('tô' for 'tổ', 'kêt' for 'kết'), though it
  loses others. A line holding an unsure word with such a vowel and no tone mark, or a sure one over
  which the page shows a mark stacked on a mark, is read once more by itself, sized by Tesseract, and
  the word takes a reading of the same letters and vowel marks with a tone mark where Tesseract is
  surer of it (a word whose stacked mark the page shows: however sure, as the ink says the mark is
  there). On a two-tone page only the words whose stacked mark the page shows are read again. A word
  whose stacked mark the page shows and its line's second reading still leaves toneless is read by
  itself as well (psm 8).
"""

from __future__ import annotations

import unicodedata

import cv2
import numpy as np

from vnresolve.ingest import layout, preprocess, tesseract
from vnresolve.ingest.errors import OcrError
from vnresolve.ingest.quality import is_syllable
from vnresolve.schemas import Line, Word

# Tesseract's confidence below which a word of a joined header line is worth a second reading
# (the example above: the misread words 61 and 32, the same words read alone 92 and 93)
UNSURE_CONF = 70
ABOVE = 0.4  # of the line's height, above its box: a tone mark left out of the word lies there
BELOW, SIDE = 0.15, 0.3  # of the line's height: room round the letters, short of the next line's
# below this a word with a vowel under a stacked mark and no tone mark may have lost its tone mark (the
# dropped ones the second reading mends on the real development scans: 62-88); 2 % of a clean scan's lines
STACKED_UNSURE = 90
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (combining)
_STACKED = "\u0302\u0306\u031b"  # circumflex, breve, horn: a tone mark over these stands on top of them
MARK_HEIGHT = 0.35  # of a word's height: a mark's blob is shorter (a letter's stroke above its middle is longer)
# of a word's height: a grave stands up and left of a circumflex, a column or two off it (1 px at 200 dpi);
# an i-dot beside one stands a quarter of the height off and starts lower
MARK_BESIDE = 0.06
HANG = 0.2  # of a word's height: a dot below stands this close under its letter (14 pt at 200 dpi: 3-5 px of 27)
# of a word's height: a dot below starts this close under its baseline (1-2 px of 27); a tone mark beside the
# tail of a descender over it, lower (9 px of a 35 px word, its box 49 px with its own descender)
DOT_BELOW = 0.15
# below this a stacked word of a slightly turned page is read again from the page before the turn: Tesseract reads
# the sure words of a clean page 96-97; the words the turn cost marks were read 51-95 (development photocopies)
TURN_UNSURE = 96
# words each side of an unsure word read with it for the second reading, before its whole line: a line's box
# takes in its neighbours' edges, ~0.2 s a read, where seven words cost ~0.03 s and mostly agree as well
CONTEXT = 3
# A coarse page under this resolution is read enlarged to it: at its own 70-100 dpi Tesseract reads fewer
# marks; a finer one is never shrunk to it (that lost marks)
COARSE_READ_DPI = 115


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
    out = list(lines)
    for i, line in enumerate(lines):
        if not any(_unsure(word) for word in line.words) or not _joined(line, lines):
            continue
        out[i] = _better_marks(line, _line_alone(grey, line, lang, timeout, dpi))
    return out


def _line_alone(grey: np.ndarray, line: Line | Word, lang: str, timeout: int, dpi: float | None,
                psm: int = 7) -> list[Word]:
    """The words of `line` read by themselves (with room above for the marks), boxes on the page; a
    word read by itself with `psm` 8."""
    h, w = grey.shape
    x0, y0, x1, y1 = line.bbox
    size = y1 - y0
    box = (max(0, int(x0 - SIDE * size)), max(0, int(y0 - ABOVE * size)),
           min(w, int(x1 + SIDE * size) + 1), min(h, int(y1 + BELOW * size) + 1))
    if box[2] <= box[0] or box[3] <= box[1]:  # off the page (a box mapped from another): a negative bound would wrap
        return []
    data = tesseract.image_data(np.ascontiguousarray(grey[box[1]:box[3], box[0]:box[2]]), lang=lang, psm=psm,
                                timeout=timeout, dpi=dpi)
    return [Word(text=t.strip(), bbox=(data["left"][k] + box[0], y0, data["left"][k] + box[0] + data["width"][k], y1),
                 conf=float(data["conf"][k]))
            for k, t in enumerate(data["text"]) if (t or "").strip() and float(data["conf"][k]) >= 0]


def _decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text.lower())


def _toneless_stacked(word: Word, below: float = STACKED_UNSURE) -> bool:
    """A word read with confidence under `below` (unsure) with a circumflex, breve or horn vowel and
    no tone mark anywhere."""
    marks = _decomposed(word.text)
    return (word.conf is not None and word.conf < below and any(m in marks for m in _STACKED)
            and not any(t in marks for t in _TONES))


def _gains_tone(word: Word, other: Word) -> bool:
    """`other` spells `word` with the same vowel marks and a tone mark over them (and in its case:
    the text taken is other's)."""
    mine, theirs = unicodedata.normalize("NFD", word.text), unicodedata.normalize("NFD", other.text)
    return (any(t in theirs for t in _TONES)
            and "".join(c for c in theirs if c not in _TONES) == "".join(c for c in mine if c not in _TONES))


def _mark_on_mark(grey: np.ndarray, word: Word, ink: float, above: float | None = None) -> bool:
    """The page shows a mark stacked on a mark over `word` (a tone mark over a circumflex or breve):
    two small blobs over its letters' upper half, one starting higher over the other's columns or
    beside them (MARK_BESIDE). An i-dot stands farther beside a circumflex; the line above reaches in
    only with strokes cut at the crop's top, left out, and with the dots below its letters: a blob
    hanging just under such a stroke, DOT_BELOW under `above`, the baseline of the line over the word
    (on lines set solid the dot of 'ộ' stands over the next line's circumflex; a tone mark just under
    a descender of that line stands lower)."""
    x0, y0, x1, y1 = (int(round(v)) for v in word.bbox)
    h = y1 - y0
    top = max(0, int(y0 - ABOVE * h))
    left = max(0, x0 - 1)
    crop = grey[top:y1, left:x1 + 1]
    if h <= 0 or crop.size == 0:
        return False
    # ink is at or under Otsu's threshold: on a page of pure black and white that is its black level
    n, labels, stats, _ = preprocess.components((crop <= ink).astype(np.uint8))
    middle = (y0 - top) + 0.5 * h
    cut = np.flatnonzero(stats[:, 1] == 0)
    cut = cut[cut > 0]
    hang = max(1, int(round(HANG * h)))

    def hangs(k: int) -> bool:
        """Blob k hangs just under a stroke of the line above (cut at the crop's top, or over it)."""
        x, y, w = (int(v) for v in stats[k, :3])
        if above is None or top + y > above + DOT_BELOW * h:
            return False
        if np.isin(labels[max(0, y - hang):y, x:x + w], cut).any():
            return True
        return y - hang < 0 and bool((grey[max(0, top + y - hang):top, left + x:left + x + w] <= ink).any())

    marks = [tuple(int(v) for v in stats[k, :4]) for k in range(1, n)
             if stats[k, 1] > 0 and stats[k, 1] + stats[k, 3] <= middle and stats[k, 3] < MARK_HEIGHT * h
             and stats[k, 4] >= 2 and not hangs(k)]
    # a over b: it starts higher and they share columns, or nearly (an i-dot beside a circumflex is farther)
    near = MARK_BESIDE * h
    return any(ay < by and ax < bx + bw + near and bx < ax + aw + near
               for ax, ay, aw, ah in marks for bx, by, bw, bh in marks if (ax, ay) != (bx, by))


def _baseline_above(word: Word, line: Line, lines: list[Line]) -> float | None:
    """The baseline of the nearest line over `word`'s columns: the highest foot of its words of two
    letters or more (many words have a descender or a dot below; a dash or a quote stands higher). None
    where no line stands over it."""
    x0, y0, x1, _ = word.bbox
    over = [other for other in lines if other is not line and (other.bbox[1] + other.bbox[3]) / 2 < y0
            and other.bbox[0] < x1 and other.bbox[2] > x0 and other.words]
    if not over:
        return None
    nearest = max(over, key=lambda other: other.bbox[3])
    feet = [w.bbox[3] for w in nearest.words if sum(c.isalpha() for c in w.text) >= 2]
    return min(feet, default=None)


def stacked_marks(grey: np.ndarray, lines: list[Line], lang: str, timeout: int,
                  bilevel: bool | None = None) -> list[Line]:
    """`lines` with each toneless stacked word given the tone mark a reading of its line alone, sized
    by Tesseract, finds there: where Tesseract is surer of it (an unsure word), or, however sure, where
    the page shows a mark stacked on the word's marks (read confidently with the tone mark dropped:
    'tô' 96 for 'tổ', alone 'tổ' 95 or 54; on the dev pages no such reading of 35 was wrong). On a
    two-tone page only the latter: its marks are ink or not, and an unsure word's second reading made
    one up there (harsh 1-bit set). `bilevel`: whether the page is two-tone, where the caller has
    judged it already (None: judged here if needed)."""
    ink = cv2.threshold(grey[::4, ::4], 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[0]
    unsure_words: list[set[int]] = []
    shown: list[set[int]] = []
    for line in lines:
        words = [word for word in line.words if line.role != "stamp" and _toneless_stacked(word, 101)]
        shown.append({id(word) for word in words if _mark_on_mark(grey, word, ink, _baseline_above(word, line, lines))})
        unsure_words.append({id(word) for word in words if _toneless_stacked(word)})
    # the page is judged two-tone only where an unsure word asks for it (6 ms a page), unless judged already
    if any(unsure_words) and (preprocess.is_bilevel(grey) if bilevel is None else bilevel):
        unsure_words = [set() for _ in lines]
    out = list(lines)
    for i, line in enumerate(lines):
        if shown[i] or unsure_words[i]:
            out[i] = _take_tones(line, _line_alone(grey, line, lang, timeout, None), shown[i], unsure_words[i])
        # a shown word its line's second reading left toneless as well is read by itself: in a line, a
        # two-tone page's thin grave over a circumflex can go both times ('quyên' in the line, 'quyền' alone)
        left = {id(again) for word, again in zip(line.words, out[i].words) if id(word) in shown[i] and again.text == word.text}
        if left:
            second = [w for word in out[i].words if id(word) in left
                      for w in _line_alone(grey, word, lang, timeout, None, psm=8)]
            out[i] = _take_tones(out[i], second, left, set())
    return out


def _take_tones(line: Line, second: list[Word], shown: frozenset[int] | set[int] = frozenset(),
                unsure: frozenset[int] | set[int] | None = None) -> Line:
    """The line with each word asked for replaced by the second reading of the same place that adds
    a tone mark to the same letters and vowel marks: an unsure toneless stacked word (`unsure`: their
    ids; None: every such word) where that is surer, one whose stacked mark the page shows (`shown`)
    at any confidence (the ink and the second reading agree that the mark is there)."""
    def doubted(word: Word) -> bool:
        return _toneless_stacked(word) if unsure is None else id(word) in unsure

    def fits(word: Word, other: Word) -> bool:
        return _gains_tone(word, other) and ((doubted(word) and other.conf > word.conf)
                                             or id(word) in shown)

    return _take_surer(line, second, lambda word: id(word) in shown or doubted(word), fits, surer=False)


def _take_surer(line: Line, second: list[Word], wants, fits, surer: bool = True) -> Line:
    """The line with each word `wants(word)` picks replaced by the surest word of `second` at its
    place that `fits(word, other)` (and, with `surer`, is surer than it); the same line where none is."""
    words, changed = [], False
    for word in line.words:
        best = word
        if wants(word):
            for other in second:
                if (_same_place(word, other) and (other.conf > best.conf or (not surer and best is word))
                        and fits(word, other)):
                    best = word.model_copy(update={"text": other.text, "conf": other.conf})
        changed |= best is not word
        words.append(best)
    if not changed:
        return line
    return layout.make_line(words, line.block).model_copy(update={"role": line.role})


def _mends(word: str, other: str) -> bool:
    return not is_syllable(word) and is_syllable(other) and abs(len(word) - len(other)) <= 1


def _same_place(word: Word, other: Word) -> bool:
    """`other` covers most of `word`: over half its width and half its height."""
    across = min(word.bbox[2], other.bbox[2]) - max(word.bbox[0], other.bbox[0])
    down = min(word.bbox[3], other.bbox[3]) - max(word.bbox[1], other.bbox[1])
    return across > 0.5 * (word.bbox[2] - word.bbox[0]) and down > 0.5 * (word.bbox[3] - word.bbox[1])


def _better_marks(line: Line, second: list[Word], every_word: bool = False) -> Line:
    """The line with each unsure word (each word, with `every_word`) replaced by the second reading
    of the same place where that is surer and spells the same letters with other marks, or, for an
    unsure word of a joined line, is a Vietnamese syllable where the word is none ("NGAÀI" ->
    "NGÃI") and a letter longer or shorter at most."""
    def wants(word: Word) -> bool:
        return (every_word and word.conf is not None) or _unsure(word)

    def fits(word: Word, other: Word) -> bool:
        return other.text != word.text and (layout.fold(other.text) == layout.fold(word.text)
                                            or (not every_word and _mends(word.text, other.text)))

    return _take_surer(line, second, wants, fits)


def _mapped_box(box: tuple[float, float, float, float], affine: np.ndarray) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) that holds `box`'s corners mapped by the 2x3 `affine`."""
    x0, y0, x1, y1 = box
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64) @ affine.T
    (a0, b0), (a1, b1) = corners.min(axis=0), corners.max(axis=0)
    return float(a0), float(b0), float(a1), float(b1)


def coarse_marks(lines: list[Line], coarse: np.ndarray, to_image: np.ndarray, lang: str, timeout: int,
                 dpi: float | None = None) -> list[Line]:
    """`lines`, read on the enlarged page (of `dpi`), with the marks of the reading of `coarse` (the page
    before enlarging; `to_image`: the 2x3 map of its pixels onto the enlarged page's) where that is surer.
    A page under COARSE_READ_DPI is enlarged to it; no resolution is declared: Tesseract sizes it from its print."""
    scale = max(1.0, COARSE_READ_DPI / (dpi / float(np.hypot(to_image[0, 0], to_image[0, 1])))) if dpi else 1.0
    scale = 1.0 if scale < 1.05 else scale  # within 5 % the resampling would only blur it
    view = cv2.resize(coarse, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale != 1 else coarse
    data = tesseract.image_data(view, lang=lang, psm=3, timeout=timeout)
    second = []
    for k, text in enumerate(data["text"]):
        if not (text or "").strip() or float(data["conf"][k]) < 0:
            continue
        x, y, w, h = (data[key][k] / scale for key in ("left", "top", "width", "height"))
        second.append(Word(text=text.strip(), bbox=_mapped_box((x, y, x + w, y + h), to_image),
                           conf=float(data["conf"][k])))
    out = []
    for line in lines:
        near = [w for w in second if w.bbox[1] < line.bbox[3] and w.bbox[3] > line.bbox[1]]
        out.append(_better_marks(line, near, every_word=True) if near else line)
    return out


def _parts(text: str) -> tuple[str, str, str]:
    """`text` as what stands before its first letter or digit, the rest up to its last, and what follows
    (a word read alone often gains a stray '.' at its end)."""
    alnum = [k for k, c in enumerate(text) if c.isalnum()]
    if not alnum:
        return text, "", ""
    return text[:alnum[0]], text[alnum[0]:alnum[-1] + 1], text[alnum[-1] + 1:]


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def unturned_marks(lines: list[Line], unturned: np.ndarray, to_image: np.ndarray, lang: str,
                   timeout: int) -> list[Line]:
    """`lines`, read on a page turned slightly (`unturned`: the page before the turn; `to_image`: the 2x3
    map of its pixels onto the turned page's), with each stacked word read under TURN_UNSURE given the
    marks two readings of `unturned` agree on, its own (psm 8) and its words' in the line, where they spell
    the same letters in the same case. The second is read only where the first changes the word's marks: the
    word and up to CONTEXT words each side, and where that disagrees the whole line (each as a block, psm 6,
    so a neighbour line's edge in the box is a line of its own)."""
    back = cv2.invertAffineTransform(to_image)

    def mapped(box: tuple[float, float, float, float]) -> Word:
        return Word(text="", bbox=_mapped_box(box, back))

    def marks_only(word: Word, other: Word) -> str | None:
        """`other`'s letters and digits where they are `word`'s with other marks."""
        core, theirs = _parts(word.text)[1], _parts(other.text)[1]
        return theirs if core and theirs != core and _letters(theirs) == _letters(core) else None

    def agrees(word: Word, place: Word, theirs: str, second: list[Word]) -> bool:
        """A word of `second` at `place` gives `word` the marks `theirs`."""
        return any(marks_only(word, other) == theirs for other in second if _same_place(place, other))

    def read(place: Word, psm: int) -> list[Word]:
        try:
            return _line_alone(unturned, place, lang, timeout, None, psm=psm)
        except OcrError:  # a second reading that fails (a timeout) leaves the page pass's reading
            return []

    out = list(lines)
    for i, line in enumerate(lines):
        asked = {id(word) for word in line.words if line.role != "stamp" and word.conf is not None
                 and word.conf < TURN_UNSURE and any(m in _decomposed(word.text) for m in _STACKED)}
        if not asked:
            continue
        in_line = None  # the whole line, read once, where a span's reading does not agree
        words, changed = [], False
        for k, word in enumerate(line.words):
            place = mapped(word.bbox)
            alone = read(place, 8) if id(word) in asked else []
            theirs = marks_only(word, alone[0]) if len(alone) == 1 else None
            if theirs:
                near = line.words[max(0, k - CONTEXT):k + CONTEXT + 1]
                span = (min(w.bbox[0] for w in near), min(w.bbox[1] for w in near),
                        max(w.bbox[2] for w in near), max(w.bbox[3] for w in near))
                agree = agrees(word, place, theirs, read(mapped(span), 6))
                if not agree and len(near) < len(line.words):
                    in_line = read(mapped(line.bbox), 6) if in_line is None else in_line
                    agree = agrees(word, place, theirs, in_line)
                if agree:
                    lead, _, tail = _parts(word.text)
                    word = word.model_copy(update={"text": lead + theirs + tail})
                    changed = True
            words.append(word)
        if changed:
            out[i] = layout.make_line(words, line.block).model_copy(update={"role": line.role})
    return out
