"""Goals: the general goal ('Mục tiêu tổng quát') and specific goals ('Mục tiêu cụ thể')."""

from __future__ import annotations

import re

from vnresolve.parsers.sections import section_offsets
from vnresolve.parsers.text import fold, is_noise_line, squash
from vnresolve.schemas import Document, Goal

_GENERAL = re.compile(r"m[a-z]c\s+t[a-z0-9]{1,3}u\s+t[a-z0-9]ng\s+qu[a-z0-9]t")
_SPECIFIC = re.compile(r"m[a-z]c\s+t[a-z0-9]{1,3}u\s+c[a-z]\s+th[a-z0-9]")
_ITEM_START = re.compile(r"\n\s*(?=[-+•]|\(\d{1,2}\))")


def _body(doc: Document, index: int, offsets: list[int]) -> tuple[int, str]:
    start = offsets[index] + len(doc.sections[index].raw)
    end = offsets[index + 1] if index + 1 < len(offsets) else len(doc.text)
    raw = doc.text[start:end]
    return start, "\n".join(line for line in raw.splitlines() if not is_noise_line(line))


def parse_goals(doc: Document) -> Document:
    offsets = section_offsets(doc)
    goals: list[Goal] = []
    for i, section in enumerate(doc.sections):
        title = fold(section.title)
        general, specific = _GENERAL.search(title), _SPECIFIC.search(title)
        if not (general or specific):
            continue
        start, body = _body(doc, i, offsets)
        if general:
            # 'I- MỤC TIÊU TỔNG QUÁT VÀ CÁC CHỈ TIÊU' is a parent: its own body is the goal only if it has text
            text = squash(body)
            if text:
                goals.append(Goal(id=f"g{len(goals) + 1}", kind="general", text=text, section=section.id,
                                  page=doc.page_at(start), raw=body.strip()))
            continue
        for part in _ITEM_START.split(body):
            text = squash(part).lstrip("-+• ")
            if text:
                goals.append(Goal(id=f"g{len(goals) + 1}", kind="specific", text=text, section=section.id,
                                  page=doc.page_at(start), raw=part.strip()))
    doc.goals = goals
    return doc
