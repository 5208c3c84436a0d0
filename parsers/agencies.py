"""The document's agency list: each distinct agency once, with every mention.

Mentions come from tasks (roles read from the wording) and from indicator
tables (lead / cooperating / directing columns); ids follow first mention.
"""

from __future__ import annotations

import re

from vnresolve.parsers.gazetteer import lookup
from vnresolve.parsers.text import fold
from vnresolve.schemas import Agency, Document, Mention

# Names outside the gazetteer still say what they are by their head word.
_KIND_BY_HEAD = [
    (re.compile(r"(?:^|\s)(?:dang\s+uy|dang\s+bo|cap\s+uy|chi\s+bo|tinh\s+uy|huyen\s+uy|thanh\s+uy|to\s+chuc\s+dang)(?:\s|$)|"
                r"^ban\s+.*\s(?:tinh|huyen|thanh|dang)\s+uy$"), "party"),
    (re.compile(r"^(?:cac\s+)?(?:hoi|doan\s+thanh\s+nien|mat\s+tran|lien\s+doan|tinh\s+doan)(?:\s|$)"), "mass-organisation"),
    (re.compile(r"^(?:cac\s+)?(?:so|cuc|chi\s+cuc|ubnd|uy\s+ban|hdnd|hoi\s+dong|thanh\s+tra|cong\s+an|truong|bo|kho\s+bac|"
                r"ngan\s+hang|toa\s+an|vien|bao|trung\s+tam|co\s+quan|van\s+phong)(?:\s|$)"), "state"),
]


def guess_kind(name: str) -> str | None:
    folded = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(name)).split())
    for pattern, kind in _KIND_BY_HEAD:
        if pattern.search(folded):
            return kind
    return None


def parse_agencies(doc: Document) -> Document:
    agencies: dict[str, Agency] = {}

    def add(name: str, role: str, item: str, page: int | None, raw: str) -> None:
        agency = agencies.get(name)
        if agency is None:
            entry = lookup(name)
            agency = Agency(id=f"a{len(agencies) + 1}", name=name, kind=entry.kind if entry else guess_kind(name))
            agencies[name] = agency
        if raw and raw != name and raw not in agency.aliases:
            agency.aliases.append(raw)
        agency.mentions.append(Mention(role=role, item=item, page=page, raw=raw))

    for ind in doc.indicators:
        for role, names in (("directing", ind.directing_bodies), ("lead", ind.lead_agencies),
                            ("cooperating", ind.cooperating_agencies)):
            if ind.source == "text" and ind.linked:
                continue  # the linked table row carries these mentions
            for name in names:
                add(name, role, ind.id, ind.page, name)
    for task in doc.tasks:
        for ref in task.agencies:
            add(ref.name, ref.role, task.id, task.page, ref.raw)
    doc.agencies = list(agencies.values())
    return doc
