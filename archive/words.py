"""The restored words of a page with their boxes and original OCR strings: the one source the
PDF text layer, ALTO and hOCR writers (and review tools) read.

A page's text is its body lines joined (ingest.layout.body_text) and then restored token by token;
the restorer keeps every space and line break where it was and records each token it changed
(Document.restoration.corrections, offsets in the restored Document.text). Undoing those
corrections gives back the text the page's words were joined into, so each word's span in it maps
onto the restored text exactly. Lines that are not body text (page numbers, running headers,
stamps) were never restored and keep their OCR strings.
"""

from __future__ import annotations

import bisect
import difflib
import math
from dataclasses import dataclass

from vnresolve.ingest.layout import body_text
from vnresolve.schemas import Document, Page

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class ArchiveWord:
    text: str  # restored
    original: str  # as OCR (or the text layer) read it
    bbox: BBox  # in the page's pixel space at Page.dpi, origin top-left (as Word.bbox)
    conf: float | None  # OCR confidence 0-100; None for text-layer words
    restoration: float | None = None  # the restorer's confidence when it changed the word
    span: tuple[int, int] | None = None  # its restored text in Document.text (body words whose page text is theirs joined)


@dataclass(frozen=True)
class ArchiveLine:
    bbox: BBox
    block: int
    role: str
    words: tuple[ArchiveWord, ...]


@dataclass(frozen=True)
class ArchivePage:
    number: int
    source: str  # Page.source
    width: float  # of the image the boxes are in (after the rotation and deskew OCR applied)
    height: float
    dpi: float
    rotation: int
    skew: float
    lines: tuple[ArchiveLine, ...]

    @property
    def words(self) -> list[ArchiveWord]:
        return [w for line in self.lines for w in line.words]

    def to_source(self, x: float, y: float) -> tuple[float, float]:
        """A point of the OCR image in the page image as it came in (same pixel scale): the deskew
        (a turn about the centre) and the quarter turns undone."""
        if self.skew:
            # preprocess.rotate turned the image by `skew` degrees counter-clockwise about its centre
            a = math.radians(self.skew)
            cx, cy, dx, dy = self.width / 2, self.height / 2, x - self.width / 2, y - self.height / 2
            x, y = cx + dx * math.cos(a) - dy * math.sin(a), cy + dx * math.sin(a) + dy * math.cos(a)
        w, h = self.width, self.height
        if self.rotation == 90:  # the image was turned 90° clockwise before OCR
            return y, w - x
        if self.rotation == 180:
            return w - x, h - y
        if self.rotation == 270:
            return h - y, x
        return x, y

    @property
    def source_size(self) -> tuple[float, float]:
        """Width and height of the page image as it came in, at this page's pixel scale."""
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    def source_box(self, bbox: BBox) -> BBox:
        """The axis-aligned box in the incoming page image that holds `bbox`'s corners."""
        xs, ys = zip(*(self.to_source(x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])))
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def text_angle(self) -> float:
        """Degrees counter-clockwise the text runs at on the incoming page image."""
        return (self.rotation - (self.skew or 0.0)) % 360


def document_pages(doc: Document) -> list[ArchivePage]:
    return [page_words(doc, page) for page in doc.pages]


def page_words(doc: Document, page: Page) -> ArchivePage:
    restored = _restored_words(doc, page)
    lines = []
    k = 0
    for line in page.lines:
        words = []
        for word in line.words:
            text, conf, span = restored[k] if line.role == "body" else (word.text, None, None)
            k += line.role == "body"
            words.append(ArchiveWord(text=text, original=word.text, bbox=tuple(word.bbox), conf=word.conf,
                                     restoration=conf, span=span))
        lines.append(ArchiveLine(bbox=tuple(line.bbox), block=line.block, role=line.role, words=tuple(words)))
    return ArchivePage(number=page.number, source=page.source, width=float(page.width or 0),
                       height=float(page.height or 0), dpi=float(page.dpi or 72), rotation=page.rotation % 360,
                       skew=float(page.skew or 0.0), lines=tuple(lines))


def _restored_words(doc: Document, page: Page) -> list[tuple[str, float | None, tuple[int, int] | None]]:
    """(restored text, restorer confidence when changed, span in Document.text) of each body word,
    in line order."""
    words = [w.text for line in page.lines if line.role == "body" for w in line.words]
    if not words:
        return []
    original = body_text(page.lines)
    every = doc.restoration.corrections if doc.restoration else []
    # the corrections are in text order: the page's are found by bisection (a 200-page document has
    # tens of thousands)
    lo = bisect.bisect_left(every, page.start, key=lambda c: c.start)
    hi = bisect.bisect_right(every, page.end, lo=lo, key=lambda c: c.start)
    corrections = [c for c in every[lo:hi] if c.end <= page.end]
    text = page.text if page.text is not None else doc.text[page.start:page.end]
    unrestored, spans = _undo(text, corrections, page.start)
    if unrestored == original:
        out, offset = [], 0
        starts = [s[0] for s in spans]
        for word in words:
            start = original.index(word, offset)
            offset = start + len(word)
            word_text, conf, (r0, r1) = _mapped(text, spans, starts, start, offset)
            out.append((word_text, conf, (page.start + r0, page.start + r1)))
        return out
    return [(word, None, None) for word in _aligned(words, text.split())]


def _undo(restored: str, corrections, base: int) -> tuple[str, list[tuple[int, int, int, int, float]]]:
    """The text before restoration, and each correction as (original start, original end, restored
    start, restored end, confidence) in page offsets."""
    parts, spans, pos, shift = [], [], 0, 0
    for c in sorted(corrections, key=lambda c: c.start):
        start, end = c.start - base, c.end - base
        if start < pos or restored[start:end] != c.restored:
            continue  # not a correction of this text (the page was changed after restoring)
        parts.append(restored[pos:start])
        o_start = start - shift
        parts.append(c.original)
        spans.append((o_start, o_start + len(c.original), start, end, c.confidence))
        shift += (end - start) - len(c.original)
        pos = end
    parts.append(restored[pos:])
    return "".join(parts), spans


def _mapped(restored: str, spans, starts: list[int], start: int, end: int) -> tuple[str, float | None, tuple[int, int]]:
    """The restored text of the original span [start, end), the confidence of a correction in it and
    its span in the restored text. `spans` are sorted and do not overlap (`starts` their original
    starts): bisection finds the ones around an offset."""

    def at(offset: int, is_end: bool) -> int:
        k = bisect.bisect_left(starts, offset) if is_end else bisect.bisect_right(starts, offset)
        if not k:
            return offset
        o0, o1, r0, r1, _ = spans[k - 1]
        if offset < o1 or (is_end and offset == o1):
            return r1 if is_end else r0  # inside a changed token: the whole token
        return offset + (r1 - o1)

    confs = []
    for k in range(bisect.bisect_left(starts, end) - 1, -1, -1):
        if spans[k][1] <= start:
            break
        confs.append(spans[k][4])
    r0, r1 = at(start, False), at(end, True)
    return restored[r0:r1], (min(confs) if confs else None), (r0, r1)


def _aligned(words: list[str], restored: list[str]) -> list[str]:
    """Fallback when the page's text is not its words joined: the restored tokens paired with the
    words where the two sequences line up one to one; elsewhere the word keeps its OCR string."""
    out = list(words)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in words], b=[r.lower() for r in restored], autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i1 - i0 == j1 - j0:
            out[i0:i1] = restored[j0:j1]
    return out
