"""Reading order of an official page's two-column zones, from the line boxes.

The header of a first page is two columns side by side (issuer, `Số:`, `V/v` summary | motto,
place and date) and so is the foot of the last (`Nơi nhận:` list | signer's title and name).
Tesseract reads them row by row, interleaving the columns, or joins a row of both into one line;
so does a PDF's text layer, whose words are put in rows by position (textlayer.page_lines)
whatever order its content stream holds them in. One implementation serves both, on the lines'
boxes (pixels or points: every measure here is in line heights or shares of the text's width).
A person reads the left column, then the right (Decree 30/2020, Appendix I layout), so each such
zone is put in that order; every other line keeps Tesseract's order.

A zone is found from rows where two body lines stand side by side with a column-wide gap near
the middle of the text; lines below that keep to one side and follow on without a blank line's
gap belong to it too. Only zones holding the motto, the Party's name or `Nơi nhận`
are reordered: side-by-side rows elsewhere (a form's fields) read row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnresolve.ingest.layout import fold, make_line
from vnresolve.schemas import Line

SIDE_BY_SIDE = 0.5  # share of the lower line's height two lines must share to stand in one row
COLUMN_GAP = 1.5  # in line heights: wider than any word space, narrower than the header's gutter
# The gutter lies in this band of the text's width: official headers and signature blocks divide
# the text at about 40 %, and a hand-filled blank ('Số:    /', 'ngày    tháng') lies outside it.
GUTTER_BAND = (0.25, 0.65)
SEED_REACH = 10  # in line heights: the signature's space (3-4 cm) between the signer's title and name rows
FOLLOW_GAP = 1.0  # in line heights: a wider vertical gap (a blank line) ends a column
# A line that runs across the gutter is two columns joined when its widest word gap, over the
# gutter, is this many times its usual word gap and at least SPLIT_MIN line heights.
SPLIT_RATIO = 2.5
SPLIT_MIN = 0.5
_OFFICIAL = re.compile(r"c[o0]ng\s*h[o0]a\s*x|d[o0]c\s*l[a4]p\s*-|(?:d|p|b|dp)[a-z]ng\s*c[o0]ng\s*s[a-z]n|n[o0]i\s*nh[a4]n")


@dataclass
class _Zone:
    left: float  # the gutter's x-interval
    right: float
    top: float
    bottom: float


def _height(line: Line) -> float:
    return max(1.0, line.bbox[3] - line.bbox[1])


def _side_by_side(a: Line, b: Line) -> bool:
    shared = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    return shared >= SIDE_BY_SIDE * min(_height(a), _height(b))


def _seeds(body: list[Line]) -> list[tuple[float, float, float, float]]:
    """(gap x0, gap x1, row top, row bottom) of each pair of side-by-side lines with a gutter between."""
    x0, x1 = min(line.bbox[0] for line in body), max(line.bbox[2] for line in body)
    band = (x0 + GUTTER_BAND[0] * (x1 - x0), x0 + GUTTER_BAND[1] * (x1 - x0))
    out = []
    for a in body:
        for b in body:
            gap = b.bbox[0] - a.bbox[2]
            if (gap >= COLUMN_GAP * max(_height(a), _height(b)) and _side_by_side(a, b)
                    and a.bbox[2] < band[1] and b.bbox[0] > band[0]):
                out.append((a.bbox[2], b.bbox[0], min(a.bbox[1], b.bbox[1]), max(a.bbox[3], b.bbox[3])))
    return sorted(out, key=lambda s: (s[2], s[0]))


def _crosses(line: Line, zone: _Zone) -> bool:
    return line.bbox[0] < zone.left and line.bbox[2] > zone.right


def split_at_gutter(line: Line, left: float, right: float) -> list[Line]:
    """The line cut in two at its widest word gap when that gap is a column gap over the gutter
    (two columns Tesseract read as one line), else the line alone."""
    words = line.words
    if len(words) < 3:
        return [line]
    gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:])]
    k = max(range(len(gaps)), key=lambda i: gaps[i])
    usual = sorted(gaps[:k] + gaps[k + 1:])[(len(gaps) - 1) // 2]
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    over = words[k].bbox[2] < right and words[k + 1].bbox[0] > left
    if over and gaps[k] >= SPLIT_RATIO * max(usual, 1.0) and gaps[k] >= SPLIT_MIN * heights[len(heights) // 2]:
        return [make_line(words[: k + 1], line.block), make_line(words[k + 1:], line.block)]
    return [line]


def _zones(body: list[Line], pitch: float) -> list[_Zone]:
    """Seed rows grouped into zones sharing one gutter; a line across the gutter ends a zone, and so
    does a stretch of more than SEED_REACH lines with no row of both columns (the header is not
    one zone with the signature block of a page whose body is all short lines)."""
    zones: list[_Zone] = []
    for gx0, gx1, top, bottom in _seeds(body):
        zone = zones[-1] if zones else None
        if (zone is not None and gx0 < zone.right and gx1 > zone.left and top - zone.bottom <= SEED_REACH * pitch
                and not any(_crosses(line, zone) and zone.bottom <= (line.bbox[1] + line.bbox[3]) / 2 <= (top + bottom) / 2
                            and len(split_at_gutter(line, zone.left, zone.right)) == 1 for line in body)):
            zone.left, zone.right = max(zone.left, gx0), min(zone.right, gx1)
            zone.top, zone.bottom = min(zone.top, top), max(zone.bottom, bottom)
        else:
            zones.append(_Zone(gx0, gx1, top, bottom))
    return zones


def _members(body: list[Line], zone: _Zone, pitch: float) -> list[Line]:
    """The body lines of the zone, lines joined across the gutter split, widened down by the lines
    that keep to one side and follow on without a blank line between (the `V/v` summary under
    `Số:`, the rest of the recipients), and up by rows of both columns (a first row Tesseract
    joined into one line). A line above over one column only is no part of it (a digital
    signature's stamp over the motto)."""
    pieces = [p for line in body for p in (split_at_gutter(line, zone.left, zone.right) if _crosses(line, zone) else [line])]
    pieces.sort(key=lambda line: (line.bbox[1], line.bbox[0]))
    inside = [i for i, p in enumerate(pieces) if zone.top <= (p.bbox[1] + p.bbox[3]) / 2 <= zone.bottom]
    if not inside or any(_crosses(pieces[i], zone) for i in inside):
        return []
    first, last = inside[0], inside[-1]
    middle = (zone.left + zone.right) / 2

    def left(line: Line) -> bool:
        return (line.bbox[0] + line.bbox[2]) / 2 < middle

    def paired(i: int) -> bool:
        return any(_side_by_side(pieces[i], p) and left(p) != left(pieces[i]) for p in pieces if p is not pieces[i])

    while (first > 0 and not _crosses(pieces[first - 1], zone) and paired(first - 1)
           and pieces[first].bbox[1] - pieces[first - 1].bbox[3] <= FOLLOW_GAP * pitch):
        first -= 1
    while (last + 1 < len(pieces) and not _crosses(pieces[last + 1], zone)
           and pieces[last + 1].bbox[1] - max(p.bbox[3] for p in pieces[first:last + 1]) <= FOLLOW_GAP * pitch):
        last += 1
    return pieces[first:last + 1]


def reading_order(lines: list[Line]) -> list[Line]:
    """The page's lines with each official two-column zone read left column, then right column
    (each column one block); lines outside the zones, and every non-body line, keep their place."""
    body = [line for line in lines if line.role == "body" and line.words]
    if len(body) < 2:
        return lines
    heights = sorted(_height(line) for line in body)
    pitch = heights[len(heights) // 2]
    block = max(line.block for line in lines)
    out = lines
    for zone in _zones(body, pitch):
        members = _members([line for line in out if line.role == "body" and line.words], zone, pitch)
        if not any(_OFFICIAL.search(fold(line.text)) for line in members):
            continue
        middle = (zone.left + zone.right) / 2
        left = [line for line in members if (line.bbox[0] + line.bbox[2]) / 2 < middle]
        right = [line for line in members if (line.bbox[0] + line.bbox[2]) / 2 >= middle]
        block += 2
        ordered = ([line.model_copy(update={"block": block - 1}) for line in left]
                   + [line.model_copy(update={"block": block}) for line in right])
        out = _replace(out, members, ordered)
    return out


def _replace(lines: list[Line], members: list[Line], ordered: list[Line]) -> list[Line]:
    """`lines` with the zone's lines (or the lines they were cut from) taken out and `ordered` put
    where the first of them stood."""
    boxes = {tuple(w.bbox) for line in members for w in line.words}
    out: list[Line] = []
    placed = False
    for line in lines:
        taken = [w for w in line.words if tuple(w.bbox) in boxes] if line.role == "body" else []
        if not taken:
            out.append(line)
            continue
        if not placed:
            out.extend(ordered)
            placed = True
        rest = [w for w in line.words if tuple(w.bbox) not in boxes]  # the piece of a cut line left outside
        if rest:
            out.append(make_line(rest, line.block))
    return out
