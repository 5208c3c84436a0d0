"""Header and signature regions of a page, read from the word boxes rather than the line order.

The header is two columns (issuer | motto; number | place and date) and the foot is two more
(Nơi nhận | signature). OCR and text layers interleave them in any order; here each line is cut
into runs of words at wide gaps and each run goes to the column its centre falls in, ordered top
to bottom. Text comes from the restored page text where its lines line up with the page's lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from vnresolve.parsers.formats import MOTTO
from vnresolve.parsers.text import fold
from vnresolve.schemas import HANDWRITTEN_CONF, Line, Page

RUN_GAP = 2.0  # in word heights: a wider gap between two words starts another run (column)
# A pen stroke or a seal's edge read as a long word (under WEAK_WORD) laid over printed words read
# surely (SURE_WORD and more): the print under a stroke, not the same ink read twice
WEAK_WORD, SURE_WORD = 50.0, 85.0


@dataclass(frozen=True)
class Run:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float | None  # the lowest word confidence in the run (None: text layer)
    words: tuple[tuple[str, float | None], ...]  # (text, conf) of each word
    spans: tuple[tuple[float, float], ...] = ()  # (x0, x1) of each word, where the page has word boxes
    band: tuple[float, float] = ()  # (top, bottom) of its words of a text's height, where the page has word boxes

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def row(self) -> tuple[float, float]:
        """The top and bottom of the row the run stands on: a signature stroke read as a tall word
        stretches y0-y1 over the next row, not the row itself."""
        return self.band or (self.y0, self.y1)

    def cut(self, after: int) -> tuple[Run, Run]:
        """The run split after its word `after` (0-based): two runs of the same row."""
        def part(sl: slice) -> Run:
            ws, sp = self.words[sl], self.spans[sl]
            confs = [c for _, c in ws if c is not None]
            return Run(" ".join(t for t, _ in ws), sp[0][0], self.y0, sp[-1][1], self.y1,
                       min(confs) if confs else None, ws, sp, self.band)
        return part(slice(0, after + 1)), part(slice(after + 1, None))

    @property
    def folded(self) -> str:
        return fold(self.text)


def has_boxes(page: Page) -> bool:
    return bool(page.width) and sum(1 for line in page.lines if line.role == "body") >= 3


def _restored_lines(page: Page) -> list[tuple[Line, str]]:
    """Body lines with their restored text (page.text holds one line per body line, in order)."""
    body = [line for line in page.lines if line.role == "body"]
    texts = [t for t in page.text.split("\n") if t.strip()]
    if len(texts) != len(body):
        return [(line, line.text) for line in body]
    return list(zip(body, texts))




# the OCR confidence below which a digit written small in a blank is taken for a speck
_SMALL_DIGIT_CONF = 30.0


def _filled_in(line: Line, stamps: list[Line]) -> list:
    """The line's words with the digits written into its blanks in coloured ink (read apart from the
    print as stamp lines: 'Số: [04] /QĐ-UBND', 'ngày [05] tháng'), each where it stands."""
    y0, y1 = line.bbox[1], line.bbox[3]
    # a digit written in, however small, covers a square a fifth of the printed digits' height and stands a third
    # of it: a box smaller is a speck read as a digit (a dot of the seal's ink 1 px wide, 5 high); one under half
    # their height is a digit only where OCR read it as one with some confidence (a seal's dot 3x12 px reads at 3)
    printed = sorted(w.bbox[3] - w.bbox[1] for w in line.words if any(ch.isdigit() for ch in w.text)) or [y1 - y0]
    digit = printed[len(printed) // 2]
    extra = [w for s in stamps for w in s.words
             if w.text.strip(".,").isdigit() and line.bbox[0] <= (w.bbox[0] + w.bbox[2]) / 2 <= line.bbox[2]
             and (w.bbox[2] - w.bbox[0]) * (w.bbox[3] - w.bbox[1]) >= (0.2 * digit) ** 2
             and (w.bbox[3] - w.bbox[1] >= 0.5 * digit
                  or w.bbox[3] - w.bbox[1] >= digit / 3 and w.conf is not None and w.conf >= _SMALL_DIGIT_CONF)
             and min(y1, w.bbox[3]) - max(y0, w.bbox[1]) > 0.5 * min(y1 - y0, w.bbox[3] - w.bbox[1])
             and not any(min(v.bbox[2], w.bbox[2]) - max(v.bbox[0], w.bbox[0]) > 0 for v in line.words)]
    if not extra:
        return line.words
    extra = [w.model_copy(update={"conf": min(w.conf if w.conf is not None else 0.0, HANDWRITTEN_CONF)}) for w in extra]
    return sorted([*line.words, *extra], key=lambda w: w.bbox[0])


def runs(page: Page) -> list[Run]:
    """Every body line of the page cut into runs at wide gaps, top to bottom; digits written into a
    line's blanks in coloured ink take their place in it."""
    out: list[Run] = []
    stamps = [line for line in page.lines if line.role == "stamp"]
    lines = _restored_lines(page)
    typical = _typical_height(lines)
    for line, text in lines:
        words = _filled_in(line, stamps) if stamps else line.words
        tokens = text.split() if words is line.words else [w.text for w in words]
        if not words:
            out.append(Run(text.strip(), *line.bbox, line.conf, ((text.strip(), line.conf),)))
            continue
        same = len(tokens) == len(words)
        heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
        gap = RUN_GAP * max(heights[len(heights) // 2], 1.0)
        parts: list[list[int]] = [[0]]
        for i in range(1, len(words)):
            if words[i].bbox[0] - words[i - 1].bbox[2] > gap:
                parts.append([i])
            else:
                parts[-1].append(i)
        for part in parts:
            ws = [words[i] for i in part]
            toks = [tokens[i] if same else words[i].text for i in part]
            confs = [w.conf for w in ws if w.conf is not None]
            out.append(Run(" ".join(toks), min(w.bbox[0] for w in ws), min(w.bbox[1] for w in ws),
                           max(w.bbox[2] for w in ws), max(w.bbox[3] for w in ws), min(confs) if confs else None,
                           tuple((t, w.conf) for t, w in zip(toks, ws)), tuple((w.bbox[0], w.bbox[2]) for w in ws),
                           _band(ws, typical)))
    out.sort(key=lambda r: (round(r.y0), r.x0))
    return out


TALL_WORD = 1.5  # in the page's typical word heights: a word taller is a pen stroke read with the letters it crosses


def _band(words: list, typical: float) -> tuple[float, float]:
    """The top and bottom of the run's words of a text's height: a pen stroke read as a tall word (or
    with the letters it crosses) does not stretch the row; a run of tall print keeps all its words."""
    kept = [w for w in words if w.bbox[3] - w.bbox[1] <= TALL_WORD * typical] or words
    return min(w.bbox[1] for w in kept), max(w.bbox[3] for w in kept)


def _typical_height(lines: list[tuple[Line, str]]) -> float:
    """The median height of the page's words holding a letter or digit."""
    hs = sorted(w.bbox[3] - w.bbox[1] for line, _ in lines for w in line.words if any(ch.isalnum() for ch in w.text))
    return hs[len(hs) // 2] if hs else float("inf")


def columns(rs: list[Run], split: float) -> tuple[list[Run], list[Run]]:
    """(left, right) by each run's centre, each top to bottom."""
    return _join_rows([r for r in rs if r.cx < split]), _join_rows([r for r in rs if r.cx >= split])


def _join_rows(rs: list[Run]) -> list[Run]:
    """Runs of one column on the same row joined left to right ('Số:' and a blank, then '/TB-UBND')."""
    out: list[Run] = []
    for r in sorted(rs, key=lambda r: (r.y0, r.x0)):
        last = out[-1] if out else None
        (t0, b0), (t1, b1) = (last.row if last else (0, 0)), r.row
        if last is not None and min(b0, b1) - max(t0, t1) > 0.5 * min(b0 - t0, b1 - t1):
            a, b = (last, r) if last.x0 <= r.x0 else (r, last)
            confs = [c for c in (a.conf, b.conf) if c is not None]
            words, spans = _interleave(a, b)
            out[-1] = Run(" ".join(t for t, _ in words), min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1),
                          max(a.y1, b.y1), min(confs) if confs else None, words, spans, (min(t0, t1), max(b0, b1)))
        else:
            out.append(r)
    return out


def _interleave(a: Run, b: Run) -> tuple[tuple, tuple]:
    """The words of two runs of one row in the order they stand (OCR may read a row as two or three
    lines whose words interleave: 'Lưu VT, TCK' / 'T' / 'ru VT.'), less a word inside another's
    box: the same ink read twice."""
    if not (len(a.spans) == len(a.words) and len(b.spans) == len(b.words) and a.spans and b.spans):
        return a.words + b.words, ()
    pairs = sorted(zip(a.words + b.words, a.spans + b.spans), key=lambda p: p[1])
    # the two readings' boxes of one word differ by a pixel or two at an edge, where they read the same letters
    slack = 0.1 * min(a.row[1] - a.row[0], b.row[1] - b.row[0])
    kept = [(w, s) for w, s in pairs
            if not any((o[0] <= s[0] and s[1] <= o[1] or o[0] - slack <= s[0] and s[1] <= o[1] + slack
                        and _same_ink(v[0], w[0])) and o[1] - o[0] > s[1] - s[0] and not _over(v, w)
                       for v, o in pairs)]
    return tuple(w for w, _ in kept), tuple(s for _, s in kept)


def _same_ink(x: str, y: str) -> bool:
    """Whether two readings agree as one word's ink read twice: the same letters, or the letters of one
    in order within the other's ('BÍ' and 'BÍ', 'TH' and 'THƯ'), not a seal's 'TỈNH' over 'TỊCH'."""
    a, b = sorted(("".join(ch for ch in fold(t) if ch.isalnum()) for t in (x, y)), key=len)
    it = iter(b)
    return bool(a) and all(ch in it for ch in a)


def _over(outer: tuple[str, float | None], inner: tuple[str, float | None]) -> bool:
    """Whether `outer`, whose box holds `inner`'s, is a stroke read over it."""
    return outer[1] is not None and outer[1] < WEAK_WORD and inner[1] is not None and inner[1] >= SURE_WORD


def motto_run(rs: list[Run]) -> Run | None:
    return next((r for r in rs if MOTTO.search(r.folded)), None)


def line_height(rs: list[Run]) -> float:
    hs = sorted(r.y1 - r.y0 for r in rs) or [1.0]
    return hs[len(hs) // 2]
