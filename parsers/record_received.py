"""The received stamp ('CV ĐẾN  Số: 2352  Ngày: 21/3/18') of the body that received this copy; the national
e-government portal's ('CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ' over 'ĐẾN' and 'Giờ: … / Ngày: …') among them."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from vnresolve.parsers.record_doubts import _caps, _doubt_more
from vnresolve.parsers.record_labels import _DATE, _SO
from vnresolve.parsers.text import fold, iso_date, iter_lines
from vnresolve.schemas import Document, ReceivedStamp

PORTAL = "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"
_PORTAL_FOLDED = fold(PORTAL).lower()


_RECEIVED_MARK = re.compile(r"(?<![^\W\d_])[ĐD][ẾÊEÉỂ]N(?![^\W\d_])")  # 'ĐẾN' in capitals, as stamps print it
_RECV_NO = re.compile(r"s[o6]\s*[:.]\s*(?P<n>\d{1,6})")
_RECV_DATE = re.compile(r"ng[a-z]y\s*[:.]\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{2,4})")
# '28/0712024': the day's second slash read as '1' between a two-digit month and a four-digit year
_RECV_DATE_SLASH_LOST = re.compile(r"ng[a-z]y\s*[:.]\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{2})[1l|](?P<y>(?:19|20)\d{2})(?!\d)")
# the portal's 'Giờ: 09 h 15' ('Giò: 16 H 57', 'Giờ:14h21'): the hour it was received
_RECV_TIME = re.compile(r"gi[o0]\s*[:.]\s*\d{1,2}\s*(?:h|gio|:)\s*\d{0,2}")
_MARK_ALONE = re.compile(r"\W*(?:cv|cong van|van ban)?\s*den\W*")
# a stamp's field standing alone on its line: 'Giờ: 09 h 15', 'Ngày: 05/02/2025'
_FIELD_LINE = re.compile(r"\s*(?:gi[o0]|ng[a-z]y)\s*[:.][\s\d./:h-]*", re.IGNORECASE)


def _received(doc: Document, stamps: list[list] | None) -> tuple[float, float, float, float] | None:
    """'CV ĐẾN  Số: 2352  Ngày: 21/3/18': the stamp of the body that received this copy, read from the
    lines around its 'ĐẾN' mark or the portal's name (where the page has boxes: `stamps`, the lines inside
    the stamp's box (_stamp_groups), the stamp layer's included), never from running text that says 'đến';
    else from a small ruled table high on the first page, as OCR reads the portal's boxed stamp. Gives the
    box of the stamp recorded, where the page has one."""
    if not doc.pages:
        return None
    page = doc.pages[0]
    boxes: list = []
    if stamps is not None:
        # the stamp's fields stand on its 'ĐẾN' line or under it: the document's own 'Số:' line just above
        # the stamp (NĐ 30 sets the stamp under the number) is none of them
        candidates = [([x.text for x in group], [x.text for x in _below_mark(group)]) for group in stamps]
        boxes = [_union([x.bbox for x in _below_mark(group)]) for group in stamps]
    else:
        lines = list(iter_lines(doc.text[page.start: page.end]))
        marks = [i for i, line in enumerate(lines) if _is_received_mark(line.text) or portal_name(line.text)]
        # no boxes: the mark's line on first; the portal's name heads its stamp, whose fields all stand under it
        candidates = [([x.text for x in lines[max(0, i - 2): i + 4]],
                       [x.text for x in lines[i: i + 4] + ([] if portal_name(lines[i].text) else lines[max(0, i - 2): i])])
                      for i in marks]
        boxes = [None] * len(candidates)
    tables = _table_stamps(page)
    candidates += [(texts, texts) for texts, _ in tables]
    boxes += [box for _, box in tables]
    for (texts, own), box in zip(candidates, boxes):
        joined = " ".join(fold(t) for t in own)
        no, dt = _RECV_NO.search(joined), _RECV_DATE.search(joined) or _RECV_DATE_SLASH_LOST.search(joined)
        named = any(portal_name(t) for t in texts)
        # the portal's name with its 'ĐẾN' or its hour is its stamp, though the day under them was not read
        if not (no or dt or (named and any(_is_received_mark(t) or _RECV_TIME.search(fold(t)) for t in own))):
            continue
        date = None
        if dt:
            y = int(dt.group("y"))
            date = iso_date(y + 2000 if y < 100 else y, int(dt.group("m")), int(dt.group("d")))
        # the portal's name, however misread ('CÔNG THÔNG TÌN …'), is written as the portal writes it
        by = PORTAL if named else next(
            (t for t in texts if _caps(t) and len(t) > 12 and not _is_received_mark(t) and not _RECV_NO.search(fold(t))),
            None)
        doc.metadata.received.append(ReceivedStamp(by=by, number=no.group("n") if no else None, date=date,
                                                   page=page.number, raw=" / ".join(texts)))
        return box
    return None


def _union(boxes: list) -> tuple[float, float, float, float] | None:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def portal_name(text: str) -> bool:
    """A line that reads as the portal's name ('CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ'; 'CÔNG THÔNG TÌN …',
    'ÔNG THÔNG TIN … PHÙ' as OCR reads it), alone or with the stamp's 'ĐẾN' and fields after it."""
    folded = " ".join(fold(text).lower().split())
    if len(folded) < 0.8 * len(_PORTAL_FOLDED) or not _caps(text):
        return False  # the stamp prints it in capitals; a recipients' or body's line names the portal in lower case
    return fuzz.ratio(folded[: len(_PORTAL_FOLDED) + 2], _PORTAL_FOLDED) >= 85


def stamp_line(text: str) -> bool:
    """A received stamp's line: its 'ĐẾN' mark, the portal's name, or a 'Giờ: …' / 'Ngày: dd/mm/yyyy' field
    alone on its line; never an issuer's or a subject's line."""
    folded = fold(text)
    fields = _RECV_NO.search(folded) or _RECV_DATE.search(folded) or _RECV_TIME.search(folded)
    if _is_received_mark(text):
        # a capitals subject's line may say 'ĐẾN' ('GIAI ĐOẠN 2021 ĐẾN 2025'): the mark alone or with a field is the stamp's
        return fields is not None or _MARK_ALONE.fullmatch(folded) is not None
    return portal_name(text) or (_FIELD_LINE.fullmatch(folded) is not None and fields is not None)


def _table_stamps(page) -> list[tuple[list[str], tuple]]:
    """The cells' texts of each small ruled table in the first page's top third that holds a stamp's 'ĐẾN'
    or the portal's name: the portal's boxed stamp, read by OCR as a table ('CỔNG THÔNG TIN …' / 'ĐẾN' /
    'Giờ: … Ngày: …'), with the table's box."""
    out = []
    for table in page.tables:
        if table.rows > 4 or table.bbox is None or not page.height or table.bbox[1] > page.height / 3:
            continue
        texts = [c.text.strip() for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.text.strip()]
        if any(_is_received_mark(t) or portal_name(t) for t in texts):
            out.append((texts, table.bbox))
    return out


def _is_received_mark(text: str) -> bool:
    """A stamp's 'ĐẾN' ('CV ĐẾN', 'CÔNG VĂN ĐẾN'), printed in capitals, on a short line or one that
    also holds the stamp's 'Số:', 'Ngày:' or 'Giờ:' field; not a sentence that says 'đến'."""
    folded = fold(text)
    return (_RECEIVED_MARK.search(text) is not None
            and (len(folded.strip()) <= 24 or _RECV_NO.search(folded) is not None
                 or _RECV_DATE.search(folded) is not None or _RECV_TIME.search(folded) is not None))


def _below_mark(group: list) -> list:
    """The lines of a stamp's group that reach below the top of its 'ĐẾN' line."""
    top = next(line for line in group if _is_received_mark(line.text) or portal_name(line.text)).bbox[1]
    return [line for line in group if line.bbox[3] > top]


def _stamp_groups(page) -> list[list]:
    """For each 'ĐẾN' mark on the page, the lines inside the stamp around it, top to bottom: a box
    reaching a few line heights right of and below the mark."""
    groups = []
    for mark in page.lines:
        named = portal_name(mark.text)
        if not (_is_received_mark(mark.text) or named):
            continue
        h = max(1.0, mark.bbox[3] - mark.bbox[1])
        x0, y0, x1, y1 = mark.bbox[0] - 3 * h, mark.bbox[1] - 2.5 * h, mark.bbox[2] + 14 * h, mark.bbox[3] + 4 * h
        if named:  # the portal's name heads its box: 'ĐẾN' and the fields stand under it, no wider than it
            x0, y0, x1, y1 = mark.bbox[0] - 2 * h, mark.bbox[1] - 0.5 * h, mark.bbox[2] + 2 * h, mark.bbox[3] + 4 * h
        # parsers read the Document alone (never ingest), so the centre-in-box test is written here
        inside = [line for line in page.lines
                  if x0 <= (line.bbox[0] + line.bbox[2]) / 2 <= x1 and y0 <= (line.bbox[1] + line.bbox[3]) / 2 <= y1
                  and (line.role == "stamp" or line is mark or len(line.text) <= 48)]
        groups.append(sorted(inside, key=lambda line: (line.bbox[1], line.bbox[0])))
    return groups


def stamped_over(doc: Document, box: tuple[float, float, float, float] | None) -> None:
    """Doubt the date and the number where the received stamp recorded (its `box`), or a small ruled box high
    on the first page (a stamp too damaged to be read as one), stands on their line or touches it: OCR reads
    letters under or against a stamp's ink unsurely ('năm 2014' as '2012')."""
    if not doc.pages or not doc.pages[0].lines:
        return
    meta = doc.metadata
    page = doc.pages[0]
    boxes = [box] if box is not None else []
    boxes += [t.bbox for t in page.tables if t.source == "ruling-lines" and t.bbox is not None and t.rows <= 4
              and page.height and t.bbox[1] < page.height / 3]
    hs = sorted(line.bbox[3] - line.bbox[1] for line in page.lines)
    h = hs[len(hs) // 2]
    serial = (meta.number or "").split("/")[0]
    for field, value, holds in (("date", meta.date, lambda t: _DATE.search(fold(t)) is not None),
                                ("number", meta.number, lambda t: bool(serial) and serial in t and _SO.search(fold(t)))):
        if value is None:
            continue
        touched = next((line for line in page.lines if holds(line.text) and any(
            line.bbox[0] < b[2] and line.bbox[2] > b[0] and line.bbox[1] < b[3] + 0.25 * h and line.bbox[3] > b[1] - 0.25 * h
            for b in boxes)), None)
        if touched is not None:
            _doubt_more(meta, field, f"a stamp's box touches the line '{touched.text.strip()}': read under or against "
                                     f"its ink", 0.45)
