"""Agencies named in a clause and the role the wording gives each.

'Giao Văn phòng Tỉnh ủy chủ trì, phối hợp với Cơ quan UBKT Tỉnh ủy … theo
dõi' makes the first the lead and the second cooperating; the cue words sit
right before or right after the name, so a small window on each side decides.
"""

from __future__ import annotations

import re

from vnresolve.parsers.gazetteer import Found, find_in_text
from vnresolve.parsers.text import fold
from vnresolve.schemas import AgencyRef

_BEFORE = [
    (re.compile(r"ph[o6][i1]\s+h[o6]p(?:\s+(?:ch[a-z]t\s+ch[e3]\s+)?v[o6][i1])?(?:\s+c[a-z]c)?[\s,]*$"), "cooperating"),
    (re.compile(r"(?:g[uv][i1]|b[a4]o\s+c[a4]o|tr[i1]nh|qu[a4])\s+(?:v[e3]\s+)?(?:\(?\s*)?$"), "reporting_to"),
    (re.compile(r"(?:g[i1][a4]o|d[e3]\s+ngh[i1])\s+$"), "lead"),
]
_AFTER = [
    (re.compile(r"^[\s,]*(?:ch[u]\s+tr[i1]|l[a4]\s+c[o6]\s+qu[a4]n\s+th[uvw]{1,2}ng\s+tr[uvw]c)"), "lead"),
    (re.compile(r"^[\s,]*(?:l[a4]nh\s+d[a4]o|ch[i1]\s+d[a4]o)"), "directing"),
    (re.compile(r"^[\s,]*(?:theo\s+d[o6]i|g[i1][a4]m\s+s[a4]t|d[o6]n\s+d[o6]c|k[i1][e3]m\s+tr[a4])"), "monitoring"),
    (re.compile(r"^[\s,]*(?:tr[i1][e3]n\s+kh[a4][i1]|th[uvw]c\s+h[i1][e3]n|th[a4]m\s+m[uvw]u|x[a4]y\s+d[uvw]ng|h[uvw][o6]ng\s+d[a4]n|t[o6]\s+ch[uvw]c|d[i1]nh\s+h[uvw][o6]ng|t[a4]ng\s+c[uvw][o6]ng|c[uvw]\s+th[a-z0-9]{1,2}\s+h[a-z0-9]{1,2}a|b[a4]n\s+h[a4]nh)"), "lead"),
]


_REMIT = re.compile(r"^[\s,]*(?:c[a-z]n\s+c[uvw]\s+[^,]{0,30},\s*)?theo\s+ch[a-z0-9]{1,3}c\s+n[a-z0-9]{1,3}ng[^.;]{0,50}?(?=\s(?:t[o6]\s+ch|tr[i1][e3]n|th[uvwy]c|x[a4]y|l[a4]nh|ch[i1]\s+d|ch[uvw]\s+tr|c[uvw]\s+th))")


def role_of(folded: str, found: Found) -> str:
    before = folded[max(0, found.start - 40) : found.start]
    after = folded[found.end : found.end + 120]
    if m := _REMIT.match(after):
        after = after[m.end() :]  # '… theo chức năng, nhiệm vụ, quyền hạn tổ chức …': the verb decides
    after = after[:30]
    for pattern, role in _BEFORE[:2]:
        if pattern.search(before):
            return role
    for pattern, role in _AFTER:
        if pattern.search(after):
            return role
    return "lead" if _BEFORE[2][0].search(before) else "mentioned"


def agencies_in(text: str) -> list[AgencyRef]:
    """Each gazetteer agency in `text` once, with the strongest role found for it."""
    folded = fold(text)
    refs: dict[str, AgencyRef] = {}
    order: list[str] = []
    mentions = find_in_text(text, folded)
    for found in mentions:
        role = role_of(folded, found)
        prev = refs.get(found.name)
        if prev is None:
            refs[found.name] = AgencyRef(name=found.name, role=role, raw=found.raw)
            order.append(found.name)
        elif prev.role == "mentioned" and role != "mentioned":
            prev.role = role
    # A clause that opens with an agency makes it the actor even without a cue word.
    if order:
        first = mentions[0]
        lead_words = re.sub(r"^[\s\d.)(\-+•*:]+", "", folded[: first.start]).strip()
        if refs[first.name].role == "mentioned" and (not lead_words or lead_words in ("giao", "de nghi")):
            refs[first.name].role = "lead"
    return [refs[name] for name in order]
