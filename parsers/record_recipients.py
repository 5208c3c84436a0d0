"""Who the document is sent to: the addressees under 'Kính gửi:', and the items of the 'Nơi nhận:'
list in the foot and where the foot starts when that label was lost."""

from __future__ import annotations

import re

from vnresolve.parsers import formats
from vnresolve.parsers.record_doubts import _doubt
from vnresolve.parsers.record_labels import _DATE, _FILED, _KINH_GUI
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import fold, iter_lines
from vnresolve.schemas import Document


# specks read at an item's ends ("' UBND …", 'Bộ Nội vụ; ˆ', 'z Các ban …': a lone small letter before
# the capital an item starts with); an item starts with a letter or digit and ends with one, ')' or its ';'
_ITEM_EDGE = re.compile(r"^(?:[^\w\-+•(]+|[a-zđ]\s+(?=[A-ZĐÂĂÊÔƠƯ]))|(?<=[\w).;:,])[^\w).;:,]+$")

_LABEL_END = re.compile(r"nh[a-z0-9]{1,2}n\s*:$")


def _item_edges(text: str) -> str:
    text = _ITEM_EDGE.sub("", text)
    head, sep, tail = text.rpartition(";")
    return head + sep if sep and len(tail.strip()) <= 2 else text  # a mark or two after the item's ';'


def _as_above(item: str, meta) -> str:
    """'Như' alone, its 'trên' lost: a letter's addressees go 'Như trên' (NĐ 30: those named under
    'Kính gửi:' above), doubted."""
    if fold(item) != "nhu" or not meta.addressees:
        return item
    _doubt(meta, "recipients", "the item 'Như' read alone; taken as 'Như trên' (the letter's addressees)", 0.5)
    return "Như trên"


def _unlabelled_foot(rs: list[Run], width: float, h: float) -> float | None:
    """The top of the foot when OCR lost the 'Nơi nhận:' label: the recipients list ends with its
    '- Lưu:' item, and its items above it stay in the left half, line under line; nothing on the
    page below it runs the page's width (the foot closes the document)."""
    left = [r for r in rs if r.x1 < width * 0.5]
    end = next((i for i in range(len(left) - 1, -1, -1) if _FILED.match(left[i].text)), None)
    if end is None or any(r.y0 > left[end].y1 and r.x0 < width * 0.3 and r.x1 > width * 0.7 for r in rs):
        return None
    first = left[end]
    for r in reversed(left[:end]):
        if first.y0 - r.y1 > 1.2 * h:
            break
        first = r
    # the signing authority stands level with the lost label, a row above the first item
    level = [r.y0 for r in rs if r.x0 > width * 0.5 and first.y0 - 3 * h <= r.y0 < first.y0
             and formats.authority_prefix(r.text)]
    return min([first.y0 - 1.5 * h, *level])


# the end of the sentence a legislative document closes on ('… kỳ họp thứ 9 thông qua ngày 17 tháng 6 năm 2020.')
_PASSED_WORDS = re.compile(r"\bth[o0]ng\s+qua\s+ng[a-z]{1,2}y\b")


def _passed_foot(rs: list[Run], width: float, h: float) -> float | None:
    """The top of the foot of a document that closes on the day it was passed and prints no 'Nơi nhận'
    (formats.CLOSED_BY_PASSING): under the last line saying so, where only the signature block follows (at the
    right; nothing below runs the page's width)."""
    at = next((i for i in range(len(rs) - 1, -1, -1) if _PASSED_WORDS.search(fold(rs[i].text))), None)
    if at is None or any(r.y0 > rs[at].y1 + 0.5 * h and r.x0 < width * 0.3 and r.x1 > width * 0.7 and len(r.text) > 60
                         for r in rs):
        return None
    return rs[at].y1 + 0.3 * h


def _addressees(doc: Document) -> None:
    lines = list(iter_lines(doc.text[: doc.pages[0].end if doc.pages else len(doc.text)]))
    for i, line in enumerate(lines):
        if m := _KINH_GUI.match(line.folded):
            rest = line.text[m.end():].strip()
            out = [rest.lstrip("-+• ").rstrip(" ,;.")] if rest else []
            for nxt in lines[i + 1: i + 15]:
                # one addressee under a 'Kính gửi:' alone takes no dash (NĐ 30)
                if nxt.text.startswith(("-", "+", "•")) or (not out and len(nxt.text) < 90 and not (formats.MOTTO.search(nxt.folded) or _DATE.search(nxt.folded))):
                    out.append(nxt.text.lstrip("-+• ").rstrip(" ,;."))
                elif out and len(nxt.text) < 60 and not nxt.text.endswith((".", ":")) and not out[-1].endswith(";"):
                    out[-1] = f"{out[-1]} {nxt.text.rstrip(' ,;.')}"
                else:
                    break
            doc.metadata.addressees = [o for o in out if o]
            return
