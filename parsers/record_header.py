"""The header read by region: the left column (issuer, number, V/v), the right (motto, place and
date), the urgency, secrecy and copy marks, then the type name and the subject."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from vnresolve.parsers import formats
from vnresolve.parsers.record_doubts import (
    WEAK_OCR, _caps, _doubt, _doubt_more, _lone_digit_unsure, _low, _unsure_digits, _weak, _year_unsure,
)
from vnresolve.parsers.record_issuer import (
    AND_LINE, _LOCALITY, _body_above, read_issuer,
)
from vnresolve.parsers.record_labels import _DATE, _KINH_GUI, _NUMBER_LABEL, _SO, _SYMBOL, _VV
from vnresolve.parsers.record_number import NumberSource, _digits, _number_from, _symbol_only, joined_number, open_number
from vnresolve.parsers.record_received import stamp_line
from vnresolve.parsers.record_subject import _type_and_subject
from vnresolve.parsers.regions import Run, columns, line_height, motto_run, runs
from vnresolve.parsers.text import fold, iso_date
from vnresolve.schemas import Document


# a date whose 'tháng' OCR lost: 'ngày 12', a blank, '6 năm 2022'
_DATE_NO_MONTH_WORD = re.compile(
    r"n[gqu][a-z0-9]{1,2}y?\s*+(?P<d>\d{1,2})\s++(?P<m>\d{1,2})\s++n[a-z0-9]{1,2}m\s*+(?P<y>\d{4})")
_SPECK_MARKS = "-'‘’`"


def _date_from(text: str, run: Run | None, meta) -> bool:
    folded = fold(text)
    m = _DATE.search(folded)
    lost = None
    if not m and run is not None and (lost := _DATE_NO_MONTH_WORD.search(folded)) and _month_word_lost(run):
        m = lost
    if not m:
        return False
    place = text[: m.start()].strip(" ,.-")
    if place and len(place) < 40:
        meta.place = place
    raw = [text[m.start(g): m.end(g)] for g in ("d", "m", "y")]
    d, mo, y = (_digits(t) for t in raw)
    specked = [t for t, v in zip(raw[:2], (d, mo)) if v is None and _digits(t.strip(_SPECK_MARKS))]
    if specked:  # '5-năm': a speck beside a printed digit read as a sign joined to it
        d, mo = (v if v is not None else _digits(t.strip(_SPECK_MARKS)) for t, v in zip(raw[:2], (d, mo)))
    iso = iso_date(int(y), int(mo), int(d)) if d and mo and y else None
    meta.date = iso
    if iso is None:
        _doubt(meta, "date", f"the day or month '{text[m.start():m.end()]}' is not readable (handwritten?)", 0.0)
    elif run is not None and (_low(run, d) or _low(run, mo)):
        _doubt(meta, "date", "the day or month was read with low OCR confidence (handwritten?)", 0.4)
    elif run is not None and (lone := next((t for t, label in ((d, "ngay"), (mo, "thang"))
                                            if _lone_digit_unsure(run, t, label)), None)):
        _doubt(meta, "date", f"the day or month '{lone}', one digit, was read below the confidence a printed digit "
                             "has: another digit misread?", 0.45)
    elif run is not None and (_low(run, y) or _year_unsure(run, y)):
        _doubt(meta, "date", f"the year '{y}' was read less surely than every other word of its line: a digit "
                             "misread?", 0.45)
    elif lost is not None:
        _doubt(meta, "date", "the word 'tháng' was not read (a blank stands where it was): the day and month "
                             "are taken in their order", 0.45)
    elif specked:
        _doubt(meta, "date", f"'{specked[0]}' was read: a speck beside the digit taken for a sign, dropped", 0.45)
    return True


def _month_word_lost(run: Run) -> bool:
    """Whether the run's day and month stand apart by a blank a word wide: OCR lost the word there."""
    if len(run.spans) != len(run.words):
        return False
    tokens = [fold(t) for t, _ in run.words]
    h = run.row[1] - run.row[0]
    return any(a.isdigit() and b.isdigit() and c.startswith("n") and run.spans[i + 1][0] - run.spans[i][1] > 2 * h
               for i, (a, b, c) in enumerate(zip(tokens, tokens[1:], tokens[2:])))


_MARK_FIELDS = {formats.URGENCY: "urgency", formats.SECRECY: "secrecy", formats.COPY_FORMS: "copy_form"}
_SPECKS = " .,;:*-_~'\"‘’`ˆ"  # '_MẬT': a rule's end or the stamp's edge read as an underscore


def _marks(meta, texts: list[str], tables: tuple = tuple(_MARK_FIELDS)) -> None:
    for text in texts:
        key = fold(text).strip(_SPECKS)  # a speck after the mark read as a sign ('KHẨN,', "HỎA TỐC '")
        for table, field in ((t, _MARK_FIELDS[t]) for t in tables):
            for mark in table:
                # a mark is a word or two stamped whole: a line more than a letter (per 8) away is another word
                # ('KIEM' of a seal's ring fits the loose 'K...' of 'KHẨN')
                near = Levenshtein.distance(key.replace(" ", ""), fold(mark).replace(" ", "")) <= 1 + len(mark) // 8
                if getattr(meta, field) is None and near and re.fullmatch(rf"{formats._loose(mark)}\.?", key):
                    setattr(meta, field, mark)
                    # a letter off is a misread mark, or a rule or speck read as letters (the Party motto's
                    # underline read 'mã', two letters of MẬT): given, doubted
                    if key.replace(" ", "") != fold(mark).replace(" ", ""):
                        _doubt(meta, field, f"'{text.strip()}' read where the mark '{mark}' stands: the mark "
                                            f"misread, or a rule or speck read as letters?", 0.4)


def _merged(first: Run, second: Run, text: str) -> Run:
    """Two runs read as one line of `text` (a number line and its rest under it)."""
    confs = [c for c in (first.conf, second.conf) if c is not None]
    return Run(text, min(first.x0, second.x0), first.y0, max(first.x1, second.x1), second.y1,
               min(confs) if confs else None, first.words + second.words,
               first.spans + second.spans if first.spans and second.spans else ())


def _under(run: Run, label: Run) -> bool:
    """Whether `run` goes on from the label: on its row to its right (a wide blank between), or right
    under it, within a line and a half, overlapping its column."""
    height = label.y1 - label.y0
    if min(run.y1, label.y1) - max(run.y0, label.y0) > 0.5 * min(height, run.y1 - run.y0):
        return run.x0 >= label.x1  # on its row (boxes of lines with marks overlap a little; a row, by half)
    return run.y0 - label.y1 < 1.5 * height and min(run.x1, label.x1 + 4 * height) > max(run.x0, label.x0 - height)


def _header_regions(doc: Document, stamps: list[list]) -> NumberSource | None:
    """The header read by region; `stamps`: the first page's received stamps (_stamp_groups). Gives
    the pass that read the number line, None where no number line was read."""
    page = doc.pages[0]
    meta = doc.metadata
    rs = runs(page)
    if not rs:
        return None
    width, h = page.width or max(r.x1 for r in rs), line_height(rs)
    motto = motto_run(rs[:12])
    # a motto run starting in the left third is the issuer's first line joined to it by OCR
    split = motto.x0 - h if motto and motto.x0 > width * 0.3 else width * 0.45
    rs = _cut_at_axis(rs, split, h)
    # the type name stands under the header: a line level with the motto's first is the issuer's
    # ('CHÍNH PHỦ', whose loose letters fit CÔNG ĐIỆN); the motto stands right of the split and above the
    # type line ('Căn cứ Hiến pháp nước Cộng hòa …' under the subject, where OCR lost the motto, is none)
    typed = [r for r in rs if formats.type_of_line(r.folded) and _caps(r.text) and abs(r.cx - width / 2) < width * 0.2]
    level = motto and motto.x0 > width * 0.3 and typed and motto.y0 < typed[0].y1
    below = motto.y1 if level else 0.0
    # and under the number line (NĐ 30, HD 36): a header line's piece above it that loosely fits a type's letters
    # is the issuer's ('BAN' / 'TỔ CHỨC', read apart, 'TỔ CHỨC' fitting THƯ CÔNG); where no type line stands
    # under it, the number line found is none
    if (at := _number_at(rs, split)) is not None and any(t.y0 >= rs[at].y1 - 0.5 * h for t in typed):
        below = max(below, rs[at].y1 - 0.5 * h)
    type_at = next((i for i, r in enumerate(rs) if any(r is t for t in typed) and r.y0 >= below), None)
    stop = next((i for i, r in enumerate(rs) if _KINH_GUI.match(r.folded) or
                 (r.x1 - r.x0 > width * 0.55 and not _motto_or_date(r))), len(rs))
    head = rs[: min(stop, type_at) if type_at is not None else stop]
    if len(head) < 2:
        return None
    # a run a third of a line high is a stroke or a seal's edge read as letters, not a line of text
    left, right = columns([r for r in head if r.y1 - r.y0 >= 0.4 * h], split)
    meta.read_from = "regions"
    # the regions replace what the text pass read from interleaved lines
    meta.number = meta.date = meta.place = None
    # left: [superior body,] issuer lines, Số line, then a công văn's V/v lines
    # the issuer's lines stand level with the motto: a note written in below them is not the issuer
    date_run = next((r for r in head if _DATE.search(r.folded)), None)
    issuers: list[Run] = []
    vv: list[Run] = []
    number_seen = vv_closed = False
    number_run = prev_y = last = None
    pending = None  # a number line its column's edge cut ('Số:', 'Số: 47/'), the rest under it

    def number_line(r: Run) -> bool:
        nonlocal number_seen, number_run
        if _number_from(r.text, r, meta) or _symbol_only(r.text, meta):
            number_seen, number_run = True, r
        elif _NUMBER_LABEL.match(r.folded):
            number_seen, number_run = True, r  # 'Số: 519/…' whose symbol does not parse: the number line still, never an issuer
            _doubt(meta, "number", f"the number line was read '{r.text.strip()}', no symbol of the forms", 0.0)
        return number_seen

    for r in left:
        rest = False  # r is the rest of a number line cut above it
        if not number_seen and pending is not None:
            joined = joined_number(pending.text, r.text) if _under(r, pending) else None
            both = _merged(pending, r, joined) if joined is not None else None
            # the two lines as one run (the serial's confidence is in the first); a join that reads as no
            # symbol is refused, so the line under the cut one stays what it is (a V/v subject)
            if both is not None and (_number_from(both.text, both, meta) or _symbol_only(both.text, meta)):
                number_seen, number_run, rest = True, both, True
            else:
                number_line(pending)  # not joined: the cut line alone, as it reads
            pending = None
        if rest:
            pass
        elif not number_seen and open_number(r.folded):
            pending = r
        elif not number_seen and number_line(r):
            pass
        elif (not number_seen and _caps(r.text) and len(r.text) >= 3 and not _SYMBOL_ANY.search(r.text)
              and not stamp_line(r.text)  # a received stamp over the issuer's column: the portal's name
              and (date_run is None or r.y0 < date_run.y0 or (issuers and issuers[-1] is last and AND_LINE.match(r.folded)))):
            issuers.append(r)  # a 'VÀ …' line under the last goes on with its name, below the date line too
        elif vv and _is_mark(r.text):
            vv_closed = True  # an urgency or secrecy mark printed under the V/v lines ends the subject
        elif not vv_closed and (vv or _VV.match(r.folded)) and (prev_y is None or r.y0 - prev_y < 2.2 * h):
            vv.append(r)  # 'V/v' opens a công văn's subject even where the number line above it was lost
        prev_y = r.y1 if (vv or _VV.match(r.folded)) else prev_y
        last = r
    if not number_seen and pending is not None:
        number_line(pending)
    source = NumberSource.PRINT if number_seen else None
    if not number_seen:
        number_run = _number_from_stamp_pass(page, meta, stamps, split, issuers[-1] if issuers else None, h)
        source = NumberSource.STAMP_PASS if number_run is not None else None
    issuers = [r for r in issuers if not _is_mark(r.text)]
    # the last three lines, a 'VÀ …' line counted with the one above it
    opening = [i for i, r in enumerate(issuers) if not AND_LINE.match(r.folded)]
    issuers = issuers[opening[-3] if len(opening) >= 3 else 0:]
    recovered = _body_above(page, issuers[0], h) if issuers and _LOCALITY.match(issuers[0].folded) else None
    if recovered is not None:
        issuers.insert(0, recovered)
    if issuers:
        read_issuer([r.text for r in issuers], meta)
        _weak(meta, "issuer", issuers)
    if vv:
        joined = " ".join(r.text for r in vv)
        meta.subject = joined[_VV.match(fold(joined)).end():].strip() or None
        _weak(meta, "subject", vv)
        _unsure_digits(meta, "subject", vv, doc.text or "")
    # right: motto, then place and date; what follows the date (routing notes) is not the header
    for r in right:
        if formats.MOTTO.search(r.folded):
            meta.system = "party" if "san" in r.folded else "state"
        elif _date_from(r.text, r, meta):
            break
    # a copy form, urgency or secrecy mark is often stamped (a rubber stamp, a signing's appearance)
    # urgency and secrecy marks stand under the number, above the type name (NĐ 30, HD 36): a stamp's text
    # lower down (a seal's ring in the foot read 'mạc') is none; a copy form is stamped at the foot too
    top = rs[type_at].y0 if type_at is not None else head[-1].y1 + 2 * h
    # a stamp line under two fifths of the print's height is a rule or a speck read as letters (the motto's
    # underline read 'ma', a letter from MẬT): a mark is stamped no smaller than the print
    stamped = [line for line in page.lines if line.role == "stamp" and line.bbox[3] - line.bbox[1] >= 0.4 * h]
    high = [line.text for line in stamped if line.bbox[1] < top]
    stamped = [line.text for line in stamped]
    signed = [t for f in page.signature_fields for t in f.text.splitlines()]
    _marks(meta, [r.text for r in head] + high + signed)
    _marks(meta, stamped, (formats.COPY_FORMS,))
    if number_run is not None:  # the marks' place ends at the type name, or at 'Kính gửi' or the body's first line
        # NĐ 30 puts the received stamp there too: its handwritten number and day, read unsurely, are no mark
        received = {id(line) for group in stamps for line in group}
        _unread_mark(meta, [line for line in page.lines if id(line) not in received], number_run,
                     min(top, rs[stop].y0) if stop < len(rs) else top, split, vv, h)
    if type_at is not None:
        _type_and_subject(meta, rs, type_at, width, h, [line for line in page.lines if line.role == "stamp"],
                          doc.text or "")
    return source


def _number_from_stamp_pass(page, meta, stamps: list[list], split: float, above: Run | None, h: float) -> Run | None:
    """The number line the print's pass lost but the pass for coloured ink read (a stamp line,
    'Số:1104UBND-VP', at confidence 0) right under the issuer's last line in the left column, its
    symbol whole: taken, doubted."""
    received = {id(line) for group in stamps for line in group}
    for line in page.lines:
        x0, y0, x1, y1 = line.bbox
        if (line.role != "stamp" or id(line) in received or (x0 + x1) / 2 >= split
                or above is None or not above.y1 - 0.5 * h <= y0 < above.y1 + 3 * h):
            continue
        if _SO.match(fold(line.text)) and _number_from(line.text, None, meta):
            _doubt_more(meta, "number", f"the number line was read only apart from the print, as a stamp's "
                                        f"ink ('{line.text.strip()}')", 0.4)
            return Run(line.text, x0, y0, x1, y1, line.conf, tuple((w.text, w.conf) for w in line.words))
    return None


def _unread_mark(meta, lines, number: Run, top: float, split: float, subject: list[Run], h: float) -> None:
    """Urgency and secrecy doubted, not certain-absent, where their place (under the number, above the
    type name: NĐ 30, HD 36) holds a line OCR could not read: a mark's ink read as specks ('l ‹H Ẩ Ị')."""
    for line in lines:
        x0, y0, x1, y1 = line.bbox
        cy = (y0 + y1) / 2
        if (line.conf is None or line.conf >= WEAK_OCR or not number.y1 <= cy < top or (x0 + x1) / 2 >= split
                or _is_mark(line.text) or any(r.y0 <= cy <= r.y1 for r in subject)):
            continue  # a typed or surely read line, out of the marks' place, or a công văn's V/v lines
        if min(x1 - x0, y1 - y0) < 0.2 * h:
            continue  # a speck no bigger than a full stop's dot (a fifth of a line high) is no letter's ink
        for field in ("urgency", "secrecy"):
            if getattr(meta, field) is None:
                _doubt(meta, field, f"the place of the marks under the number holds a line OCR could not read "
                                    f"('{line.text.strip()}')", 0.3)
        return


def _number_at(rs: list[Run], split: float) -> int | None:
    """Where the header's number line is among the page's first runs: in the left block, 'Số' and a symbol
    (its serial may be blank: 'Số:      /QĐ-UBND')."""
    return next((i for i, r in enumerate(rs[:15]) if r.x1 <= split and _SO.match(r.folded) and _SYMBOL.search(r.text)),
                None)


def _cut_at_axis(rs: list[Run], split: float, h: float) -> list[Run]:
    """A line of the header's left block that OCR ran across into the right column (the issuer's
    line and the motto; 'V/v bảo đảm … SV' and a note typed beside it) cut where the block ends: its
    lines are centred under the number and symbol (NĐ 30/2020 Phụ lục I), so a line ends about as
    far right of the number's centre as it starts left of it; the cut falls after the word ending
    nearest that point. The block: the rows above the number, and the V/v lines right under it."""
    at_number = _number_at(rs, split)
    if at_number is None:
        return rs
    number = rs[at_number]
    block = {id(r) for r in rs if r.y1 <= number.y0 + 0.5 * h}
    prev = number
    for r in rs[at_number + 1:]:
        if r.y0 < number.y1 - 0.5 * h or r.x0 >= number.cx:
            continue  # the date line level with the number; a note or the right column
        if r.y0 - prev.y1 > 0.8 * h or (prev is number and not _VV.match(r.folded)):
            break
        block.add(id(r))
        prev = r
    out: list[Run] = []
    for r in rs:
        if id(r) in block and r.spans and len(r.spans) == len(r.words) and r.x0 < number.cx < split < r.x1:
            end = 2 * number.cx - r.x0
            at = min(range(len(r.spans)), key=lambda i: abs(r.spans[i][1] - end))
            if at < len(r.spans) - 1 and (r.x0 + r.spans[at][1]) / 2 < split:  # the whole line centred: no cut
                out.extend(r.cut(at))
                continue
        out.append(r)
    return out


_SYMBOL_ANY = re.compile(r"\d\s*/\s*[A-ZĐ]{2,}")


def _motto_or_date(r: Run) -> bool:
    return bool(motto_run([r]) or _DATE.search(r.folded))


def _is_mark(text: str) -> bool:
    key = fold(text).strip(_SPECKS)
    return any(fold(m) == key for m in (*formats.URGENCY, *formats.SECRECY, *formats.COPY_FORMS))
