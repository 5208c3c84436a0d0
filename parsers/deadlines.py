"""Deadlines in task text: a day, a quarter or month, or a recurrence.

'trước ngày 31/01/2026' gives a date; 'từ Quý I/2026' the period '2026-Q1';
'hằng tháng' the recurrence 'monthly'. The first deadline phrase wins.
"""

from __future__ import annotations

import re

from vnresolve.parsers.text import fold, iso_date
from vnresolve.schemas import Deadline

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DATE = re.compile(r"(?:tr[uv][o6]c|ch[a4]m\s+nh[a4]t|d[e3]n|tr[o6]ng|h[a4]n)\s+ng[a-z]{1,2}y\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_QUARTER = re.compile(r"(?:(?:t[uw]|tr[o6]ng|tr[uv][o6]c|d[e3]n)\s+)?qu[yi]\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|n[a-z]m\s+)\s*(?P<y>\d{4})")
_MONTH = re.compile(r"(?:(?:t[uw]|tr[o6]ng|tr[uv][o6]c|d[e3]n)\s+)?th[a-z]ng\s+(?P<m>\d{1,2})\s*(?:/|n[a-z]m\s+)\s*(?P<y>\d{4})")
_YEAR = re.compile(r"(?:tr[o6]ng|tr[uv][o6]c)\s+n[a-z]m\s+(?P<y>20\d\d)")
_RECUR = [
    (re.compile(r"h[a4]n?g\s+th[a4]ng(?![a-z])"), "monthly"),
    (re.compile(r"h[a4]n?g\s+qu[yi](?![a-z])|theo\s+qu[yi](?=\s*[,;.)]|\s*$|\s+v[a4]\s)"), "quarterly"),
    (re.compile(r"(?:d[i1]nh\s+k[yi]\s+)?6\s+th[a4]ng"), "semiannual"),
    (re.compile(r"h[a4]n?g\s+n[a4]m(?![a-z])"), "yearly"),
    (re.compile(r"h[a4]n?g\s+tu[a4]n"), "weekly"),
]


def find_deadline(text: str) -> Deadline | None:
    folded = fold(text)
    hits: list[tuple[int, int, str | None, str | None]] = []
    if m := _DATE.search(folded):
        if date := iso_date(m.group("y"), m.group("m"), m.group("d")):
            hits.append((m.start(), m.end(), date, None))
    if m := _QUARTER.search(folded):
        hits.append((m.start(), m.end(), None, f"{m.group('y')}-Q{_ROMAN_Q[m.group('q')]}"))
    if m := _MONTH.search(folded):
        if 1 <= int(m.group("m")) <= 12:
            hits.append((m.start(), m.end(), None, f"{m.group('y')}-{int(m.group('m')):02d}"))
    if m := _YEAR.search(folded):
        hits.append((m.start(), m.end(), None, m.group("y")))
    if not hits:
        for pattern, period in _RECUR:
            if m := pattern.search(folded):
                hits.append((m.start(), m.end(), None, period))
                break
    if not hits:
        return None
    start, end, date, period = min(hits)
    return Deadline(text=text[start:end], date=date, period=period)
