"""What is drawn over a page image, recognised from its word boxes: a digital signature's
appearance and a typed note over the header.

Read from its PDF, a page knows what was drawn over the scan (`layout.tag_overlays`); a page image
(a scan exported as JPEG or PNG, a photo, a scanner that flattened the PDF) does not, and OCR reads
that text into the body. Both are found here by their printed form and taken out of the body as the
PDF's are: lines of their own, role "stamp", each kind in a block of its own.

- An e-signature appearance: Vietnam's e-government signing tools stamp a block of small
  left-aligned lines, 'Ký bởi: …', 'Cơ quan: …', 'Thời gian ký: dd/mm/yyyy hh:mm:ss', or an
  organisation's name (and e-mail) over 'dd.mm.yyyy hh:mm:ss +07:00'. A 'Ký bởi:' line, or a signing
  time (labelled, or with its UTC offset), anchors a block; the lines stacked on it at its left edge
  are the rest; an electronic copy's ('SAO Y', the copying body, its time) is known by its form atop
  the first page where its time line is lost under the motto. The parsers take the fields from the
  same blocks (`esignature_blocks`).
- A typed note: a reader's routing note typed over the header band, under the place and date line,
  in a type clearly smaller than the body's, its lines starting at one left edge right of the axis of
  the header's left column. No official element stands there: Decree 30/2020 (Appendix I) centres
  the issuer, number and summary on that axis and puts only the motto and the date at the right.
"""

from __future__ import annotations

import re

from vnresolve.ingest.layout import fold, lift_out
from vnresolve.schemas import Line, SignatureField, Word

# on the folded text ('Ký bởi:' -> 'ky boi:'). 'Cơ quan:' anchors nothing: a form's body lines open with it too
SIGNED_BY = re.compile(r"^\W*ky\s*boi\s*:")
TIME_LABEL = re.compile(r"^\W*thoi\s*gian\s*ky\s*:")
SIGNED_AT = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}:\d{2}")  # the signing's clock time, to the second
LABELS = re.compile(r"^\W*(?:ky\s*boi|nguoi\s*ky|co\s*quan|thoi\s*gian\s*ky)\s*:")  # an appearance's labels
CO_QUAN = re.compile(r"^\W*co\s*quan")  # the one label a form's lines open with too
CLOCK = re.compile(r"\d{4}\s+\d{1,2}:\d{2}:\d{2}")  # a year and a time to the second ('67.02 3035 08:41:04')
OFFSET = re.compile(r"[+-]\d{2}:\d{2}")  # '+07:00': the tools print the UTC offset; a download watermark's time has none
ZONE = re.compile(r"\+\d{2}:\d{2}")  # Vietnam's offset, '+07:00': a time range ('08:00-08:30') has a dash
# An electronic copy's appearance (Decree 30/2020, Appendix I) heads its block with the copy's form and
# stands at the top right of the first page, above the header: 'SAO Y' there, with lines stacked under it
COPY_FORM = re.compile(r"^\W*(?:sao\s*y|sao\s*luc|trich\s*sao)\W*$")
COPY_BAND = 0.08  # share of the page's height above the header (which starts 20-25 mm down an A4 page)
STACK_GAP = 1.0  # in the block's line heights: the appearance's lines are set solid
ALIGN = 1.0  # in line heights: how far a line's left edge may stray from the block's
BLOCK_LINES = 6  # the longest appearance: a name wrapped over three lines, e-mail, time, offset
TALLER = 1.6  # a line this much taller than the block's is print of another size, not the block
_WORDISH = re.compile(r"[^\W\d_]{2,}")  # a word's letters, not a speck OCR reads beside the time


def _height(line: Line) -> float:
    return max(1.0, line.bbox[3] - line.bbox[1])


def _anchors(pool: list[Line], i: int, height: float | None) -> bool:
    line = pool[i]
    text = fold(line.text).strip()
    if SIGNED_BY.match(text):
        return True
    if COPY_FORM.match(text):
        return bool(height and line.bbox[3] <= COPY_BAND * height and _stacked_below(pool, i) is not None)
    # above the header (Decree 30 sets it 20-25 mm down the first page) a time to the second or a label
    # of an appearance is drawn over the page: in small type at low resolution the time may be garbled
    atop = bool(height and line.bbox[3] <= COPY_BAND * height)
    if atop and (_label_atop(pool, line, text) or (ZONE.search(text) and not _WORDISH.search(text))):
        return True  # a label, or the offset on a line of no word: the time's, its digits garbled
    at = SIGNED_AT.search(text) or (CLOCK.search(text) if atop else None)
    if not at or not _time_alone(text, at):
        return False
    if atop:
        return True
    below = _stacked_below(pool, i)
    return bool(TIME_LABEL.match(text) or OFFSET.search(text, at.end())
                or (below is not None and _offset_alone(below.text)))


def _label_atop(pool: list[Line], line: Line, text: str) -> bool:
    """An appearance's label opening a line above the header. 'Cơ quan:' opens a form's lines too (a
    page cut tight puts them up there): it counts right of the lines' middle, where NĐ 30 sets the
    appearance (top right)."""
    if not LABELS.match(text):
        return False
    if not CO_QUAN.match(text):
        return True
    middle = (min(other.bbox[0] for other in pool) + max(other.bbox[2] for other in pool)) / 2
    return line.bbox[0] > middle


def _time_label(line: Line) -> float | None:
    """Where the time's label starts, if the line is that label alone ('Thời gian ký:'), a speck of a
    seal's rim read before it at most (left out of the line's edge); None for any other line."""
    words = line.words[1:] if len(line.words) > 1 and len(line.words[0].text) <= 2 else line.words
    text = fold(" ".join(word.text for word in words)).strip()
    at = TIME_LABEL.match(text)
    return words[0].bbox[0] if at and not _WORDISH.search(text[at.end():]) else None


def _left(line: Line) -> float:
    """A line's left edge, a speck before a time's label left out."""
    label = _time_label(line)
    return line.bbox[0] if label is None else label


def _offset_alone(text: str) -> bool:
    """Does the line hold the offset alone? A speck read beside it (a bracket off a seal's rim, a dot)
    is no word: the appearance's wrapped '+07:00' was read '+07:00)' beside a real seal."""
    at = OFFSET.search(text)
    return bool(at) and not re.search(r"[^\W_]", text[:at.start()] + text[at.end():])


def _time_alone(text: str, at: re.Match) -> bool:
    """Does the line hold the signing time alone: at most a short label ending in ':' before it and
    its offset after? The tools print it so; a report's sentence quoting a logged time is body text."""
    before = text[:at.start()].strip()
    after = OFFSET.sub("", text[at.end():], count=1)
    label = not _WORDISH.search(before) or before.endswith(":") and len(before.split()) <= 4
    return label and not _WORDISH.search(after)


def esignature_blocks(lines: list[Line], height: float | None = None) -> list[list[Line]]:
    """The e-signature appearances among `lines` (body or stamp lines with word boxes) of a page
    `height` high (None: unknown, no copy's appearance is looked for), each a list of its lines top
    to bottom."""
    pool = sorted((line for line in lines if line.role in ("body", "stamp") and line.words),
                  key=lambda line: (line.bbox[1], line.bbox[0]))
    taken: set[int] = set()
    blocks = []
    for i, line in enumerate(pool):
        if i in taken or not _anchors(pool, i, height):
            continue
        block = [i]
        size = _height(line)
        grown = True
        while grown and len(block) < BLOCK_LINES:
            grown = False
            for j, other in enumerate(pool):
                # the time's label over a time wrapped off it: its marks and descenders stand taller than
                # the digits' box and reach into it
                label = _time_label(other)
                if j in taken or j in block or (_height(other) > TALLER * size and label is None):
                    continue
                x0 = min(_left(pool[k]) for k in block)
                top, bottom = min(pool[k].bbox[1] for k in block), max(pool[k].bbox[3] for k in block)
                gap = max(other.bbox[1] - bottom, top - other.bbox[3])
                # a line between two of the block's (the e-mail between a centre's name and its time)
                inside = top < (other.bbox[1] + other.bbox[3]) / 2 < bottom
                if ((inside or -(0.5 if label is None else 1.0) * size <= gap <= STACK_GAP * size)
                        and abs(_left(other) - x0) <= ALIGN * size):
                    block.append(j)
                    grown = True
                    break
        taken.update(block)
        blocks.append(sorted((pool[k] for k in block), key=lambda line: line.bbox[1]))
    return sorted(blocks, key=lambda b: b[0].bbox[1])


def fields_of(blocks: list[list[Line]]) -> list[SignatureField]:
    """The appearances `esignature_blocks` found as the signature fields a signed PDF would have given
    for them (box and text, nothing the signature records): the evidence of when the page was signed."""
    return [SignatureField(bbox=(min(line.bbox[0] for line in block), block[0].bbox[1],
                                 max(line.bbox[2] for line in block), block[-1].bbox[3]),
                           text="\n".join(line.text for line in block))
            for block in blocks]


def _stacked_below(pool: list[Line], i: int) -> Line | None:
    """The next line under pool[i] at its left edge (where an offset wrapped off the time line sits)."""
    line = pool[i]
    for other in pool[i + 1:]:
        if (other.bbox[1] >= line.bbox[1] + 0.5 * _height(line) and other.bbox[1] - line.bbox[3] <= STACK_GAP * _height(line)
                and abs(other.bbox[0] - line.bbox[0]) <= ALIGN * _height(line)):
            return other
    return None


# A typed note over the header band
# word height over the body's: a 9-10 pt note under 13-14 pt body text measures 0.6-0.75 (a sans-serif's
# letters stand taller than a serif's of a size); print of 12 pt and over, the least Decree 30 sets, 0.82 and more
SMALL_TYPE = 0.8
EDGE = 0.5  # in body word heights: how far a note line's start may stray from the note's left edge
HEADER_BAND = 0.4  # share of the page's height: a first page's header and title stand above it
_DATE = re.compile(r"th\w{1,3}ng\s*\S{0,3}\s*n\w{1,2}m\s*\d{4}")  # the place and date line: '… tháng 5 năm 2019'
_NUMBER = re.compile(r"^\W*s[o0]\s*[:.]")  # 'Số:', the left column's axis


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def note_words(lines: list[Line], height: float) -> set[int]:
    """ids of the words of a typed note over the header band; empty when there is none."""
    body = [line for line in lines if line.role == "body" and line.words]
    if not body:
        return set()
    size = _median([w.bbox[3] - w.bbox[1] for line in body for w in line.words])
    top = [line for line in body if line.bbox[3] <= HEADER_BAND * height]
    date = next((line for line in top if _DATE.search(fold(line.text))), None)
    number = next((line for line in top if _NUMBER.match(fold(line.text))), None)
    if date is None or number is None:
        return set()
    axis = (number.bbox[0] + number.bbox[2]) / 2
    rows = [line for line in top if line.bbox[1] >= date.bbox[3] - 0.5 * size]

    def small(words: list[Word]) -> bool:
        return _median([w.bbox[3] - w.bbox[1] for w in words]) <= SMALL_TYPE * size

    def at(line: Line, edge: float) -> int | None:
        return next((k for k, w in enumerate(line.words) if abs(w.bbox[0] - edge) <= EDGE * size), None)

    # the note's left edge: where most lines in the small type start, right of the axis (leftmost on a tie)
    starts = sorted(line.bbox[0] for line in rows if line.bbox[0] > axis and small(line.words))
    if not starts:
        return set()
    edge = max(starts, key=lambda x: sum(abs(s - x) <= EDGE * size for s in starts))
    if sum(abs(s - edge) <= EDGE * size for s in starts) < 2:  # a block of lines, not a speck or a word
        return set()
    parts: list[list[Word]] = []
    for line in sorted(rows, key=lambda line: line.bbox[1]):
        k = at(line, edge)
        if k is None or (k > 0 and line.words[k - 1].bbox[2] >= edge):
            continue
        part = line.words[k:]
        # each line in the small type; one word's box tells too little (a speck or a rule stretches it)
        if len(part) == 1 or small(part):
            parts.append(part)
    # a block of lines set solid, in the small type; a row further down than a line's height ends it
    block = parts[:1]
    for part in parts[1:]:
        if min(w.bbox[1] for w in part) - max(w.bbox[3] for w in block[-1]) > size:
            break
        block.append(part)
    words = [w for part in block for w in part]
    if len(block) < 2 or not small(words):
        return set()
    return {id(w) for w in words}


def tag(lines: list[Line], height: float, appearances: list[list[Line]] | None = None) -> list[Line]:
    """`lines` with e-signature appearances and a typed note over the header band taken out of the
    body into stamp lines, each in a new block. `appearances`: those `esignature_blocks` found on
    an earlier state of these lines (taken by their words), else they are looked for here."""
    block = max((line.block for line in lines), default=0)
    for appearance in esignature_blocks(lines, height) if appearances is None else appearances:
        block += 1
        ids = {id(w) for line in appearance for w in line.words}
        lines = lift_out(lines, ids, block)
    ids = note_words(lines, height)
    return lift_out(lines, ids, block + 1) if ids else lines
