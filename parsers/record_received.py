"""The received stamp ('CV ĐẾN  Số: 2352  Ngày: 21/3/18') of the body that received this copy."""

from __future__ import annotations

import re

from vnresolve.parsers.record_doubts import _caps
from vnresolve.parsers.text import fold, iso_date, iter_lines
from vnresolve.schemas import Document, ReceivedStamp


_RECEIVED_MARK = re.compile(r"(?<![^\W\d_])[ĐD][ẾÊEÉỂ]N(?![^\W\d_])")  # 'ĐẾN' in capitals, as stamps print it
_RECV_NO = re.compile(r"s[o6]\s*[:.]\s*(?P<n>\d{1,6})")
_RECV_DATE = re.compile(r"ng[a-z]y\s*[:.]\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{2,4})")


def _received(doc: Document, stamps: list[list] | None) -> None:
    """'CV ĐẾN  Số: 2352  Ngày: 21/3/18': the stamp of the body that received this copy, read from the
    lines around its 'ĐẾN' mark (where the page has boxes: `stamps`, the lines inside the stamp's box
    (_stamp_groups), the stamp layer's included), never from running text that says 'đến'."""
    if not doc.pages:
        return
    page = doc.pages[0]
    if stamps is not None:
        groups = stamps
        # the stamp's fields stand on its 'ĐẾN' line or under it: the document's own 'Số:' line just above
        # the stamp (NĐ 30 sets the stamp under the number) is none of them
        fields = [_below_mark(group) for group in groups]
    else:
        lines = list(iter_lines(doc.text[page.start: page.end]))
        marks = [i for i, line in enumerate(lines) if _is_received_mark(line.text)]
        groups = [lines[max(0, i - 2): i + 4] for i in marks]
        fields = [lines[i: i + 4] + lines[max(0, i - 2): i] for i in marks]  # no boxes: the mark's line on first
    for group, own in zip(groups, fields):
        texts = [x.text for x in group]
        joined = " ".join(fold(x.text) for x in own)
        no, dt = _RECV_NO.search(joined), _RECV_DATE.search(joined)
        if not (no or dt):
            continue
        date = None
        if dt:
            y = int(dt.group("y"))
            date = iso_date(y + 2000 if y < 100 else y, int(dt.group("m")), int(dt.group("d")))
        by = next((t for t in texts if _caps(t) and len(t) > 12 and not _is_received_mark(t)
                   and not _RECV_NO.search(fold(t))), None)
        doc.metadata.received.append(ReceivedStamp(by=by, number=no.group("n") if no else None, date=date,
                                                   page=page.number, raw=" / ".join(texts)))
        return


def _is_received_mark(text: str) -> bool:
    """A stamp's 'ĐẾN' ('CV ĐẾN', 'CÔNG VĂN ĐẾN'), printed in capitals, on a short line or one that
    also holds the stamp's 'Số:' field; not a sentence that says 'đến'."""
    folded = fold(text)
    return (_RECEIVED_MARK.search(text) is not None
            and (len(folded.strip()) <= 24 or _RECV_NO.search(folded) is not None))


def _below_mark(group: list) -> list:
    """The lines of a stamp's group that reach below the top of its 'ĐẾN' line."""
    top = next(line for line in group if _is_received_mark(line.text)).bbox[1]
    return [line for line in group if line.bbox[3] > top]


def _stamp_groups(page) -> list[list]:
    """For each 'ĐẾN' mark on the page, the lines inside the stamp around it, top to bottom: a box
    reaching a few line heights right of and below the mark."""
    groups = []
    for mark in page.lines:
        if not _is_received_mark(mark.text):
            continue
        h = max(1.0, mark.bbox[3] - mark.bbox[1])
        x0, y0, x1, y1 = mark.bbox[0] - 3 * h, mark.bbox[1] - 2.5 * h, mark.bbox[2] + 14 * h, mark.bbox[3] + 4 * h
        # parsers read the Document alone (never ingest), so the centre-in-box test is written here
        inside = [line for line in page.lines
                  if x0 <= (line.bbox[0] + line.bbox[2]) / 2 <= x1 and y0 <= (line.bbox[1] + line.bbox[3]) / 2 <= y1
                  and (line.role == "stamp" or line is mark or len(line.text) <= 48)]
        groups.append(sorted(inside, key=lambda line: (line.bbox[1], line.bbox[0])))
    return groups
