"""The document's agency list: each distinct agency once, with every mention.

Mentions come from tasks (roles read from the wording) and from indicator
tables (lead / cooperating / directing columns); ids follow first mention.
"""

from __future__ import annotations

from parsers.gazetteer import lookup
from schemas import Agency, Document, Mention


def parse_agencies(doc: Document) -> Document:
    agencies: dict[str, Agency] = {}

    def add(name: str, role: str, item: str, page: int | None, raw: str) -> None:
        agency = agencies.get(name)
        if agency is None:
            entry = lookup(name)
            agency = Agency(id=f"a{len(agencies) + 1}", name=name, kind=entry.kind if entry else None)
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
