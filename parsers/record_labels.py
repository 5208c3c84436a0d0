"""The labels the official forms print (NĐ 30/2020, HD 36) as OCR reads them: 'Số:' and the
symbol, the date line, 'V/v', 'Kính gửi:', 'Nơi nhận:' and the 'Lưu:' item. The header's and the
foot's readers find their lines by them."""

from __future__ import annotations

import re

from vnresolve.parsers.formats import MOTTO, NUMBER_LABEL, SECRECY, SLOGAN, URGENCY
from vnresolve.parsers.regions import Run
from vnresolve.parsers.text import caps, fold


# behind a margin mark: 'z) Số 415/CV-PA83'; its S read as a look-alike digit ('3õ: 394/TB-UBND')
# a legislative document's type before it ('Luật số:', formats.NUMBER_LABEL)
_SO = re.compile(rf"^(?:\S{{1,2}}\s+)?\W{{0,3}}(?:{NUMBER_LABEL})?(?:s[o6eé0ô]|[53$]o)[:.;]?\s*")
_SYMBOL = re.compile(r"(?P<num>[0-9OoØ©lI|]{0,5}[^\sA-Za-zĐđ/]{0,2})\s*(?P<sym>(?:/\s*(?:(?:19|20)\d\d\s*/\s*)?|-\s*)"
                     r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:\s*[-/]\s*[A-Za-zĐđ0-9&]+)*)")

# a 'Số' label, a serial and the slash or hyphen after it: the number line, whatever its symbol was read
# as (an address in a letterhead, 'Số 5 Lê Lợi', has none)
_NUMBER_LABEL = re.compile(rf"^\W{{0,3}}(?:{NUMBER_LABEL})?s[o6]\s*[:.;]?\s*\d+\s*[/-]")

# 'ngày' read with its g as a look-alike ('nuày', 'nqày'), its n as an h ('hgày'), or it or 'năm' with a speck
# after it ('ngày. 26', 'năm.2025'): the month, 'năm' and the year after it say it is the date
# a speck after 'năm' may be read as a sign stuck to it ('năm.2025', 'năm-2003')
# 'năm' with its n read 'ri' ('riăm': the n's arch broken at its right stem), between a 'tháng' and a year
DAY_WORD, MONTH_WORD, YEAR_WORD = r"(?:n[gqu]|hg)[a-z0-9]{1,2}y?[.,'`]?", r"th[a-z0-9]{1,3}ng", r"(?:n|ri)[a-z0-9]{1,2}m[.,'`_-]?"
# the day and month as read, digits or not (a handwritten or misread day is doubted, not passed over)
_DATE = re.compile(rf"{DAY_WORD}\s*(?P<d>\S{{0,4}}?)\s*{MONTH_WORD}\s*(?P<m>\S{{0,4}}?)\s*{YEAR_WORD}\s*(?P<y>\d{{4}})")
# 'V/v', read 'viv' or 'V/w' too, or restored 'V/và' (the restorer takes its lone 'v' for a word)
_VV = re.compile(r"^\W{0,2}v\s*[/il|]\s*[vw]a?\b\.?\s*")
_KINH_GUI = re.compile(r"^\W{0,2}k[i1]nh\s+g[uvyo][i1]\s*:?\s*")  # 'Kính gửi:', in the South 'Kính gởi:'
# 'Nơi nhận:'; its first letter misread ('với nhận:', 'IVơi nhận:' with the N's strokes apart, 'Mưi nhận:') or lost
# under the Party's underline ('ơi nhận:'),
# or a sign read for its space ('Nơi-nhận:', a skewed line's), only with the colon that ends the label, and
# only in the left half, where the label stands ('tới nhận:' may begin a line of the body)
_RECIPIENTS = re.compile(r"^\W*n[o6][i1]\s+nh[a-z0-9]{1,2}n\s*:?\s*")
_RECIPIENTS_MISREAD = re.compile(r"^\W*+(?:[a-z]{0,2}[o6u][i1]\s+|n[o6][i1][^\w\s])nh[a-z0-9]{1,2}n\s*:\s*")


def _recipients_label(r: Run, width: float) -> re.Match | None:
    """The 'Nơi nhận:' label at the start of the run, if it is one."""
    return _RECIPIENTS.match(r.folded) or (_RECIPIENTS_MISREAD.match(r.folded) if r.x1 < width * 0.5 else None)


# '- Lưu: VT, …', 'Lưu PA83', HD 36's 'Lưu Văn phòng …': the office copy, the recipients list's last item (not
# 'Lưu ý' in a paragraph)
_FILED = re.compile(r"^\W*L(?:[ưu]u|[ƯU]U)\s*(?::|[A-ZĐ]{2}|[Vv][ăaâ]n\s+(?:[Pp]h|[Tt]h))")


VV_MORE_LINES = 3  # a V/v subject runs over at most this many lines more under its first
# a line that is none of a subject's: a list item or addressee ('- Sở Y tế;', '1. Tình hình'), a day without its year
_ITEM_LINE = re.compile(r"^(?:[-+•]\s|\d{1,2}\s*[.)]\s)")
_DAY_LINE = re.compile(rf"{DAY_WORD}\s*\S{{0,4}}\s*{MONTH_WORD}")


def vv_subject(text: str, lines: list, at: int) -> str:
    """The subject of the 'V/v …' line `lines[at]` (parsers.text.iter_lines of `text`) and the lines it runs on
    to in its column ('V/v triển khai thực hiện Quyết định số' / '486/QĐ-UBND ngày 17/09/2023 của' / 'Ủy ban
    nhân dân huyện …'). They count only where the header's next element ends them within VV_MORE_LINES: a blank
    line, a line in capitals (the motto, a header's), 'Kính gửi:', the place-date line, a number, recipients or
    V/v label; a list item, a mark, a line as wide as the body's or one ending a sentence ends them too but
    proves nothing, and then the first line is the subject alone."""
    marks = {fold(m) for m in (*URGENCY, *SECRECY)}
    first = lines[at]
    parts = [first.text[_VV.match(first.folded).end():].strip()]
    ended = False
    for prev, line in zip(lines[at:at + VV_MORE_LINES + 1], lines[at + 1:at + 2 + VV_MORE_LINES]):
        if text.count("\n", prev.end, line.start) > 1 or caps(line.text) or MOTTO.search(line.folded) \
                or SLOGAN.search(line.folded) or _KINH_GUI.match(line.folded) or _DATE.search(line.folded) \
                or _NUMBER_LABEL.match(line.folded) or _RECIPIENTS.match(line.folded) or _VV.match(line.folded):
            ended = True
            break
        if (_ITEM_LINE.match(line.text) or line.folded.strip(" .") in marks or _DAY_LINE.search(line.folded)
                or len(line.text) > max(60, 1.6 * len(first.text)) or line.text.rstrip().endswith((":", "."))
                or len(parts) > VV_MORE_LINES):
            break
        parts.append(line.text.strip())
    return " ".join(p for p in (parts if ended else parts[:1]) if p)
